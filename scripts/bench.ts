// `npm run bench [-- --json] [--cluster] [--count N] [--concurrency C] [--rows R] [--skip-reports]`
// 1. One run on one Temporal dev server (with --cluster: the real Temporal server on PostgreSQL, one
//    process per service, as `npm start -- --cluster` runs it): raw client.workflow.start of a trivial
//    workflow (with its own worker) vs POST /v1/applications through the whole stack (API and permit
//    worker as separate processes, compiled into dist/ as the images run them), then decisions on the
//    tasks of those applications, taken in a seeded order: raw executeUpdate and POST .../decision
//    alternating in rounds (--decision-rounds, 2), then the POST paced at --decision-rate a second.
//    Last, a diagnostic: the permit workflow started raw (the submit's ceiling, benchSubmitCeiling).
//    The timed POSTs go through node:http (scripts/bench/http.ts), a client that takes little CPU from
//    the processes under test.
// 2. The accountability reports timed on R seeded step attempts (default 1,000,000; scripts/bench-reports.ts).
// Prints tables on stderr; with --json, one JSON line per measurement on stdout and, last, {"summary": {...}}
// with every ratio and target and whether it is met. BENCH_CPU_PROF=DIR profiles the API and worker;
// BENCH_TRACE_ACTIVATIONS=DIR logs the worker's every activation (scripts/bench/activation-report.js).
// The paced decisions' line also names the three slowest and where each waited: its workflow task's scheduled,
// started and completed instants after the POST (from the history).
// Every submit and decision line also says what it cost the permit worker and the Temporal server in CPU
// (from /proc: meaningful on a shared machine, unlike wall time), by worker thread, and the worker's RSS.
// `--pg-statements`: the bench's PostgreSQL tracks every statement, trigger statements included
// (pg_stat_statements, track_functions), and the run ends with the statements and trigger functions that took
// the most time (scripts/bench/pg-statements.ts). The tracking costs time itself: compare figures only with it on.
// `--day [--day-scale 10] [--seconds-per-hour 20]`: instead, a busy Jakarta day through the API with
// decisions flowing (scripts/bench/day.ts); `--open N`: then N applications left open, and the worker's RSS.
import { Client, Connection } from '@temporalio/client';
import type { TypedSearchAttributes } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client as PgClient } from 'pg';
import { DEV_JWT_SECRET } from '../libs/config/config';
import { mintToken } from '../libs/auth/token';
import { createDataSource, migrate } from '../libs/database/data-source';
import { seed } from '../libs/database/seed';
import { startPostgres } from '../libs/dev/postgres';
import { freePort, portIsFree, startTemporalDevServer } from '../libs/dev/services';
import { loadServerToolchain, SERVER_BUILD_HINT, startLocalCluster } from '../libs/dev/temporal-cluster';
import { loadToolchain } from '../libs/temporal/toolchain';
import { skduV1 } from '../libs/permits/skdu.v1';
import { decideUpdate, workflowIdOf } from '../workflows/messages';
import { TrackingCodeKey } from '../libs/temporal/search-attributes';
import { applicationIdsFor } from '../apps/api/src/applications/ids';
import { runReportsBench } from './bench-reports';
import { percentile } from './bench/percentile';
import { cpuMs, rssMb, threadCpuMs, treeCpuMs } from './bench/proc';
import { historyLengths } from './bench/history';
import { metricsDelta, scrapeWorkerMetrics, type WorkerMetrics } from './bench/worker-metrics';
import { describePlan, planDay, replayDay } from './bench/day';
import { BenchHttp } from './bench/http';
import { PG_STATEMENTS_SETTINGS, resetStatements, topStatements } from './bench/pg-statements';
import { prng, shuffled } from '../libs/simulation/random';

const ROOT = path.resolve(__dirname, '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const JSON_OUT = process.argv.includes('--json');
const CLUSTER = process.argv.includes('--cluster');
const PG_STATEMENTS = process.argv.includes('--pg-statements');
const COUNT = arg('count', 1000);
const DECISION_RATE = arg('decision-rate', 20);
/** The permit worker's task queue in the bench: the API starts applications there, and so does the ceiling's raw start. */
const PERMIT_TASK_QUEUE = 'bench-permits';
/** Raw and API decisions alternate in this many rounds each (see alternating()). */
const DECISION_ROUNDS = arg('decision-rounds', 2);
const CONCURRENCY = arg('concurrency', 32);
/** The decision bench takes the open tasks in an order drawn from this seed (see benchDecisions). */
const DECISION_ORDER_SEED = 14;
const DAY = process.argv.includes('--day');
const OPEN = arg('open', 0);
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/** A slow paced operation: its latency, when it started in the phase, its index in the run, and the instant it was sent. */
interface Slow {
  ms: number;
  startedAtS: number;
  index: number;
  sentAtMs: number;
}

/** A decision's workflow task, in milliseconds after its POST was sent, from the workflow's history. */
interface WorkflowTaskTimes {
  scheduledMs: number | null;
  startedMs: number | null;
  completedMs: number | null;
}

interface Result {
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /**
   * The slowest operations of a paced run and when they started: a tail can be matched with what ran then.
   * For decisions, also where each one's time went (workflowTaskTimes).
   */
  slowest?: Array<Slow & { applicationId?: string; workflowTask?: WorkflowTaskTimes }>;
  /** CPU milliseconds per operation of the permit worker and of the Temporal server (/proc), when known. */
  workerCpuMsPerOp?: number;
  temporalCpuMsPerOp?: number;
  /** CPU milliseconds per operation of the API process, of PostgreSQL (postmaster and backends) and of the bench itself (client, no-op worker). */
  apiCpuMsPerOp?: number;
  postgresCpuMsPerOp?: number;
  benchCpuMsPerOp?: number;
  /** The same by process, over the timed part of the measurement only (before the worker caught up). */
  timedCpuMsPerOp?: Record<string, number>;
  /** What the worker's sticky cache and workflow tasks did meanwhile (its SDK metrics). */
  workerMetrics?: WorkerMetrics;
  /** The permit worker's resident memory once the measurement ended. */
  workerRssMb?: number;
  /** The permit worker's CPU milliseconds per operation by thread name (main thread, workflow thread, SDK core, GC). */
  workerThreadsCpuMsPerOp?: Record<string, number>;
}

/** The processes whose CPU time the bench charges to each operation (set once they run). */
const pids: { worker?: number; temporal?: number; api?: number; postgres?: number; workerMetricsUrl?: string } = {};

/** This process's own CPU milliseconds so far (the bench client and its no-op worker). */
const benchCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** What each name (process or thread) used in CPU milliseconds between two snapshots; names unknown in either are left out. */
function used(before: Record<string, number | null>, after: Record<string, number | null>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, now] of Object.entries(after)) {
    const was = name in before ? before[name] : 0; // a thread started since
    if (now !== null && was !== null) out[name] = now - was;
  }
  return out;
}

/** Adds one snapshot pair's use into a running total. */
function addUse(total: Record<string, number>, more: Record<string, number>): void {
  for (const [name, ms] of Object.entries(more)) total[name] = (total[name] ?? 0) + ms;
}

/** CPU milliseconds so far of each process an operation costs (/proc): the worker, the Temporal server, the API, PostgreSQL, the bench itself. */
function processCpu(): Record<'worker' | 'temporal' | 'api' | 'postgres' | 'bench', number | null> {
  return { worker: cpuMs(pids.worker), temporal: cpuMs(pids.temporal), api: cpuMs(pids.api), postgres: treeCpuMs(pids.postgres), bench: benchCpuMs() };
}

/** A Result's CPU figures per operation: by process (two decimals), and by worker thread (those above 0.05 ms). */
function cpuFields(processes: Record<string, number>, threads: Record<string, number>, count: number): Partial<Result> {
  const per = perOp(processes, count);
  const workerThreadsCpuMsPerOp: Record<string, number> = {};
  for (const [name, ms] of Object.entries(threads)) if (ms / Math.max(1, count) >= 0.05) workerThreadsCpuMsPerOp[name] = round(ms / Math.max(1, count));
  return {
    workerCpuMsPerOp: per.worker,
    temporalCpuMsPerOp: per.temporal,
    apiCpuMsPerOp: per.api,
    postgresCpuMsPerOp: per.postgres,
    benchCpuMsPerOp: per.bench,
    workerRssMb: rssMb(pids.worker) ?? undefined,
    workerThreadsCpuMsPerOp,
  };
}

/**
 * Runs a measurement of `count` operations and adds what they cost each process in CPU. `run` may call
 * `timed()` when the timed part ends (before it waits for the worker to catch up): the CPU each process
 * used while the operations were timed is then reported too, as `timedCpuMsPerOp`. On two cores that is
 * what throughput is made of.
 */
async function costed(count: number, run: (timed: () => void) => Promise<Result>): Promise<Result> {
  const [cpu, threads, metrics] = [processCpu(), threadCpuMs(pids.worker), await scrapeWorkerMetrics(pids.workerMetricsUrl)];
  let timedCpuMsPerOp: Record<string, number> | undefined;
  const r = await run(() => (timedCpuMsPerOp = perOp(used(cpu, processCpu()), count)));
  const workerMetrics = metricsDelta(metrics, await scrapeWorkerMetrics(pids.workerMetricsUrl));
  return { ...r, ...cpuFields(used(cpu, processCpu()), used(threads, threadCpuMs(pids.worker)), count), timedCpuMsPerOp, workerMetrics };
}

/** CPU milliseconds per operation by process, two decimals. */
function perOp(processes: Record<string, number>, count: number): Record<string, number> {
  return Object.fromEntries(Object.entries(processes).map(([name, ms]) => [name, round(ms / Math.max(1, count), 2)]));
}

interface Timed {
  seconds: number;
  latencies: number[];
  errors: number;
}

/** Runs operations `from`..`to`-1 at `concurrency` and times each. */
async function timedRun(label: string, from: number, to: number, concurrency: number, op: (i: number) => Promise<void>): Promise<Timed> {
  const latencies: number[] = [];
  const count = to - from;
  let next = from;
  let errors = 0;
  let done = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < to) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        try {
          await op(i);
        } catch (err) {
          if (errors++ === 0) log(`${label}: first error: ${(err as Error).message}${(err as Error).cause ? ` (${((err as Error).cause as Error).message})` : ''}`);
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (++done % Math.max(1, Math.floor(count / 4)) === 0) log(`${label}: ${done}/${count}`);
      }
    }),
  );
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latencies, errors };
}

function resultOf(count: number, t: Timed): Result {
  const latencies = [...t.latencies].sort((a, b) => a - b);
  return { perSec: count / t.seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), errors: t.errors };
}

async function measure(label: string, count: number, concurrency: number, op: (i: number) => Promise<void>): Promise<Result> {
  return resultOf(count, await timedRun(label, 0, count, concurrency, op));
}

/**
 * Measures two (or more) sides in alternating rounds (A B, B A, A B, ...), each round a slice of each side's
 * operations at the bench's concurrency: what drifts over a run (the worker's cache filling, a schedule
 * firing, the machine) falls on every side alike, where one side after the other charged it to the second.
 * Each side's figures are over all its rounds: operations per second of its own timed time, latencies,
 * and the CPU every process spent during its rounds.
 */
async function alternating(rounds: number, sides: Array<{ label: string; count: number; op: (i: number) => Promise<void> }>): Promise<Result[]> {
  const acc = sides.map(() => ({ timed: { seconds: 0, latencies: [] as number[], errors: 0 }, cpu: {} as Record<string, number>, threads: {} as Record<string, number> }));
  for (let r = 0; r < rounds; r++) {
    // A B, then B A: neither side always comes first after the other.
    const order = r % 2 === 0 ? [...sides.keys()] : [...sides.keys()].reverse();
    for (const k of order) {
      const side = sides[k];
      const [from, to] = [Math.floor((side.count * r) / rounds), Math.floor((side.count * (r + 1)) / rounds)];
      const [cpu, threads] = [processCpu(), threadCpuMs(pids.worker)];
      const t = await timedRun(`${side.label} (round ${r + 1}/${rounds})`, from, to, CONCURRENCY, side.op);
      const a = acc[k];
      a.timed.seconds += t.seconds;
      a.timed.latencies.push(...t.latencies);
      a.timed.errors += t.errors;
      addUse(a.cpu, used(cpu, processCpu()));
      addUse(a.threads, used(threads, threadCpuMs(pids.worker)));
    }
  }
  return sides.map((side, k) => ({ ...resultOf(side.count, acc[k].timed), ...cpuFields(acc[k].cpu, acc[k].threads, side.count) }));
}

/** BENCH_CPU_PROF=DIR: the API and worker processes write a V8 CPU profile there when they stop. */
const CPU_PROF = process.env.BENCH_CPU_PROF;
/** BENCH_TRACE_ACTIVATIONS=DIR: where the worker writes its activation timeline (scripts/bench/activation-report.js reads it). */
const TRACE_DIR = process.env.BENCH_TRACE_ACTIVATIONS ? path.resolve(process.env.BENCH_TRACE_ACTIVATIONS) : undefined;
if (TRACE_DIR) fs.mkdirSync(TRACE_DIR, { recursive: true });
/** The name of the thread V8's CPU profiler samples from (/proc/<pid>/task/<tid>/comm). */
const PROFILER_THREAD = 'v8:ProfEvntProc';

function child(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const prof = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`, `--cpu-prof-name=${path.basename(path.dirname(path.dirname(entry)))}-${Date.now()}.cpuprofile`] : [];
  // The worker runs with the heap it is deployed with (docker/compose.yaml, WORKER_HEAP_MB).
  const heap = entry.includes('worker') ? [`--max-old-space-size=${process.env.WORKER_HEAP_MB ?? 512}`] : [];
  // As the images run them (docker/*.Dockerfile): compiled, from dist/ (built by buildAsDeployed()).
  // BENCH_TRACE_ACTIVATIONS=DIR: the worker and its workflow thread log every activation (scripts/bench/activation-trace.js).
  const trace = TRACE_DIR && entry.includes('worker') ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require "${path.join(ROOT, 'scripts', 'bench', 'activation-trace.js')}"`.trim() } : {};
  return spawn(process.execPath, [...prof, ...heap, path.join(ROOT, 'dist', entry.replace(/\.ts$/, '.js'))], {
    cwd: ROOT,
    env: { ...process.env, ...env, ...trace, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The input and search attributes the API started a filed application's workflow with (from its history). */
async function submittedStart(client: Client, databaseUrl: string): Promise<{ workflowType: string; input: Record<string, unknown>; searchAttributes: TypedSearchAttributes }> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM application ORDER BY submitted_at LIMIT 1`);
  await db.end();
  const handle = client.workflow.getHandle(workflowIdOf(rows[0].id));
  const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
  const started = history.events![0].workflowExecutionStartedEventAttributes!;
  const payload = started.input!.payloads![0];
  return { workflowType: started.workflowType!.name!, input: JSON.parse(Buffer.from(payload.data!).toString('utf8')), searchAttributes: description.typedSearchAttributes };
}

/** Compiles the API and the worker as the images do (`tsc -p tsconfig.build.json`, into dist/). */
function buildAsDeployed(): void {
  log('compiling the API and the worker as the images do (tsc -p tsconfig.build.json, into dist/)');
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the build failed; run \`npx tsc -p tsconfig.build.json\` to see why:\n${(r.stdout + r.stderr).slice(0, 2000)}`);
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the API did not become healthy');
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const opt = (n: number | undefined) => (n === undefined ? undefined : round(n));
const line = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
/** Each measurement's line as soon as it is taken: a run that fails later still leaves its figures. */
function emit(name: string, r: Result, extra: object = {}): Result {
  const cpu =
    r.workerCpuMsPerOp === undefined
      ? {}
      : {
          workerCpuMsPerOp: round(r.workerCpuMsPerOp),
          temporalCpuMsPerOp: opt(r.temporalCpuMsPerOp),
          apiCpuMsPerOp: opt(r.apiCpuMsPerOp),
          postgresCpuMsPerOp: opt(r.postgresCpuMsPerOp),
          benchCpuMsPerOp: opt(r.benchCpuMsPerOp),
          ...(r.timedCpuMsPerOp ? { timedCpuMsPerOp: r.timedCpuMsPerOp } : {}),
          ...(r.slowest ? { slowest: r.slowest } : {}),
          workerRssMb: r.workerRssMb === undefined ? undefined : round(r.workerRssMb), workerThreadsCpuMsPerOp: r.workerThreadsCpuMsPerOp };
  if (JSON_OUT) line({ measurement: name, temporal: CLUSTER ? 'cluster' : 'dev-server', perSec: round(r.perSec), p50Ms: round(r.p50Ms), p99Ms: round(r.p99Ms), errors: r.errors, ...cpu, ...extra, ...(r.workerMetrics ? { workerMetrics: r.workerMetrics } : {}) });
  if (r.workerCpuMsPerOp !== undefined) {
    const cache = r.workerMetrics ?? {};
    log(
      `${name}: CPU ms per operation: permit worker ${round(r.workerCpuMsPerOp)}, Temporal server ${opt(r.temporalCpuMsPerOp) ?? '?'}, ` +
          `API ${opt(r.apiCpuMsPerOp) ?? '?'}, PostgreSQL ${opt(r.postgresCpuMsPerOp) ?? '?'}, bench ${opt(r.benchCpuMsPerOp) ?? '?'}` +
          `${r.timedCpuMsPerOp ? ` (while timed: ${JSON.stringify(r.timedCpuMsPerOp)})` : ''}; ` +
        `worker RSS ${round(r.workerRssMb ?? 0)} MB, sticky cache hits ${cache.temporal_sticky_cache_hit_total ?? 0}; ` +
        `worker CPU ms per operation by thread ${JSON.stringify(r.workerThreadsCpuMsPerOp ?? {})}`,
    );
  }
  return r;
}

interface Check {
  name: string;
  value: number;
  target: string;
  met: boolean;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const { temporal, measurements: m, submitCeiling, day } = await benchSubmitVsRawStart();
  const checks: Check[] = [];
  const check = (name: string, value: number, target: string, met: boolean) => checks.push({ name, value: round(value, 2), target, met });
  if (day) {
    if (DAY) {
      check('daySubmitP99Ms', day.submitP99Ms, '<= 500', day.submitP99Ms <= 500);
      check('dayDecisionP99Ms', day.decisionP99Ms, '<= 500', day.decisionP99Ms <= 500);
      check('dayErrors', day.errors, '== 0', day.errors === 0);
    }
    if (day.openRssMb !== undefined) check(`workerRssMbWith${OPEN}Open`, day.openRssMb, '<= 1024', day.openRssMb <= 1024);
    process.stderr.write(`\n${checks.map((c) => `${c.met ? 'met    ' : 'MISSED '} ${c.name.padEnd(34)} ${String(c.value).padStart(9)}  target ${c.target}`).join('\n')}\n`);
    if (JSON_OUT) line({ summary: { temporal, allMet: checks.every((c) => c.met), checks } });
    return;
  }
  check('submitRatio', m.submit.perSec / m.rawStart.perSec, '>= 0.8', m.submit.perSec / m.rawStart.perSec >= 0.8);
  check('submitP99VsRaw', m.submit.p99Ms / m.rawStart.p99Ms, '<= 2', m.submit.p99Ms / m.rawStart.p99Ms <= 2);
  check('decisionRatio', m.decision.perSec / m.rawDecision.perSec, '>= 0.8', m.decision.perSec / m.rawDecision.perSec >= 0.8);
  check('decisionP99MsAt20PerSec', m.decisionPaced.p99Ms, '<= 100', m.decisionPaced.p99Ms <= 100);
  check('errors', Object.values(m).reduce((n, r) => n + r.errors, 0), '== 0', Object.values(m).every((r) => r.errors === 0));
  if (!process.argv.includes('--skip-reports')) {
    const { reads, ...reports } = await runReportsBench({ rows: arg('rows', 1_000_000), reads: true });
    if (JSON_OUT) line({ reports });
    for (const r of reads?.timings ?? []) {
      if (JSON_OUT) line({ measurement: `read:${r.read}`, rows: reports.rows.tasks, inbox: reads!.inbox, p50Ms: r.p50Ms, p99Ms: r.p99Ms, maxMs: r.maxMs, targetMs: r.target });
      check(`read:${r.read}`, r.p99Ms, `<= ${r.target} (p99)`, r.p99Ms <= r.target);
    }
    for (const t of reports.timings) if (t.target !== null) check(`report:${t.report}`, t.maxMs, `<= ${t.target} (max)`, t.maxMs <= t.target);
  }
  process.stderr.write(`\n${checks.map((c) => `${c.met ? 'met    ' : 'MISSED '} ${c.name.padEnd(34)} ${String(c.value).padStart(9)}  target ${c.target}`).join('\n')}\n`);
  // Not a check: the ceiling says what the submit ratio could be with an API that cost nothing, in this run.
  const diagnostics = submitCeiling === undefined ? {} : { submitCeiling };
  if (submitCeiling !== undefined) process.stderr.write(`        ${'submitCeiling (diagnostic)'.padEnd(34)} ${String(submitCeiling).padStart(9)}  the permit workflow started raw, over a bare raw start\n`);
  if (JSON_OUT) line({ summary: { temporal, allMet: checks.every((c) => c.met), checks, diagnostics } });
}

/**
 * Waits until the permit worker has been idle for two seconds in a row (under 5 % of a core), at most
 * five minutes: the read model shows a submitted application before the worker has run its first
 * workflow task, so without this the first decisions were timed (and charged CPU) behind the submits' backlog.
 */
async function workerQuiet(): Promise<void> {
  for (let quietSeconds = 0, last = workingCpuMs(), giveUpAt = Date.now() + 5 * 60_000; quietSeconds < 2 && last !== null && Date.now() < giveUpAt; ) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = workingCpuMs();
    quietSeconds = now !== null && now - last < 50 ? quietSeconds + 1 : 0;
    last = now;
  }
}

/**
 * The permit worker's CPU so far, less what V8's CPU profiler thread spends (BENCH_CPU_PROF): it samples all
 * the time, and counted in, the worker never looked quiet and every wait ran to its five minutes.
 */
function workingCpuMs(): number | null {
  const all = cpuMs(pids.worker);
  return all === null ? null : all - (threadCpuMs(pids.worker)[PROFILER_THREAD] ?? 0);
}

/**
 * Waits until every application filed has its first tasks with a due time and the permit worker is
 * idle: the workers' backlog from the submits is drained, so the decisions are timed on their own.
 */
async function settled(databaseUrl: string): Promise<void> {
  await firstTasksAssigned(databaseUrl);
  await workerQuiet();
}

/** Applications the API accepted (201) in this run: the read model must show them all before a phase ends. */
let filed = 0;

async function firstTasksAssigned(databaseUrl: string): Promise<void> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (let last = -1, giveUpAt = Date.now() + 30 * 60_000; ; await new Promise((r) => setTimeout(r, 1000))) {
      if (Date.now() > giveUpAt) throw new Error('the workers did not assign the first tasks of every application within 30 minutes');
      // An application is in the read model once the worker has run its first workflow task: those not yet there wait too.
      const { rows } = await db.query<{ waiting: number }>(
        `SELECT $1::int - count(*) FILTER (WHERE EXISTS (SELECT 1 FROM task t WHERE t.application_id = a.id AND t.due_at IS NOT NULL))::int AS waiting FROM application a`,
        [filed],
      );
      if (rows[0].waiting <= 0) return;
      if (rows[0].waiting !== last) log(`${rows[0].waiting} applications still waiting for their first task`);
      last = rows[0].waiting;
    }
  } finally {
    await db.end();
  }
}

interface OpenTask {
  id: string;
  applicationId: string;
  agency: string;
  officeId: string;
}

/** Open tasks of the applications just filed (those the engine has assigned, with a due time). */
async function openTasks(base: string, count: number): Promise<OpenTask[]> {
  const admin = await mintToken(DEV_JWT_SECRET, { sub: 'bench-admin', role: 'admin' });
  const tasks: OpenTask[] = [];
  for (let cursor: string | null = null; tasks.length < count; ) {
    const page = (await (await fetch(`${base}/v1/tasks?status=open&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${admin}` } })).json()) as {
      items: Array<OpenTask & { dueAt: string | null }>;
      nextCursor: string | null;
    };
    tasks.push(...page.items.filter((t) => t.dueAt));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return tasks.slice(0, count);
}

const headClaims = (t: OpenTask) => ({ sub: `bench-${t.agency}/${t.officeId}`, role: 'approver' as const, agency: t.agency, office: t.officeId, position: 'head' as const });

/**
 * Approves open tasks through POST /v1/tasks/{id}/decision as their kelurahan head: one token per office,
 * minted on first use or ahead with `mint` (so that no timed decision pays for one).
 */
function apiDecider(httpClient: BenchHttp, keyPrefix: string, note: string): { decide: (t: OpenTask) => Promise<void>; mint: (tasks: OpenTask[]) => Promise<void> } {
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (t: OpenTask) => {
    const office = `${t.agency}/${t.officeId}`;
    if (!tokens.has(office)) tokens.set(office, mintToken(DEV_JWT_SECRET, headClaims(t)));
    return tokens.get(office)!;
  };
  return {
    mint: async (tasks) => void (await Promise.all(tasks.map(tokenFor))),
    decide: async (t) => {
      const headers = { authorization: `Bearer ${await tokenFor(t)}`, 'idempotency-key': `${keyPrefix}-${t.id}` };
      await httpClient.post(`/v1/tasks/${t.id}/decision`, headers, JSON.stringify({ decision: 'approve', note }), 200);
    },
  };
}

/**
 * Decisions (a Temporal Update each, validated and applied by the workflow on a worker): open tasks of
 * the applications just filed, approved as their kelurahan head. A third of them through the bench's
 * own client as a plain executeUpdate (the raw side), a third through POST /v1/tasks/{id}/decision, both
 * at the bench's concurrency, and the last third through the API paced at DECISION_RATE a second (the
 * latency a steady office sees).
 */
async function benchDecisions(base: string, httpClient: BenchHttp, client: Client, count: number): Promise<{ raw: Result; api: Result; paced: Result }> {
  // In a seeded order, not the inbox's (due time): the due times follow the filing order only when the
  // applications were filed in business hours, and deciding in filing order a few more applications than
  // the worker caches misses its cache every time (each miss evicts the next to be decided), so the
  // figures changed with the hour the bench ran. Officers of many offices decide in no common order.
  const tasks = shuffled(prng(DECISION_ORDER_SEED), await openTasks(base, Infinity)).slice(0, count);
  // 10 s of paced decisions; the rest dealt alternately to the raw and the API side, so that both get
  // applications filed early and late alike (the earliest are the first out of the worker's cache).
  const pacedCount = Math.min(Math.round(DECISION_RATE * 10), Math.floor(tasks.length / 3));
  const half = Math.floor((tasks.length - pacedCount) / 2);
  const dealt = tasks.slice(0, 2 * half);
  const [rawTasks, apiTasks, pacedTasks] = [dealt.filter((_, i) => i % 2 === 0), dealt.filter((_, i) => i % 2 === 1), tasks.slice(2 * half, 2 * half + pacedCount)];
  const viaHttp = apiDecider(httpClient, 'bench-decision', 'Sesuai (bench)');
  await viaHttp.mint(tasks);
  const viaApi = (list: OpenTask[]) => (i: number) => viaHttp.decide(list[i]);
  log(`decision × ${half} raw executeUpdate and × ${half} POST .../decision at concurrency ${CONCURRENCY}, alternating in ${DECISION_ROUNDS} rounds; then × ${pacedCount} POST at ${DECISION_RATE}/s`);
  const rawDecide = async (i: number) => {
    const t = rawTasks[i];
    const c = headClaims(t);
    await client.workflow.getHandle(workflowIdOf(t.applicationId)).executeUpdate(decideUpdate, {
      updateId: `bench-raw-decision-${t.id}`,
      args: [{ taskId: t.id, decision: 'approve', note: 'Sesuai (bench)', actor: { sub: c.sub, role: c.role, agency: c.agency, office: c.office, position: c.position } }],
    });
  };
  const [rawResult, apiResult] = await alternating(DECISION_ROUNDS, [
    { label: 'decision-raw', count: rawTasks.length, op: rawDecide },
    { label: 'decision', count: apiTasks.length, op: viaApi(apiTasks) },
  ]);
  const raw = emit('rawDecision', rawResult, { rounds: DECISION_ROUNDS });
  const api = emit('decision', apiResult, { rounds: DECISION_ROUNDS });
  await workerQuiet(); // the paced decisions start on a worker done with the ones before
  const pacedRun = await costed(pacedTasks.length, () => measurePaced('decision-paced', pacedTasks.length, DECISION_RATE, viaApi(pacedTasks)));
  // Where the slowest decisions waited: before the worker took their workflow task, or in it.
  for (const s of pacedRun.slowest ?? []) {
    const applicationId = pacedTasks[s.index].applicationId;
    const task = await workflowTaskTimes(client, applicationId, s.sentAtMs);
    Object.assign(s, { applicationId, workflowTask: task });
    log(`decision-paced: ${Math.round(s.ms)} ms: its workflow task scheduled ${task.scheduledMs}, started ${task.startedMs}, completed ${task.completedMs} ms after the POST`);
  }
  const paced = emit('decisionPaced', pacedRun, { ratePerSec: DECISION_RATE });
  return { raw, api, paced };
}

/** The first workflow task of `applicationId` scheduled at or after `sentAtMs`: when it was scheduled, started and completed. */
async function workflowTaskTimes(client: Client, applicationId: string, sentAtMs: number): Promise<WorkflowTaskTimes> {
  const events = (await client.workflow.getHandle(workflowIdOf(applicationId)).fetchHistory()).events ?? [];
  type Event = (typeof events)[number];
  const at = (e: Event) => Number(e.eventTime?.seconds ?? 0) * 1000 + Math.round((e.eventTime?.nanos ?? 0) / 1e6);
  const since = (e: Event | undefined) => (e ? at(e) - sentAtMs : null);
  const scheduled = events.findIndex((e) => e.workflowTaskScheduledEventAttributes && at(e) >= sentAtMs);
  const after = scheduled < 0 ? [] : events.slice(scheduled);
  return {
    scheduledMs: since(after[0]),
    startedMs: since(after.find((e) => e.workflowTaskStartedEventAttributes)),
    completedMs: since(after.find((e) => e.workflowTaskCompletedEventAttributes)),
  };
}

/** Open loop: starts one operation every 1/rate s whatever the answers, as arrivals do. */
async function measurePaced(label: string, count: number, rate: number, op: (i: number) => Promise<void>): Promise<Result> {
  const latencies: number[] = [];
  /** Each answered operation's latency and when it started (seconds into the phase): where the tail fell. */
  const timeline: Slow[] = [];
  let errors = 0;
  const started = process.hrtime.bigint();
  const runs: Array<Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const due = started + BigInt(Math.round((i / rate) * 1e9));
    const wait = Number(due - process.hrtime.bigint()) / 1e6;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = process.hrtime.bigint();
    const sentAtMs = Date.now();
    runs.push(
      op(i).then(
        () => {
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          latencies.push(ms);
          timeline.push({ ms, startedAtS: Number(t0 - started) / 1e9, index: i, sentAtMs });
        },
        (err: unknown) => {
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if (errors++ === 0) log(`${label}: first error: ${(err as Error).message}${(err as Error).cause ? ` (${((err as Error).cause as Error).message})` : ''}`);
        },
      ),
    );
  }
  await Promise.all(runs);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const slowest = [...timeline].sort((a, b) => b.ms - a.ms).slice(0, 3);
  log(`${label}: slowest ${slowest.map((s) => `${Math.round(s.ms)} ms (started at ${s.startedAtS.toFixed(1)} s)`).join(', ')}`);
  latencies.sort((a, b) => a - b);
  return { perSec: count / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), errors, slowest: slowest.map((s) => ({ ...s, ms: round(s.ms), startedAtS: round(s.startedAtS) })) };
}

/**
 * `--day`: a busy day through the API with decisions flowing (scripts/bench/day.ts), then `--open N`:
 * N more applications left open, and the permit worker's RSS with them all in flight.
 */
async function benchDay(base: string, httpClient: BenchHttp, databaseUrl: string, client: Client, submit: (prefix: string) => (i: number) => Promise<void>): Promise<DaySummary> {
  const summary: DaySummary = { submitP99Ms: 0, decisionP99Ms: 0, errors: 0 };
  if (DAY) {
    const plan = planDay(arg('day-scale', 10), arg('seconds-per-hour', 20));
    log(`day: ${describePlan(plan)}`);
    // Yesterday's backlog: open tasks for the morning's first decisions (not timed).
    const backlog = Math.ceil(plan.peakPerSec * plan.secondsPerHour);
    log(`day: filing yesterday's backlog of ${backlog} applications (not timed)`);
    await measure('backlog', backlog, CONCURRENCY, submit('backlog'));
    await settled(databaseUrl);
    const decided = new Set<string>();
    let pool: OpenTask[] = [];
    const nextTask = async (): Promise<OpenTask | undefined> => {
      if (pool.length === 0) pool = (await openTasks(base, 400)).filter((t) => !decided.has(t.id));
      const t = pool.shift();
      if (t) decided.add(t.id);
      return t;
    };
    const { decide } = apiDecider(httpClient, 'day-decision', 'Sesuai (bench day)');
    const before = { worker: cpuMs(pids.worker), temporal: cpuMs(pids.temporal) };
    const r = await replayDay(plan, { submit: submit('day'), decide, nextTask, say: log });
    const ops = r.submit.count + r.decision.count;
    const cpuPerOp = (pid: number | undefined, was: number | null) => (was === null || ops === 0 ? null : round(((cpuMs(pid) ?? was) - was) / ops));
    const history = await historyLengths(client, databaseUrl, 100);
    const worker = { rssMb: round(rssMb(pids.worker) ?? 0), peakRssMb: round(rssMb(pids.worker, 'VmHWM') ?? 0) };
    summary.submitP99Ms = r.submit.p99Ms;
    summary.decisionP99Ms = r.decision.p99Ms;
    summary.errors = r.submit.errors + r.decision.errors;
    const compressed = { scale: plan.scale, secondsPerHour: plan.secondsPerHour, hours: plan.ratePerSec.length, peakPerSec: round(plan.peakPerSec, 2) };
    log(
      `day: ${r.submit.count} submits p50 ${round(r.submit.p50Ms)} ms, p99 ${round(r.submit.p99Ms)} ms, ${r.submit.errors} errors; ` +
        `${r.decision.count} decisions p50 ${round(r.decision.p50Ms)} ms, p99 ${round(r.decision.p99Ms)} ms, ${r.decision.errors} errors (${r.decisionsSkipped} skipped: no open task); ${round(r.seconds)} s`,
    );
    if (r.submit.firstError || r.decision.firstError) log(`day: first errors: ${r.submit.firstError ?? '-'} / ${r.decision.firstError ?? '-'}`);
    log(`day: permit worker RSS ${worker.rssMb} MB (peak ${worker.peakRssMb} MB), CPU ${cpuPerOp(pids.worker, before.worker)} ms per submit or decision; history length per application p50 ${history.p50}, max ${history.max} events`);
    if (JSON_OUT) {
      const lat = (l: typeof r.submit) => ({ count: l.count, p50Ms: round(l.p50Ms), p99Ms: round(l.p99Ms), maxMs: round(l.maxMs), errors: l.errors });
      line({
        measurement: 'day',
        temporal: CLUSTER ? 'cluster' : 'dev-server',
        compressed,
        seconds: round(r.seconds),
        submit: lat(r.submit),
        decision: { ...lat(r.decision), skipped: r.decisionsSkipped },
        workerCpuMsPerOp: cpuPerOp(pids.worker, before.worker),
        temporalCpuMsPerOp: cpuPerOp(pids.temporal, before.temporal),
        worker,
        historyEvents: history,
      });
    }
  }
  if (OPEN > 0) {
    const open = await benchOpen(databaseUrl, client, submit);
    summary.openRssMb = open;
  }
  return summary;
}

/** `--open N`: files N applications (left open) and reads the permit worker's RSS with all of them in flight. */
async function benchOpen(databaseUrl: string, client: Client, submit: (prefix: string) => (i: number) => Promise<void>): Promise<number> {
  log(`open: filing ${OPEN} applications at concurrency ${CONCURRENCY}, left open`);
  const r = await costed(OPEN, async () => {
    const res = await measure('open', OPEN, CONCURRENCY, submit('open'));
    await settled(databaseUrl);
    return res;
  });
  emit('open', r);
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  const open = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM application WHERE decided_at IS NULL`)).rows[0].n;
  await db.end();
  const worker = { rssMb: round(rssMb(pids.worker) ?? 0), peakRssMb: round(rssMb(pids.worker, 'VmHWM') ?? 0) };
  const history = await historyLengths(client, databaseUrl, 50);
  log(`open: ${open} applications open; permit worker RSS ${worker.rssMb} MB (peak ${worker.peakRssMb} MB); history length p50 ${history.p50}, max ${history.max} events`);
  if (JSON_OUT) line({ measurement: 'openApplications', temporal: CLUSTER ? 'cluster' : 'dev-server', open, worker, historyEvents: history, errors: r.errors });
  return worker.rssMb;
}

interface DaySummary {
  submitP99Ms: number;
  decisionP99Ms: number;
  errors: number;
  openRssMb?: number;
}

/**
 * Diagnostic, no target: the permit workflow itself started with a plain client `workflow.start`, carrying
 * what the API's start carries (a filed application's input and search attributes, fresh ids each), on
 * the permit worker's task queue, with a bare raw start right before it. Its ratio is the submit ratio an
 * API, a PostgreSQL and an idempotency record that cost nothing would reach: the rest is the permit
 * workflow's own work on the same cores. Taken last, after the decisions, so the applications it opens
 * change no other phase; the submit's target stays against the raw start taken at the start of the run.
 * Answers that ratio: what the submit could reach at best on this machine.
 */
async function benchSubmitCeiling(
  client: Client,
  databaseUrl: string,
  carried: Awaited<ReturnType<typeof submittedStart>>,
  raw: (prefix: string) => (i: number) => Promise<void>,
  run: string,
): Promise<number> {
  log(`ceiling (diagnostic): raw start × ${COUNT}, then the permit workflow started raw × ${COUNT}`);
  const rawStart = await costed(COUNT, () => measure('raw-again', COUNT, CONCURRENCY, raw('raw-again')));
  await settled(databaseUrl);
  const permitStart = await costed(COUNT, async (timed) => {
    const r = await measure('raw-permit', COUNT, CONCURRENCY, async (i) => {
      const { applicationId, trackingCode } = applicationIdsFor('bench-raw-permit', `${run}-${i}`);
      await client.workflow.start(carried.workflowType, {
        workflowId: workflowIdOf(applicationId),
        taskQueue: PERMIT_TASK_QUEUE,
        args: [{ ...carried.input, applicationId, trackingCode }],
        typedSearchAttributes: carried.searchAttributes.updateCopy([{ key: TrackingCodeKey, value: trackingCode }]),
      });
      filed++;
    });
    timed();
    await settled(databaseUrl); // as the submit's: the first workflow task and its projection are the permit's
    return r;
  });
  const ratio = permitStart.perSec / rawStart.perSec;
  emit('rawStartAgain', rawStart, { diagnostic: true });
  emit('rawStartPermit', permitStart, { diagnostic: true, vsRawStartAgain: round(ratio, 2) });
  log(`ceiling: the permit workflow started raw runs at ${round(ratio, 2)}× a bare raw start: the submit ratio with an API that cost nothing`);
  return ratio;
}

async function benchSubmitVsRawStart(): Promise<{ temporal: string; measurements: Record<string, Result & { ratePerSec?: number }>; submitCeiling?: number; day?: DaySummary }> {
  const toolchain = loadToolchain();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satupintu-bench-'));
  fs.chmodSync(dir, 0o777);
  const [pgPort, tPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  const server = CLUSTER ? loadServerToolchain() : undefined;
  if (CLUSTER && !server) throw new Error(`--cluster needs temporal-server and temporal-sql-tool: ${SERVER_BUILD_HINT}`);
  log(`starting PostgreSQL and ${server ? 'the Temporal server on it (four services)' : 'the Temporal dev server'}`);
  const pg = await startPostgres({ dir: path.join(dir, 'pg'), port: pgPort, database: 'bench', settings: PG_STATEMENTS ? PG_STATEMENTS_SETTINGS : undefined });
  const temporal = server
    ? await startLocalCluster({ databaseUrl: pg.url, server, cli: toolchain.cli.path!, freePort, portIsFree, say: log }).catch(async (err) => {
        await pg.stop();
        throw err;
      })
    : await startTemporalDevServer({ cli: toolchain.cli.path!, port: tPort });
  const children: ChildProcess[] = [];
  const base = `http://127.0.0.1:${apiPort}`;
  const httpClient = new BenchHttp(base);
  try {
    const db = await createDataSource(pg.url, { poolSize: 2 }).initialize();
    await migrate(db);
    await seed(db);
    if (PG_STATEMENTS) await resetStatements((sql) => db.query(sql));
    await db.destroy();

    buildAsDeployed();
    const metricsPort = await freePort();
    const env = { DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, PORT: String(apiPort), TEMPORAL_TASK_QUEUE: PERMIT_TASK_QUEUE, WORKER_METRICS_PORT: String(metricsPort) };
    pids.workerMetricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    children.push(child('apps/worker/src/main.ts', env), child('apps/api/src/main.ts', env));
    pids.worker = children[0].pid;
    pids.api = children[1].pid;
    pids.postgres = pg.process.pid;
    pids.temporal = 'process' in temporal ? (temporal.process as ChildProcess).pid : undefined; // the dev server (a cluster has four)
    await waitHealthy(base);

    const connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection });
    const noopWorker = await Worker.create({
      connection: await NativeConnection.connect({ address: temporal.address }),
      taskQueue: 'bench-noop',
      workflowsPath: require.resolve('./bench/noop.workflow'),
    });
    const noopRunning = noopWorker.run();

    const token = await mintToken(DEV_JWT_SECRET, { sub: 'bench-integrator', role: 'integrator' });
    const body = (i: number) =>
      JSON.stringify({
        permitType: 'SKDU',
        applicant: { nik: '3171011505900001', name: `Bench ${i}` },
        receivingOfficeId: 'outlet-mpp-jakarta',
        location: { kelurahanCode: '31.71.01.1001', address: 'Jl. Bench 1' },
        data: skduV1.dataSchema.examples![0],
        documents: [],
      });
    const run = randomUUID().slice(0, 8);
    const raw = (prefix: string) => async (i: number) => {
      await client.workflow.start('benchNoop', { workflowId: `${prefix}-${run}-${i}`, taskQueue: 'bench-noop', args: [] });
    };
    const submit = (prefix: string) => async (i: number) => {
      await httpClient.post('/v1/applications', { authorization: `Bearer ${token}`, 'idempotency-key': `${prefix}-${run}-${i}` }, body(i), 201);
      filed++;
    };

    if (DAY || OPEN > 0) {
      const day = await benchDay(base, httpClient, pg.url, client, submit);
      await noopWorker.shutdown();
      await noopRunning;
      await connection.close();
      return { temporal: server ? 'cluster' : 'dev-server', measurements: {}, day };
    }

    log('warming up');
    await measure('warm-raw', 100, CONCURRENCY, raw('warm'));
    await measure('warm-submit', 100, CONCURRENCY, submit('warm'));
    await settled(pg.url); // the warm-up's applications are not charged to the raw starts
    log(`raw start × ${COUNT} at concurrency ${CONCURRENCY}`);
    const rawResult = emit('rawStart', await costed(COUNT, () => measure('raw', COUNT, CONCURRENCY, raw('raw'))));
    await settled(pg.url);
    // Diagnostic, no target: the same raw start, but carrying what a submission's start carries (a filed
    // application's input and the three search attributes). What it costs the Temporal server beyond a bare
    // start is the server's, whoever starts the permit workflow.
    const carried = await submittedStart(client, pg.url);
    log(`raw start with a submission's input and search attributes × ${COUNT} (diagnostic)`);
    emit(
      'rawStartAsSubmitted',
      await costed(COUNT, () =>
        measure('raw-as-submitted', COUNT, CONCURRENCY, async (i) => {
          await client.workflow.start('benchNoop', { workflowId: `raw-as-submitted-${run}-${i}`, taskQueue: 'bench-noop', args: [carried.input], typedSearchAttributes: carried.searchAttributes });
        }),
      ),
      { diagnostic: true },
    );
    await settled(pg.url);
    log(`submit × ${COUNT} at concurrency ${CONCURRENCY}`);
    const submitResult = emit('submit', await costed(COUNT, async (timed) => {
      const r = await measure('submit', COUNT, CONCURRENCY, submit('submit'));
      timed();
      await settled(pg.url); // the worker's share of a submit includes the first workflow task and its projection
      return r;
    }));
    const decisions = await benchDecisions(base, httpClient, client, COUNT);
    const history = await historyLengths(client, pg.url);
    const worker = { rssMb: round(rssMb(pids.worker) ?? 0), peakRssMb: round(rssMb(pids.worker, 'VmHWM') ?? 0) };
    log(`permit worker RSS ${worker.rssMb} MB (peak ${worker.peakRssMb} MB); history length per application p50 ${history.p50}, max ${history.max} events (${history.sampled} sampled)`);
    if (JSON_OUT) line({ measurement: 'worker', ...worker, historyEvents: history });
    const submitCeiling = round(await benchSubmitCeiling(client, pg.url, carried, raw, run), 2);

    noopWorker.shutdown();
    await noopRunning;
    await connection.close();

    const table: Array<[string, Result]> = [
      ['raw workflow.start', rawResult],
      ['POST /v1/applications', submitResult],
      ['raw executeUpdate', decisions.raw],
      ['POST .../decision', decisions.api],
      [`POST .../decision ${DECISION_RATE}/s`, decisions.paced],
    ];
    const rows = [['', 'per second', 'p50 ms', 'p99 ms', 'errors'], ...table.map(([name, r]) => [name, r.perSec.toFixed(0), r.p50Ms.toFixed(1), r.p99Ms.toFixed(1), String(r.errors)])];
    process.stderr.write(`\n${rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(26) : c.padStart(11))).join('')).join('\n')}\n`);
    const temporalKind = server ? 'cluster' : 'dev-server';
    return {
      temporal: temporalKind,
      measurements: {
        rawStart: rawResult,
        submit: submitResult,
        rawDecision: decisions.raw,
        decision: decisions.api,
        decisionPaced: { ...decisions.paced, ratePerSec: DECISION_RATE },
      },
      submitCeiling,
    };
  } finally {
    httpClient.close();
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    if (PG_STATEMENTS) await reportPgStatements(pg.url).catch((err) => log(`--pg-statements: ${err instanceof Error ? err.message : String(err)}`));
    await temporal.stop();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints what the bench's PostgreSQL spent its time on (--pg-statements), and with --json one line of it. */
async function reportPgStatements(url: string): Promise<void> {
  const top = await topStatements(url);
  log('PostgreSQL, the statements that took the most time (pg_stat_statements; trigger statements counted apart):');
  for (const s of top.statements) log(`  ${String(s.totalMs).padStart(9)} ms ${String(s.calls).padStart(7)} calls ${String(s.msPerCall).padStart(8)} ms each  ${s.query}`);
  log('PostgreSQL, the trigger and other functions (total includes what they waited for):');
  for (const f of top.functions) log(`  ${String(f.totalMs).padStart(9)} ms ${String(f.calls).padStart(7)} calls, ${f.selfMs} ms in itself  ${f.name}`);
  if (JSON_OUT) line({ pgStatements: top });
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
