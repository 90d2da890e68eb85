// Report tests need a read model nobody else writes to: each suite gets its own database on the
// PostgreSQL that global-setup started, migrated and seeded, and an API bound to it.
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { httpClient } from '../support/http';
import { DataSource } from 'typeorm';
import { closeApiApp, createApiApp } from '../../apps/api/src/app.factory';
import { mintToken, Principal } from '../../libs/auth/token';
import { loadConfig } from '../../libs/config/config';
import { createDataSource, migrate } from '../../libs/database/data-source';
import { seed } from '../../libs/database/seed';
import { openScratchDatabase } from '../../libs/dev/services';
import { createLogger } from '../../libs/logging/logger';
import { quietRuntime } from '../support/time-skipping';

export interface ScratchDatabase {
  url: string;
  db: DataSource;
  drop(): Promise<void>;
}

/** A fresh database beside the shared one: migrated, seeded (agencies and offices), empty otherwise. */
export async function scratchDatabase(label: string): Promise<ScratchDatabase> {
  const scratch = await openScratchDatabase(label, process.env.TEST_DATABASE_URL!);
  const db = await createDataSource(scratch.url, { poolSize: 4 }).initialize();
  await migrate(db);
  await seed(db);
  return {
    url: scratch.url,
    db,
    async drop() {
      if (db.isInitialized) await db.destroy();
      await scratch.close();
    },
  };
}

export interface ReportsApi {
  baseUrl: string;
  token(p: Partial<Principal> & { role: Principal['role'] }): Promise<string>;
  http: ReturnType<typeof httpClient>;
  close(): Promise<void>;
}

/** The real API (NestJS, guards, validation, problem+json) on a free port, reading the given database. */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<ReportsApi> {
  quietRuntime();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: `reports-${randomUUID()}`,
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...env,
  });
  const app: NestExpressApplication = await createApiApp(config, createLogger('silent', { process: 'api' }));
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    baseUrl,
    token: (p) => mintToken(config.auth.jwtSecret!, { sub: p.sub ?? `${p.role}-reports`, ...p }),
    http: httpClient(baseUrl),
    close: () => closeApiApp(app),
  };
}

export interface ReportsSuite {
  scratch: ScratchDatabase;
  api: ReportsApi;
  /** A token of the governor's office, which every report lets read. */
  admin: string;
}

/**
 * Registers the suite's setup: before its tests, a scratch database named by `label` (loaded with
 * `load`, when given) and the API on it; after them, both torn down. The fields are set once the
 * suite's tests run.
 */
export function reportsSuite(label: string, load?: (db: DataSource) => Promise<void>): ReportsSuite {
  const suite = {} as ReportsSuite;
  beforeAll(async () => {
    suite.scratch = await scratchDatabase(label);
    if (load) await load(suite.scratch.db);
    suite.api = await startApi(suite.scratch.url);
    suite.admin = await suite.api.token({ role: 'admin', sub: 'governor-office' });
  });
  afterAll(async () => {
    await suite.api?.close();
    await suite.scratch?.drop();
  });
  return suite;
}
