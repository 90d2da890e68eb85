// The whole platform in one test process: the NestJS API on a real port and the worker, against the
// dev server and PostgreSQL started by global-setup. Each suite gets its own task queue.
import { NativeConnection, Worker } from '@temporalio/worker';
import { httpClient } from './http';
export type { HttpAnswer } from './http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { closeApiApp, createApiApp } from '../../apps/api/src/app.factory';
import { createPermitWorker } from '../../apps/worker/src/worker.factory';
import { mintToken, Principal } from '../../libs/auth/token';
import { AppConfig, loadConfig } from '../../libs/config/config';
import { createDataSource } from '../../libs/database/data-source';
import { createLogger } from '../../libs/logging/logger';
import { quietRuntime, workflowBundle } from './time-skipping';

export interface Platform {
  baseUrl: string;
  config: AppConfig;
  db: DataSource;
  logLines: string[];
  token(p: Partial<Principal> & { role: Principal['role'] }): Promise<string>;
  http: ReturnType<typeof httpClient>;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Registers a suite's platform: started before its tests and handed to `take`, closed after them. `opts`
 * may be a function, read when the platform starts (after the suite's earlier beforeAll hooks have run).
 */
export function platformSuite(take: (p: Platform) => void, opts: PlatformOptions | (() => PlatformOptions) = {}): void {
  let p: Platform | undefined;
  beforeAll(async () => {
    p = await startPlatform(typeof opts === 'function' ? opts() : opts);
    take(p);
  });
  afterAll(async () => {
    await p?.close();
  });
}

export type PlatformOptions = { worker?: boolean; env?: Record<string, string> };

/** `env` adds settings to the test configuration (for example a low RATE_LIMIT for one suite). */
export async function startPlatform(opts: PlatformOptions = {}): Promise<Platform> {
  quietRuntime();
  const taskQueue = `test-${randomUUID()}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.TEST_DATABASE_URL,
    TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'info',
    PORT: '0',
    ...opts.env,
  });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger(config.logLevel, { process: 'api' }, sink);
  const app: NestExpressApplication = await createApiApp(config, logger);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const db = await createDataSource(config.databaseUrl, { poolSize: 4 }).initialize();

  let worker: { worker: Worker; running: Promise<void>; connection: NativeConnection } | undefined;
  const platform: Platform = {
    baseUrl,
    config,
    db,
    logLines,
    token: (p) => mintToken(config.auth.jwtSecret!, { sub: p.sub ?? `${p.role}-${p.agency ?? 'test'}`, ...p }),
    http: httpClient(baseUrl),
    async startWorker() {
      const connection = await NativeConnection.connect({ address: config.temporal.address });
      const w = await createPermitWorker({ connection, db, config, workflowBundle: await workflowBundle() });
      worker = { worker: w, running: w.run(), connection };
    },
    async stopWorker() {
      if (!worker) return;
      worker.worker.shutdown();
      await worker.running;
      await worker.connection.close();
      worker = undefined;
    },
    async close() {
      await platform.stopWorker();
      await closeApiApp(app);
      await db.destroy();
    },
  };
  if (opts.worker !== false) await platform.startWorker();
  return platform;
}
