// A time-skipping Temporal test server with the real worker, the real activities and the real
// PostgreSQL read model: deadlines of days pass in milliseconds.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createPermitWorker, workflowBundleOptions } from '../../apps/worker/src/worker.factory';
import type { AppConfig } from '../../libs/config/config';
import { createDataSource } from '../../libs/database/data-source';

let runtimeInstalled = false;
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed by another suite in this process
  }
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Workflow code is bundled once per test process, as the worker bundles it, and reused by every worker. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ ...workflowBundleOptions, logger: new DefaultLogger('WARN') });
  return bundle;
}

export interface TimeSkippingHarness {
  env: TestWorkflowEnvironment;
  db: DataSource;
  taskQueue: string;
  worker: Worker;
  running: Promise<void>;
  close(): Promise<void>;
}

/** `smtp`: the mail server the worker's notifier sends to (none: notifications stay in the outbox). */
export async function startTimeSkipping(
  taskQueue: string,
  opts: { smtp?: { host: string; port: number; from: string }; smsGateway?: AppConfig['smsGateway'] } = {},
): Promise<TimeSkippingHarness> {
  quietRuntime();
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  const env = await TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
  const db = await createDataSource(process.env.TEST_DATABASE_URL!, { poolSize: 4 }).initialize();
  const worker = await createPermitWorker({
    connection: env.nativeConnection,
    db,
    config: { temporal: { address: '', namespace: env.namespace ?? 'default', taskQueue }, smtp: opts.smtp, smsGateway: opts.smsGateway, publicBaseUrl: 'https://satupintu.jakarta.go.id' },
    workflowBundle: await workflowBundle(),
  });
  const running = worker.run();
  return {
    env,
    db,
    taskQueue,
    worker,
    running,
    async close() {
      worker.shutdown();
      await running;
      await db.destroy();
      await env.teardown();
    },
  };
}

/**
 * Registers a suite's harness: started before its tests on a task queue of its own (`name` and a
 * random suffix) and handed to `take`, closed after them.
 */
export function timeSkippingSuite(name: string, take: (h: TimeSkippingHarness) => void): void {
  let h: TimeSkippingHarness | undefined;
  beforeAll(async () => {
    h = await startTimeSkipping(`${name}-${randomUUID()}`);
    take(h);
  });
  afterAll(async () => {
    await h?.close();
  });
}

/**
 * Re-checks a condition on live state until it holds (state, not time, decides), giving up after
 * `attempts` looks with a message that shows the last state seen.
 */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string, attempts = 300): Promise<T> {
  let last: T | undefined;
  for (let i = 0, delay = 10; i < attempts; i++, delay = Math.min(delay * 2, 100)) {
    last = await probe();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, delay));
  }
  throw new Error(`${what} never held; last state: ${JSON.stringify(last)?.slice(0, 2000)}`);
}

/** Moves the test server's clock forward to an instant, so a story starts on a known day. */
export async function sleepUntil(h: TimeSkippingHarness, isoInstant: string): Promise<void> {
  const now = await h.env.currentTimeMs();
  const target = Date.parse(isoInstant);
  if (target <= now) throw new Error(`${isoInstant} is already past on the test server (now ${new Date(now).toISOString()})`);
  await h.env.sleep(target - now);
}
