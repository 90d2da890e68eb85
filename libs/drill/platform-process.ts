// The platform exactly as `npm start` runs it (scripts/start.ts, its supervisor and its parts), in a
// data directory and on ports of its own: what the crash drill kills and the failed-start tests break.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, portIsFree } from '../dev/services';
import { freeMembershipPort } from '../dev/temporal-cluster';
import { readState, SupervisorState } from '../dev/supervisor';

const ROOT = path.resolve(__dirname, '..', '..');

export interface PlatformPorts {
  api: number;
  temporal: number;
  temporalUi: number;
  postgres: number;
  /** Cluster mode's other Temporal ports, as TEMPORAL_CLUSTER_PORTS takes them. */
  cluster?: number[];
}

export interface PlatformProcess {
  dataDir: string;
  ports: PlatformPorts;
  baseUrl: string;
  temporalAddress: string;
  databaseUrl: string;
  supervisor: ChildProcess;
  /** Every line the supervisor and its parts printed (stdout and stderr). */
  output: string[];
  /** Resolves with the supervisor's exit code. */
  exited: Promise<number | null>;
  state(): SupervisorState | undefined;
  /** Ctrl-C, as a person would stop it; resolves once the supervisor has exited. */
  stop(): Promise<number | null>;
}

export async function freePlatformPorts(cluster = false): Promise<PlatformPorts> {
  const ports: PlatformPorts = { api: await freePort(), temporal: await freePort(), temporalUi: await freePort(), postgres: await freePort() };
  if (cluster) {
    // Frontend HTTP and three gRPC ports, then four membership ports (below 32768: see freeMembershipPort).
    ports.cluster = [];
    for (let i = 0; i < 4; i++) ports.cluster.push(await freePort());
    for (let i = 0; i < 4; i++) ports.cluster.push(await freeMembershipPort(portIsFree));
  }
  return ports;
}

export function newDataDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `satupintu-${label}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Starts `npm start`'s entry point; `ready` resolves when it printed its URLs, rejects when it exited first. */
export function launchPlatform(opts: { dataDir: string; ports: PlatformPorts; cluster?: boolean; env?: NodeJS.ProcessEnv; onLine?: (line: string) => void }): {
  platform: PlatformProcess;
  ready: Promise<void>;
} {
  const { ports } = opts;
  const args = ['-r', path.join(ROOT, 'scripts', 'register.js'), path.join(ROOT, 'scripts', 'start.ts'), ...(opts.cluster ? ['--cluster'] : [])];
  const supervisor = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      SATUPINTU_DATA_DIR: opts.dataDir,
      PORT: String(ports.api),
      TEMPORAL_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.temporalUi),
      PGPORT_EMBEDDED: String(ports.postgres),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      DATABASE_URL: '',
      ...(ports.cluster ? { TEMPORAL_CLUSTER_PORTS: ports.cluster.join(',') } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const take = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      output.push(line);
      opts.onLine?.(line);
    }
  };
  supervisor.stdout?.on('data', take);
  supervisor.stderr?.on('data', take);
  const exited = new Promise<number | null>((resolve) => supervisor.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const check = (chunk: Buffer) => {
      if (chunk.toString().includes('[satupintu] ready')) resolve();
    };
    supervisor.stdout?.on('data', check);
    void exited.then((code) => reject(new Error(`npm start exited (code ${code}) before it was ready: ${output.filter((l) => l.startsWith('[satupintu]')).slice(-1)[0] ?? 'no output'}`)));
  });
  const platform: PlatformProcess = {
    dataDir: opts.dataDir,
    ports,
    baseUrl: `http://127.0.0.1:${ports.api}`,
    temporalAddress: `127.0.0.1:${ports.temporal}`,
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${ports.postgres}/satupintu`,
    supervisor,
    output,
    exited,
    state: () => readState(opts.dataDir),
    async stop() {
      if (supervisor.exitCode === null && supervisor.signalCode === null) supervisor.kill('SIGINT');
      return exited;
    },
  };
  return { platform, ready };
}

/**
 * Every live process of the platform started on `dataDir`: the supervisor hands SATUPINTU_DATA_DIR to
 * every part it starts (PostgreSQL and the Temporal server included), so their environment names it,
 * whether or not the supervisor got to record them.
 */
export function platformProcesses(dataDir: string): Array<{ pid: number; command: string }> {
  const marker = `SATUPINTU_DATA_DIR=${dataDir}\0`;
  const found: Array<{ pid: number; command: string }> = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (!`${fs.readFileSync(`/proc/${entry}/environ`, 'utf8')}\0`.includes(marker)) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (/\) Z /.test(stat)) continue; // a zombie holds nothing
      found.push({ pid: Number(entry), command: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim().slice(0, 160) });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/**
 * The process the drill kills for `part`: the supervisor's part of that name; in cluster mode, worker 1
 * of the two, and one of the API processes the API's primary forked (so the other keeps the port).
 */
export function processToKill(platform: PlatformProcess, part: string): number {
  const parts = platform.state()?.parts ?? {};
  const name = part === 'worker' && parts['worker-1'] ? 'worker-1' : part;
  const pid = parts[name]?.pid;
  if (!pid) throw new Error(`the supervisor has no running ${name} to kill`);
  if (part === 'api' && parts['worker-1']) {
    const child = childrenOf(pid)[0];
    if (!child) throw new Error(`the API primary (pid ${pid}) has no API process to kill`);
    return child;
  }
  return pid;
}

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid && state !== 'Z') found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
