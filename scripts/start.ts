// `npm start`: the whole platform on one machine, as supervised child processes.
// Temporal dev server (SQLite under .data/), PostgreSQL (embedded, or DATABASE_URL), migrations and seed,
// the worker, the API. Ctrl-C stops everything; the next start resumes the applications in flight.
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createDataSource, migrate } from '../libs/database/data-source';
import { seed } from '../libs/database/seed';
import { portIsFree, RunningPostgres, RunningTemporal, startEmbeddedPostgres, startTemporalDevServer } from '../libs/dev/services';
import { loadToolchain } from '../libs/temporal/toolchain';

const ROOT = path.resolve(__dirname, '..');
const DATA = path.join(ROOT, '.data');
const say = (msg: string) => process.stdout.write(`[satupintu] ${msg}\n`);

const children: ChildProcess[] = [];
let postgres: RunningPostgres | undefined;
let temporal: RunningTemporal | undefined;
let stopping = false;

async function requirePort(port: number, what: string, envVar: string): Promise<void> {
  if (!(await portIsFree(port))) {
    throw new Error(`port ${port} (${what}) is in use: stop whatever holds it (another npm start?) or set ${envVar}`);
  }
}

function runChild(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts', 'register.js'), path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    say(`${name} exited (${signal ?? `code ${code}`}); stopping the platform. Read the lines above for the cause.`);
    void shutdown(1);
  });
  children.push(child);
  return child;
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping: API and worker first, then Temporal and PostgreSQL');
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const kill = setTimeout(() => c.kill('SIGKILL'), 15_000);
          c.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
  await temporal?.stop().catch(() => undefined);
  await postgres?.stop().catch(() => undefined);
  say('stopped');
  process.exit(code);
}

async function main(): Promise<void> {
  const apiPort = Number(process.env.PORT ?? 3000);
  const temporalPort = Number(process.env.TEMPORAL_PORT ?? 7233);
  const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
  const pgPort = Number(process.env.PGPORT_EMBEDDED ?? 5433);

  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  await requirePort(apiPort, 'API', 'PORT');
  await requirePort(temporalPort, 'Temporal', 'TEMPORAL_PORT');
  await requirePort(uiPort, 'Temporal UI', 'TEMPORAL_UI_PORT');

  const toolchain = loadToolchain();
  if (!toolchain.cli.path) throw new Error('no Temporal CLI found: run `node scripts/toolchain.js` and read what it says, or set TEMPORAL_CLI_PATH');
  say(`Temporal CLI: ${toolchain.cli.path} (from ${toolchain.cli.source})`);

  say('starting the Temporal dev server (state in .data/temporal.db)');
  temporal = await startTemporalDevServer({
    cli: toolchain.cli.path,
    port: temporalPort,
    uiPort,
    dbFile: path.join(DATA, 'temporal.db'),
    log: (l) => {
      if (!stopping) process.stdout.write(`[temporal] ${l}\n`);
    },
  });

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    say('using PostgreSQL from DATABASE_URL');
  } else {
    await requirePort(pgPort, 'embedded PostgreSQL', 'PGPORT_EMBEDDED');
    say('starting embedded PostgreSQL (data in .data/postgres)');
    postgres = await startEmbeddedPostgres({ dir: path.join(DATA, 'postgres'), port: pgPort });
    databaseUrl = postgres.url;
  }

  const db = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'satupintu-start' });
  await db.initialize();
  const ran = await migrate(db);
  say(ran.length ? `migrations applied: ${ran.join(', ')}` : 'database schema up to date');
  const seeded = await seed(db);
  say(`seed: ${seeded.agencies} agencies, ${seeded.offices} offices and outlets`);
  await db.destroy();

  const env = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, PORT: String(apiPort) };
  say('starting the worker (bundling workflow code takes a few seconds)');
  runChild('worker', 'apps/worker/src/main.ts', env);
  say('starting the API');
  runChild('API', 'apps/api/src/main.ts', env);

  const base = `http://localhost:${apiPort}`;
  const deadline = Date.now() + 120_000;
  while (!stopping && Date.now() < deadline) {
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  say('ready');
  process.stdout.write(
    [
      '',
      `  API            ${base}`,
      `  OpenAPI docs   ${base}/docs`,
      `  Health         ${base}/health`,
      `  Temporal UI    ${temporal.uiUrl}`,
      `  PostgreSQL     ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`,
      '',
      '  Mint a token:  npm run -s token -- --role integrator',
      '                 npm run -s token -- --role approver --agency DCKTRP',
      '  Stop:          Ctrl-C (applications in flight resume on the next npm start)',
      '',
    ].join('\n'),
  );
}

main().catch(async (err: Error) => {
  process.stderr.write(`[satupintu] could not start: ${err.message}\n`);
  await shutdown(1);
});
