import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import * as nodemailer from 'nodemailer';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import { OutboxNotifier } from '../../../activities/notifier';
import { DevSmsSink, HttpSmsGateway } from '../../../activities/sms-gateway';
import type { AppConfig } from '../../../libs/config/config';
import { BusinessCalendar, type CalendarSource } from '../../../libs/calendar';
import { CalendarStore } from '../../../libs/database/calendar-store';
import { NO_TRACING, type Tracing } from '../../../libs/observability/tracing';
import { activityClientInterceptors, activityInterceptors, WORKFLOW_INTERCEPTOR_MODULES, workflowTracingSinks } from './telemetry';

export const WORKFLOWS_PATH = require.resolve('../../../workflows');

export interface WorkerDeps {
  connection: NativeConnection;
  db: DataSource;
  config: Pick<AppConfig, 'temporal' | 'smtp'> & Partial<Pick<AppConfig, 'webhooks' | 'smsGateway' | 'publicBaseUrl' | 'env'>>;
  /** A pre-built bundle (tests bundle once per suite) made with `workflowBundleOptions`; otherwise the worker bundles WORKFLOWS_PATH. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** A fixed calendar (tests); without it, deadlines follow the admin-run calendar in PostgreSQL. */
  calendar?: BusinessCalendar;
  /** Where the admin-run calendar is read (tests swap it); PostgreSQL when absent, none with a fixed `calendar`. */
  calendars?: CalendarSource;
  /** Spans of workflows and activities; none when absent. */
  tracing?: Tracing;
}

/** Sets how deep the workflow sandbox records stacks: not at all (workflows/sandbox-stacks.ts). */
export const SANDBOX_STACKS_PATH = require.resolve('../../../workflows/sandbox-stacks');

/**
 * The modules the workflow thread evaluates once and shares between every workflow it runs (the SDK's
 * `preloadModules`): unless `stacks` (WORKER_WORKFLOW_STACKS=full), the stack depth first, while the
 * sandbox's globals can still be set; then the whole workflow code. Without it, each workflow the worker
 * starts or takes back into its cache evaluates its own copy of the engine, the permit definitions and
 * the calendar, and each cached application keeps that copy in the workflow thread's heap. What a shared
 * module exports is frozen; a module here must also keep no state of its own between calls (every
 * workflow's state lives in what its function creates), which test/replay/preloaded-modules.test.ts checks.
 */
export function preloadedWorkflowModules(stacks = false): string[] {
  return stacks ? [WORKFLOWS_PATH] : [SANDBOX_STACKS_PATH, WORKFLOWS_PATH];
}

/** The worker's preloaded modules by default (workflow stacks off). */
export const PRELOADED_WORKFLOW_MODULES = preloadedWorkflowModules();

/** How workflow code is bundled with tracing on: the workflows and the workflow interceptors (telemetry.ts). */
export const workflowBundleOptions = { workflowsPath: WORKFLOWS_PATH, workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES, preloadModules: PRELOADED_WORKFLOW_MODULES };
/** How workflow code is bundled with tracing off (the default): the workflows alone. */
export const untracedWorkflowBundleOptions = { workflowsPath: WORKFLOWS_PATH, preloadModules: PRELOADED_WORKFLOW_MODULES };

/**
 * The workflow cache's default size. Each cached application keeps its workflow's state, its pending
 * timers and promises in the workflow thread's heap (the workflow modules are shared); a task for
 * an application not in the cache replays its history first (tens of events: milliseconds of CPU). The
 * SDK's default is derived from the heap limit (about 2,300 with Node's 4 GB default), not from what a
 * cached application weighs, and a worker that cached that many ran its workflow thread out of heap
 * (docs/perf/2026-11-30-worker.md has the measurements). 1,000 keeps the worker's memory bounded whatever
 * the number of open applications; WORKER_MAX_CACHED_WORKFLOWS changes it.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 1000;

/** The permit worker: every definition's workflow type and the activities, on one task queue. */
export async function createPermitWorker(deps: WorkerDeps): Promise<Worker> {
  const mail = deps.config.smtp
    ? { transport: nodemailer.createTransport({ host: deps.config.smtp.host, port: deps.config.smtp.port, secure: false }), from: deps.config.smtp.from }
    : undefined;
  const activities = createActivities({
    db: deps.db,
    calendar: deps.calendar ?? new BusinessCalendar(),
    calendars: deps.calendars ?? (deps.calendar ? undefined : new CalendarStore(deps.db)),
    notifier: new OutboxNotifier(deps.db, mail),
    webhooks: deps.config.webhooks,
    applicantNotices: {
      publicBaseUrl: deps.config.publicBaseUrl ?? 'http://localhost:3000',
      mail,
      // Without a configured gateway, SMS is accepted by a logging sink in development and tests; production sends email only.
      sms: deps.config.smsGateway ? new HttpSmsGateway(deps.config.smsGateway) : deps.config.env === 'production' ? undefined : new DevSmsSink(),
    },
  });
  return Worker.create({
    connection: deps.connection,
    namespace: deps.config.temporal.namespace,
    taskQueue: deps.config.temporal.taskQueue,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: preloadedWorkflowModules(deps.config.temporal.workflowStacks) } }),
    activities,
    // A pre-built bundle carries its interceptors already (workflowBundleOptions). Otherwise the workflow
    // interceptors are bundled only when spans go somewhere: they cost about half of the worker's CPU
    // per decision and of its memory per cached application even when their spans are dropped. They add
    // no command, so both bundles replay the same histories (test/replay replays with and without them).
    interceptors: {
      activity: activityInterceptors(deps.tracing),
      client: activityClientInterceptors(deps.tracing),
      ...(deps.workflowBundle || !deps.tracing?.enabled ? {} : { workflowModules: WORKFLOW_INTERCEPTOR_MODULES }),
    },
    maxCachedWorkflows: deps.config.temporal.maxCachedWorkflows ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    sinks: workflowTracingSinks(deps.tracing ?? NO_TRACING),
    // A worker killed mid-flight leaves the workflows it cached on its own (sticky) queue; after this
    // long their next task goes to any worker. A live worker takes a sticky task within milliseconds.
    stickyQueueScheduleToStartTimeout: '3s',
  });
}
