// `npm start`: the whole platform on one machine, supervised. Embedded PostgreSQL (or DATABASE_URL),
// the Temporal dev server (SQLite under the data directory), migrations and seed, the worker, the API.
// `npm start -- --cluster`: the production shape instead (what docker/compose.yaml runs): the real
// Temporal server on that PostgreSQL, one process per service, two workers, two API processes.
// A part that dies is restarted alone, with backoff. Ctrl-C stops everything; the next start resumes
// the applications in flight. A start that fails says which part and what to do, and leaves nothing running.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { migrateAndSeed } from '../libs/database/migrate-and-seed';
import { addTemporalCluster, ClusterStepError, TEMPORAL_PARTS } from '../libs/dev/cluster-parts';
import { ensureConsoleBuilt } from '../libs/dev/console-build';
import { postgresLayout, startPostgres } from '../libs/dev/postgres';
import { portIsFree, startTemporalDevServer } from '../libs/dev/services';
import { isAlive, nodePart, readState, StartError, Supervisor } from '../libs/dev/supervisor';
import { clusterPortList, defaultClusterPorts, loadServerToolchain, MAX_MEMBERSHIP_PORT, SERVER_BUILD_HINT } from '../libs/dev/temporal-cluster';
import { loadToolchain } from '../libs/temporal/toolchain';

const ROOT = path.resolve(__dirname, '..');
const DATA = path.resolve(process.env.SATUPINTU_DATA_DIR || path.join(ROOT, '.data'));
const say = (msg: string) => process.stdout.write(`[satupintu] ${msg}\n`);
const CLUSTER = process.argv.includes('--cluster');
/** Two of each in cluster mode: one of them killed, the other keeps taking work. */
const WORKERS = CLUSTER ? ['worker-1', 'worker-2'] : ['worker'];
const API_PROCESSES = CLUSTER ? 2 : 1;
const ORDER = ['postgres', ...(CLUSTER ? TEMPORAL_PARTS : ['temporal']), ...WORKERS, 'api'];

class PreflightError extends Error {}

/** A port the platform needs, with the variable that moves it. */
interface Port {
  port: number;
  what: string;
  env: string;
}

/** Processes of an earlier start that ended without stopping them (its supervisor was killed). */
async function stopLeftovers(): Promise<void> {
  const previous = readState(DATA);
  if (!previous) return;
  if (previous.pid !== process.pid && isAlive(previous.pid) && /start\.ts/.test(cmdline(previous.pid))) {
    throw new PreflightError(`another npm start (pid ${previous.pid}) runs on ${DATA}: stop it first (Ctrl-C in its terminal, or kill ${previous.pid})`);
  }
  for (const [name, part] of Object.entries(previous.parts)) {
    if (!isAlive(part.pid)) continue;
    say(`stopping a leftover ${name} (pid ${part.pid}) of an earlier start that did not stop cleanly`);
    process.kill(part.pid, 'SIGTERM');
    for (let i = 0; i < 50 && isAlive(part.pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(part.pid)) process.kill(part.pid, 'SIGKILL');
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * Cluster mode's Temporal ports: the server image's defaults, or TEMPORAL_CLUSTER_PORTS (frontend
 * HTTP, history, matching, worker gRPC, then frontend, history, matching, worker membership).
 */
function clusterPortsFromEnv(frontend: number) {
  const ports = defaultClusterPorts(frontend);
  const list = (process.env.TEMPORAL_CLUSTER_PORTS ?? '').split(',').filter(Boolean).map(Number);
  if (list.length === 0) return ports;
  if (list.length !== 8 || list.some((p) => !Number.isInteger(p) || p <= 0)) throw new PreflightError('TEMPORAL_CLUSTER_PORTS needs 8 ports: frontend HTTP, history, matching, worker gRPC, then frontend, history, matching, worker membership');
  const [http, h, m, w, mf, mh, mm, mw] = list;
  if ([mf, mh, mm, mw].some((p) => p > MAX_MEMBERSHIP_PORT)) throw new PreflightError(`TEMPORAL_CLUSTER_PORTS: Temporal's membership ports (the last four) must be at most ${MAX_MEMBERSHIP_PORT}`);
  return { frontend, frontendHttp: http, grpc: { history: h, matching: m, worker: w }, membership: { frontend: mf, history: mh, matching: mm, worker: mw } };
}

async function requirePorts(ports: Port[]): Promise<void> {
  for (const p of ports) {
    if (!(await portIsFree(p.port))) throw new PreflightError(`port ${p.port} (${p.what}) is in use: stop whatever holds it (another npm start?) or set ${p.env} to another port`);
  }
}

async function main(): Promise<void> {
  const apiPort = Number(process.env.PORT ?? 3000);
  const temporalPort = Number(process.env.TEMPORAL_PORT ?? 7233);
  const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
  const pgPort = Number(process.env.PGPORT_EMBEDDED ?? 5433);
  const external = process.env.DATABASE_URL;

  const supervisor = new Supervisor(DATA, say);
  let exiting = false;
  const shutdown = async (code: number) => {
    if (exiting) return;
    exiting = true;
    if (code === 0) say('stopping: API and worker first, then Temporal and PostgreSQL');
    await supervisor.stopAll(ORDER);
    if (code === 0) say('stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  process.once('SIGHUP', () => void shutdown(0));

  try {
    fs.mkdirSync(DATA, { recursive: true });
    await stopLeftovers();
    const clusterPorts = clusterPortsFromEnv(temporalPort);
    await requirePorts([
      { port: apiPort, what: 'API', env: 'PORT' },
      { port: temporalPort, what: 'Temporal', env: 'TEMPORAL_PORT' },
      ...(CLUSTER
        ? clusterPortList(clusterPorts)
            .filter((p) => p !== temporalPort)
            .map((port) => ({ port, what: 'a Temporal service', env: 'TEMPORAL_CLUSTER_PORTS' }))
        : [{ port: uiPort, what: 'Temporal UI', env: 'TEMPORAL_UI_PORT' }]),
      ...(external ? [] : [{ port: pgPort, what: 'embedded PostgreSQL', env: 'PGPORT_EMBEDDED' }]),
    ]);
    const toolchain = loadToolchain();
    if (!toolchain.cli.path) throw new PreflightError('no Temporal CLI found: run `node scripts/toolchain.js` and read what it says, or set TEMPORAL_CLI_PATH');
    say(`Temporal CLI: ${toolchain.cli.path} (from ${toolchain.cli.source})`);
    const server = CLUSTER ? loadServerToolchain() : undefined;
    if (CLUSTER && !server) throw new PreflightError(`cluster mode needs temporal-server and temporal-sql-tool: ${SERVER_BUILD_HINT}`);
    if (server) say(`Temporal server: ${server.server}`);

    let databaseUrl = external;
    if (databaseUrl) {
      say('using PostgreSQL from DATABASE_URL');
    } else {
      const asked = path.join(DATA, 'postgres');
      const layout = postgresLayout(asked);
      const pgDir = layout.dataDir;
      layout.notes.forEach((n) => say(n));
      say(`starting embedded PostgreSQL (data in ${pgDir})`);
      await supervisor.add({
        name: 'postgres',
        title: 'PostgreSQL',
        hint: `If its data directory is damaged, move it aside (mv ${pgDir} ${pgDir}.broken) and start again; or set DATABASE_URL to a PostgreSQL of your own`,
        start: async () => {
          const pg = await startPostgres({ dir: asked, layout, port: pgPort, detached: true, log: (l) => (/FATAL|PANIC/.test(l) ? say(`postgres: ${l}`) : undefined) });
          databaseUrl = pg.url;
          return { pid: pg.process.pid, exited: pg.exited, stop: pg.stop };
        },
      });
    }

    let address = '';
    let uiUrl = '';
    if (server) {
      address = `127.0.0.1:${temporalPort}`;
      await addTemporalCluster(supervisor, { databaseUrl: databaseUrl!, ports: clusterPorts, server, cli: toolchain.cli.path, namespace: process.env.TEMPORAL_NAMESPACE || 'default', say });
    } else {
      const dbFile = path.join(DATA, 'temporal.db');
      say(`starting the Temporal dev server (state in ${dbFile})`);
      await supervisor.add({
        name: 'temporal',
        title: 'the Temporal dev server',
        hint: `Run node scripts/toolchain.js to check the CLI (or set TEMPORAL_CLI_PATH); if ${dbFile} is damaged, move it aside and start again`,
        start: async () => {
          const t = await startTemporalDevServer({ cli: toolchain.cli.path!, port: temporalPort, uiPort, dbFile, detached: true, log: (l) => (supervisor.isStopping ? undefined : process.stdout.write(`[temporal] ${l}\n`)) });
          address = t.address;
          uiUrl = t.uiUrl ?? '';
          return { pid: t.process.pid, exited: t.exited, stop: t.stop };
        },
      });
    }

    try {
      await migrateAndSeed(databaseUrl!, say);
    } catch (err) {
      throw new PreflightError(`could not migrate and seed the database: ${(err as Error).message}; check DATABASE_URL (its user must be able to create tables)`);
    }

    try {
      await ensureConsoleBuilt(say);
    } catch (err) {
      throw new PreflightError(`could not build the web console: ${(err as Error).message}; run npm run build:console to see the whole report`);
    }

    const env = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: address, PORT: String(apiPort) };
    for (const name of WORKERS) {
      say(`starting ${name === 'worker' ? 'the worker' : name} (bundling workflow code takes a few seconds)`);
      await supervisor.add({
        name,
        title: name === 'worker' ? 'the worker' : `worker ${name.slice('worker-'.length)}`,
        hint: 'Read the worker lines above; check TEMPORAL_NAMESPACE and TEMPORAL_TASK_QUEUE',
        start: nodePart({ root: ROOT, entry: 'apps/worker/src/main.ts', env }),
      });
    }
    say(API_PROCESSES > 1 ? `starting the API (${API_PROCESSES} processes behind port ${apiPort})` : 'starting the API');
    await supervisor.add({
      name: 'api',
      title: 'the API',
      hint: `Read the API lines above; check PORT (${apiPort}) and the settings in docs/operations.md`,
      start: nodePart({ root: ROOT, entry: API_PROCESSES > 1 ? 'apps/api/src/cluster.ts' : 'apps/api/src/main.ts', env: { ...env, API_PROCESSES: String(API_PROCESSES) } }),
    });

    const base = `http://localhost:${apiPort}`;
    const health = await fetch(`${base}/health`).then((r) => r.json() as Promise<{ status: string }>, () => ({ status: 'unreachable' }));
    say(`ready (health: ${health.status})`);
    process.stdout.write(
      [
        '',
        `  Console        ${base}/  (track: ${base}/lacak, services: ${base}/layanan)`,
        `  API            ${base}/v1`,
        `  OpenAPI docs   ${base}/docs`,
        `  Health         ${base}/health`,
        server ? `  Temporal       ${address} (frontend; temporal --address ${address} workflow list)` : `  Temporal UI    ${uiUrl}`,
        `  PostgreSQL     ${databaseUrl!.replace(/:[^:@/]+@/, ':***@')}`,
        '',
        '  Mint a token:  npm run -s token -- --role integrator',
        '                 npm run -s token -- --role approver --agency DCKTRP',
        '                 npm run -s token -- --role approver --agency KELURAHAN --office kel-31.71.01.1001 --position head',
        '  Stop:          Ctrl-C (applications in flight resume on the next npm start)',
        '',
      ].join('\n'),
    );
  } catch (err) {
    const line = err instanceof StartError || err instanceof PreflightError || err instanceof ClusterStepError ? err.message : `could not start: ${(err as Error).message}`;
    await supervisor.stopAll(ORDER);
    process.stderr.write(`[satupintu] ${line}\n`);
    process.exit(1);
  }
}

void main();
