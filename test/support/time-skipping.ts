// A time-skipping Temporal test server with the real worker, the real activities and the real
// PostgreSQL read model: deadlines of days pass in milliseconds.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import { OutboxNotifier } from '../../activities/notifier';
import { createPermitWorker, workflowBundleOptions } from '../../apps/worker/src/worker.factory';
import { BusinessCalendar, type CalendarSource } from '../../libs/calendar';
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

/** The time-skipping test server (the toolchain's binary when there is one) and a pool on the test database. */
export async function startTimeSkippingServer(): Promise<{ env: TestWorkflowEnvironment; db: DataSource }> {
  quietRuntime();
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  const env = await TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
  const db = await createDataSource(process.env.TEST_DATABASE_URL!, { poolSize: 4 }).initialize();
  return { env, db };
}

/**
 * A worker of another release: `bundle` is that release's workflow code (e.g. a fixture's catalogue),
 * with today's activities and no sticky cache, so a history it leaves is replayed by whichever worker
 * takes over.
 */
export async function startReleaseWorker(env: TestWorkflowEnvironment, db: DataSource, taskQueue: string, bundle: WorkflowBundleWithSourceMap): Promise<{ worker: Worker; running: Promise<void> }> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    maxCachedWorkflows: 0,
    activities: createActivities({ db, calendar: new BusinessCalendar(), notifier: new OutboxNotifier(db) }),
  });
  return { worker, running: worker.run() };
}

/** Bundles the workflow code at `workflowsPath` (a fixture standing for another release). */
export function bundleRelease(workflowsPath: string): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
}

/** `smtp`: the mail server the worker's notifier sends to (none: notifications stay in the outbox). */
export async function startTimeSkipping(
  taskQueue: string,
  opts: { smtp?: { host: string; port: number; from: string }; smsGateway?: AppConfig['smsGateway']; calendars?: CalendarSource } = {},
): Promise<TimeSkippingHarness> {
  const { env, db } = await startTimeSkippingServer();
  const worker = await createPermitWorker({
    connection: env.nativeConnection,
    db,
    config: { temporal: { address: '', namespace: env.namespace ?? 'default', taskQueue }, smtp: opts.smtp, smsGateway: opts.smsGateway, publicBaseUrl: 'https://satupintu.jakarta.go.id' },
    workflowBundle: await workflowBundle(),
    // The code's calendar, not the shared database's admin-run one: another suite's closure must not move these stories' dates.
    calendar: new BusinessCalendar(),
    calendars: opts.calendars,
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

export interface RealServerHarness {
  db: DataSource;
  client: Client;
  taskQueue: string;
}

/**
 * Registers a suite's worker on the real Temporal dev server started by globalSetup, in real time, on a
 * task queue of its own (`name` and a random suffix); the harness is handed to `take` before the tests.
 */
export function realServerSuite(name: string, take: (h: RealServerHarness) => void): void {
  const taskQueue = `${name}-${randomUUID()}`;
  let db: DataSource | undefined;
  let connection: Connection | undefined;
  let nativeConnection: NativeConnection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    quietRuntime();
    const address = process.env.TEST_TEMPORAL_ADDRESS!;
    db = await createDataSource(process.env.TEST_DATABASE_URL!, { poolSize: 2 }).initialize();
    connection = await Connection.connect({ address });
    nativeConnection = await NativeConnection.connect({ address });
    worker = await createPermitWorker({ connection: nativeConnection, db, config: { temporal: { address, namespace: 'default', taskQueue } }, workflowBundle: await workflowBundle() });
    running = worker.run();
    take({ db, client: new Client({ connection }), taskQueue });
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await nativeConnection?.close();
    await connection?.close();
    await db?.destroy();
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
