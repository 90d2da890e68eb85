// `npm run bench [-- --json] [--cluster] [--count N] [--concurrency C] [--rows R] [--skip-reports]`
// 1. One run on one Temporal dev server (with --cluster: the real Temporal server on PostgreSQL, one
//    process per service, as `npm start -- --cluster` runs it): raw client.workflow.start of a trivial
//    workflow (with its own worker) vs POST /v1/applications through the whole stack (API and permit
//    worker as separate processes, as deployed), then decisions on the tasks of those applications.
// 2. The accountability reports timed on R seeded step attempts (default 1,000,000; scripts/bench-reports.ts).
// Prints tables; with --json, a line {"reports": {...}} and, last, {"submitVsRawStart": {...}}.
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { ChildProcess, spawn } from 'node:child_process';
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
import { runReportsBench } from './bench-reports';

const ROOT = path.resolve(__dirname, '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const JSON_OUT = process.argv.includes('--json');
const CLUSTER = process.argv.includes('--cluster');
const COUNT = arg('count', 1000);
const CONCURRENCY = arg('concurrency', 32);
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

interface Result {
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

async function measure(label: string, count: number, concurrency: number, op: (i: number) => Promise<void>): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let done = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        try {
          await op(i);
        } catch (err) {
          if (errors++ === 0) log(`${label}: first error: ${(err as Error).message}`);
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (++done % Math.max(1, Math.floor(count / 4)) === 0) log(`${label}: ${done}/${count}`);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { perSec: count / seconds, p50Ms: pct(50), p99Ms: pct(99), errors };
}

function child(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['-r', path.join(ROOT, 'scripts', 'register.js'), path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the API did not become healthy');
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const submitLine = await benchSubmitVsRawStart();
  if (!process.argv.includes('--skip-reports')) {
    const reports = await runReportsBench({ rows: arg('rows', 1_000_000) });
    if (JSON_OUT) process.stdout.write(`${JSON.stringify({ reports })}\n`);
  }
  if (JSON_OUT) process.stdout.write(`${submitLine}\n`);
}

/**
 * Waits until every application filed has its first tasks with a due time: the workers' backlog from
 * the submits is drained, so the decisions are timed on their own, not queued behind it.
 */
async function settled(databaseUrl: string): Promise<void> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (let last = -1, giveUpAt = Date.now() + 10 * 60_000; ; await new Promise((r) => setTimeout(r, 1000))) {
      if (Date.now() > giveUpAt) throw new Error('the workers did not assign the first tasks of every application within 10 minutes');
      const { rows } = await db.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM application a WHERE NOT EXISTS (SELECT 1 FROM task t WHERE t.application_id = a.id AND t.due_at IS NOT NULL)`,
      );
      if (rows[0].waiting === 0) return;
      if (rows[0].waiting !== last) log(`${rows[0].waiting} applications still waiting for their first task`);
      last = rows[0].waiting;
    }
  } finally {
    await db.end();
  }
}

/**
 * Decisions (a Temporal Update each, validated and applied by the workflow on a worker): `count` open
 * tasks of the applications just filed, approved as their kelurahan head at the bench's concurrency.
 */
async function benchDecisions(base: string, count: number): Promise<Result> {
  const admin = await mintToken(DEV_JWT_SECRET, { sub: 'bench-admin', role: 'admin' });
  const tasks: Array<{ id: string; agency: string; officeId: string }> = [];
  for (let cursor: string | null = null; tasks.length < count; ) {
    const page = (await (await fetch(`${base}/v1/tasks?status=open&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${admin}` } })).json()) as {
      items: Array<{ id: string; agency: string; officeId: string; dueAt: string | null }>;
      nextCursor: string | null;
    };
    tasks.push(...page.items.filter((t) => t.dueAt));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  log(`decision × ${Math.min(count, tasks.length)} at concurrency ${CONCURRENCY}`);
  const heads = new Map<string, string>();
  for (const t of tasks) {
    const key = `${t.agency}/${t.officeId}`;
    if (!heads.has(key)) heads.set(key, await mintToken(DEV_JWT_SECRET, { sub: `bench-${key}`, role: 'approver', agency: t.agency, office: t.officeId, position: 'head' }));
  }
  return measure('decision', Math.min(count, tasks.length), CONCURRENCY, async (i) => {
    const t = tasks[i];
    const res = await fetch(`${base}/v1/tasks/${t.id}/decision`, {
      method: 'POST',
      headers: { authorization: `Bearer ${heads.get(`${t.agency}/${t.officeId}`)}`, 'content-type': 'application/json', 'idempotency-key': `bench-decision-${t.id}` },
      body: JSON.stringify({ decision: 'approve', note: 'Sesuai (bench)' }),
    });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
    await res.arrayBuffer().catch(() => undefined);
  });
}

async function benchSubmitVsRawStart(): Promise<string> {
  const toolchain = loadToolchain();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satupintu-bench-'));
  fs.chmodSync(dir, 0o777);
  const [pgPort, tPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  const server = CLUSTER ? loadServerToolchain() : undefined;
  if (CLUSTER && !server) throw new Error(`--cluster needs temporal-server and temporal-sql-tool: ${SERVER_BUILD_HINT}`);
  log(`starting PostgreSQL and ${server ? 'the Temporal server on it (four services)' : 'the Temporal dev server'}`);
  const pg = await startPostgres({ dir: path.join(dir, 'pg'), port: pgPort, database: 'bench' });
  const temporal = server
    ? await startLocalCluster({ databaseUrl: pg.url, server, cli: toolchain.cli.path!, freePort, portIsFree, say: log }).catch(async (err) => {
        await pg.stop();
        throw err;
      })
    : await startTemporalDevServer({ cli: toolchain.cli.path!, port: tPort });
  const children: ChildProcess[] = [];
  try {
    const db = await createDataSource(pg.url, { poolSize: 2 }).initialize();
    await migrate(db);
    await seed(db);
    await db.destroy();

    const env = { DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, PORT: String(apiPort), TEMPORAL_TASK_QUEUE: 'bench-permits' };
    children.push(child('apps/worker/src/main.ts', env), child('apps/api/src/main.ts', env));
    const base = `http://127.0.0.1:${apiPort}`;
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
      const res = await fetch(`${base}/v1/applications`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `${prefix}-${run}-${i}` },
        body: body(i),
      });
      if (res.status !== 201) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
      await res.arrayBuffer().catch(() => undefined);
    };

    log('warming up');
    await measure('warm-raw', 100, CONCURRENCY, raw('warm'));
    await measure('warm-submit', 100, CONCURRENCY, submit('warm'));
    log(`raw start × ${COUNT} at concurrency ${CONCURRENCY}`);
    const rawResult = await measure('raw', COUNT, CONCURRENCY, raw('raw'));
    log(`submit × ${COUNT} at concurrency ${CONCURRENCY}`);
    const submitResult = await measure('submit', COUNT, CONCURRENCY, submit('submit'));
    await settled(pg.url);
    const decisionResult = await benchDecisions(base, Math.min(COUNT, 500));

    noopWorker.shutdown();
    await noopRunning;
    await connection.close();

    const rows = [
      ['', 'per second', 'p50 ms', 'p99 ms', 'errors'],
      ['raw workflow.start', rawResult.perSec.toFixed(0), rawResult.p50Ms.toFixed(1), rawResult.p99Ms.toFixed(1), String(rawResult.errors)],
      ['POST /v1/applications', submitResult.perSec.toFixed(0), submitResult.p50Ms.toFixed(1), submitResult.p99Ms.toFixed(1), String(submitResult.errors)],
      ['POST .../decision', decisionResult.perSec.toFixed(0), decisionResult.p50Ms.toFixed(1), decisionResult.p99Ms.toFixed(1), String(decisionResult.errors)],
    ];
    process.stdout.write(`\n${rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(24) : c.padStart(11))).join('')).join('\n')}\n`);
    const ratio = submitResult.perSec / rawResult.perSec;
    process.stdout.write(`submit / raw ratio: ${ratio.toFixed(2)} (target >= 0.8)\n`);
    return JSON.stringify({
      submitVsRawStart: {
        temporal: server ? 'cluster' : 'dev-server',
        rawPerSec: Math.round(rawResult.perSec),
        submitPerSec: Math.round(submitResult.perSec),
        ratio: Math.round(ratio * 100) / 100,
        rawP99Ms: Math.round(rawResult.p99Ms * 10) / 10,
        submitP99Ms: Math.round(submitResult.p99Ms * 10) / 10,
        decisionPerSec: Math.round(decisionResult.perSec),
        decisionP99Ms: Math.round(decisionResult.p99Ms * 10) / 10,
      },
    });
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await temporal.stop();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
