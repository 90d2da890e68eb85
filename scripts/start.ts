// `npm start`: the whole platform on one machine, supervised. Embedded PostgreSQL (or DATABASE_URL),
// the Temporal dev server (SQLite under the data directory), migrations and seed, the worker, the API.
// A part that dies is restarted alone, with backoff. Ctrl-C stops everything; the next start resumes
// the applications in flight. A start that fails says which part and what to do, and leaves nothing running.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createDataSource, migrate } from '../libs/database/data-source';
import { seed } from '../libs/database/seed';
import { ensureConsoleBuilt } from '../libs/dev/console-build';
import { postgresLayout, startPostgres } from '../libs/dev/postgres';
import { portIsFree, startTemporalDevServer } from '../libs/dev/services';
import { isAlive, nodePart, readState, StartError, Supervisor } from '../libs/dev/supervisor';
import { loadToolchain } from '../libs/temporal/toolchain';

const ROOT = path.resolve(__dirname, '..');
const DATA = path.resolve(process.env.SATUPINTU_DATA_DIR || path.join(ROOT, '.data'));
const say = (msg: string) => process.stdout.write(`[satupintu] ${msg}\n`);
const ORDER = ['postgres', 'temporal', 'worker', 'api'];

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
    await requirePorts([
      { port: apiPort, what: 'API', env: 'PORT' },
      { port: temporalPort, what: 'Temporal', env: 'TEMPORAL_PORT' },
      { port: uiPort, what: 'Temporal UI', env: 'TEMPORAL_UI_PORT' },
      ...(external ? [] : [{ port: pgPort, what: 'embedded PostgreSQL', env: 'PGPORT_EMBEDDED' }]),
    ]);
    const toolchain = loadToolchain();
    if (!toolchain.cli.path) throw new PreflightError('no Temporal CLI found: run `node scripts/toolchain.js` and read what it says, or set TEMPORAL_CLI_PATH');
    say(`Temporal CLI: ${toolchain.cli.path} (from ${toolchain.cli.source})`);

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

    const dbFile = path.join(DATA, 'temporal.db');
    say(`starting the Temporal dev server (state in ${dbFile})`);
    let address = '';
    let uiUrl = '';
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

    try {
      const db = createDataSource(databaseUrl!, { poolSize: 2, applicationName: 'satupintu-start' });
      await db.initialize();
      try {
        const ran = await migrate(db);
        say(ran.length ? `migrations applied: ${ran.join(', ')}` : 'database schema up to date');
        const seeded = await seed(db);
        say(`seed: ${seeded.agencies} agencies, ${seeded.offices} offices and outlets`);
      } finally {
        await db.destroy();
      }
    } catch (err) {
      throw new PreflightError(`could not migrate and seed the database: ${(err as Error).message}; check DATABASE_URL (its user must be able to create tables)`);
    }

    try {
      await ensureConsoleBuilt(say);
    } catch (err) {
      throw new PreflightError(`could not build the web console: ${(err as Error).message}; run npm run build:console to see the whole report`);
    }

    const env = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: address, PORT: String(apiPort) };
    say('starting the worker (bundling workflow code takes a few seconds)');
    await supervisor.add({
      name: 'worker',
      title: 'the worker',
      hint: 'Read the worker lines above; check TEMPORAL_NAMESPACE and TEMPORAL_TASK_QUEUE',
      start: nodePart({ root: ROOT, entry: 'apps/worker/src/main.ts', env }),
    });
    say('starting the API');
    await supervisor.add({
      name: 'api',
      title: 'the API',
      hint: `Read the API lines above; check PORT (${apiPort}) and the settings in docs/operations.md`,
      start: nodePart({ root: ROOT, entry: 'apps/api/src/main.ts', env }),
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
        `  Temporal UI    ${uiUrl}`,
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
    const line = err instanceof StartError || err instanceof PreflightError ? err.message : `could not start: ${(err as Error).message}`;
    await supervisor.stopAll(ORDER);
    process.stderr.write(`[satupintu] ${line}\n`);
    process.exit(1);
  }
}

void main();
