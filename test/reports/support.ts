// Report tests need a read model nobody else writes to: each suite gets its own database on the
// PostgreSQL that global-setup started, migrated and seeded, and an API bound to it.
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { closeApiApp, createApiApp } from '../../apps/api/src/app.factory';
import { mintToken, Principal } from '../../libs/auth/token';
import { loadConfig } from '../../libs/config/config';
import { createDataSource, migrate } from '../../libs/database/data-source';
import { seed } from '../../libs/database/seed';
import { createLogger } from '../../libs/logging/logger';
import { quietRuntime } from '../support/time-skipping';

export interface ScratchDatabase {
  url: string;
  db: DataSource;
  drop(): Promise<void>;
}

function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** A fresh database beside the shared one: migrated, seeded (agencies and offices), empty otherwise. */
export async function scratchDatabase(label: string): Promise<ScratchDatabase> {
  const shared = process.env.TEST_DATABASE_URL!;
  const name = `${label}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: adminUrl(shared) });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(shared);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = await createDataSource(url, { poolSize: 4 }).initialize();
  await migrate(db);
  await seed(db);
  return {
    url,
    db,
    async drop() {
      if (db.isInitialized) await db.destroy();
      const c = new Client({ connectionString: adminUrl(shared) });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface ReportsApi {
  token(p: Partial<Principal> & { role: Principal['role'] }): Promise<string>;
  http<T = any>(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<HttpAnswer<T>>;
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
    token: (p) => mintToken(config.auth.jwtSecret!, { sub: p.sub ?? `${p.role}-reports`, ...p }),
    async http(method, path, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      if (method === 'POST' && !('idempotency-key' in headers)) headers['idempotency-key'] = randomUUID();
      const res = await fetch(baseUrl + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, headers: res.headers, body: parsed as any, text };
    },
    close: () => closeApiApp(app),
  };
}
