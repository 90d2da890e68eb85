// The real Temporal server on PostgreSQL, as `npm start -- --cluster` runs it: one process a service
// (frontend, history, matching, worker), each with its own gRPC and membership ports, configured by
// the same environment variables the official temporalio/server image reads (the server renders its
// embedded config template from them). The one-shot steps (schemas, namespace and search attributes)
// are the shell scripts in docker/temporal/ that docker/compose.yaml runs too.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { SEARCH_ATTRIBUTES } from '../temporal/search-attributes';
import { tailOutput, watchChild } from './child';

const ROOT = path.resolve(__dirname, '..', '..');
export const TEMPORAL_SCRIPTS = path.join(ROOT, 'docker', 'temporal');

/** The four services, in the order they start (history owns the shards the others route to). */
export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

export interface ClusterPorts {
  /** The frontend's gRPC port: what clients, the CLI and the platform connect to. */
  frontend: number;
  frontendHttp: number;
  grpc: Record<Exclude<TemporalService, 'frontend'>, number>;
  membership: Record<TemporalService, number>;
}

/** The server image's defaults, the frontend's moved by TEMPORAL_PORT. */
export function defaultClusterPorts(frontend: number): ClusterPorts {
  return {
    frontend,
    frontendHttp: 7243,
    grpc: { history: 7234, matching: 7235, worker: 7239 },
    membership: { frontend: 6933, history: 6934, matching: 6935, worker: 6939 },
  };
}

/** Temporal stores membership ports in a smallint column: above it, a service cannot join. */
export const MAX_MEMBERSHIP_PORT = 32767;

/**
 * A free port for a membership listener: below MAX_MEMBERSHIP_PORT, so not from the kernel's ephemeral
 * range (which starts at 32768); picked at random so concurrent starts rarely reach for the same one.
 */
export async function freeMembershipPort(isFree: (port: number) => Promise<boolean>): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20000 + Math.floor(Math.random() * (MAX_MEMBERSHIP_PORT - 20000));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port between 20000 and ${MAX_MEMBERSHIP_PORT} for Temporal's membership`);
}

export function clusterPortList(p: ClusterPorts): number[] {
  return [p.frontend, p.frontendHttp, ...Object.values(p.grpc), ...Object.values(p.membership)];
}

/**
 * How many history shards: fixed when the `temporal` database is created and never changeable after.
 * Compose's default (docker/.env.example) is the production value; a laptop runs 16 to start quickly.
 */
export const LOCAL_HISTORY_SHARDS = 16;

/** The variables of the temporalio/server image (and of the scripts in docker/temporal/) for a PostgreSQL URL. */
export function clusterEnv(databaseUrl: string, ports: ClusterPorts, opts: { historyShards?: number } = {}): Record<string, string> {
  const url = new URL(databaseUrl);
  const svc = (name: string, grpc: number, membership: number) => ({ [`${name}_GRPC_PORT`]: String(grpc), [`${name}_MEMBERSHIP_PORT`]: String(membership) });
  return {
    DB: 'postgres12',
    POSTGRES_SEEDS: url.hostname,
    DB_PORT: url.port || '5432',
    POSTGRES_USER: decodeURIComponent(url.username),
    POSTGRES_PWD: decodeURIComponent(url.password),
    DBNAME: 'temporal',
    VISIBILITY_DBNAME: 'temporal_visibility',
    NUM_HISTORY_SHARDS: String(opts.historyShards ?? LOCAL_HISTORY_SHARDS),
    // Four services share one PostgreSQL with the platform: modest pools each.
    SQL_MAX_CONNS: '10',
    SQL_MAX_IDLE_CONNS: '10',
    SQL_VIS_MAX_CONNS: '5',
    SQL_VIS_MAX_IDLE_CONNS: '5',
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    ...svc('FRONTEND', ports.frontend, ports.membership.frontend),
    FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    ...svc('HISTORY', ports.grpc.history, ports.membership.history),
    ...svc('MATCHING', ports.grpc.matching, ports.membership.matching),
    ...svc('WORKER', ports.grpc.worker, ports.membership.worker),
    DYNAMIC_CONFIG_FILE_PATH: path.join(TEMPORAL_SCRIPTS, 'dynamicconfig.yaml'),
    LOG_LEVEL: 'warn',
  };
}

/** `SEARCH_ATTRIBUTES` for docker/temporal/setup-namespace.sh: what the platform's code declares. */
export function searchAttributesEnv(): string {
  return SEARCH_ATTRIBUTES.map((a) => `${a.name}=${a.type}`).join(' ');
}

/** Runs one of the scripts in docker/temporal/ without blocking the event loop; rejects with its last lines. */
export function runClusterScript(script: 'setup-schema.sh' | 'setup-namespace.sh', env: Record<string, string>, say?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', [path.join(TEMPORAL_SCRIPTS, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: string[] = [];
    const take = (c: Buffer) =>
      c
        .toString()
        .split('\n')
        .filter((l) => l.trim())
        .forEach((l) => {
          out.push(l);
          if (!/^\s*[{[]/.test(l) && l.includes(': ') && l.startsWith('setup-')) say?.(l);
        });
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${script} failed (exit ${code}): ${out.slice(-3).join(' / ') || 'no output'}`))));
  });
}

export interface RunningService {
  process: ChildProcess;
  exited: Promise<void>;
  stop(): Promise<void>;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * `temporal-server start --service <service>`: resolves once its gRPC port takes connections (the
 * frontend also answers the cluster health check); rejects with the server's own last words when it
 * exits first, leaving no process behind.
 */
export async function startTemporalService(opts: {
  binary: string;
  service: TemporalService;
  env: Record<string, string>;
  ports: ClusterPorts;
  cli: string;
  log?: (line: string) => void;
  detached?: boolean;
  readyTimeoutMs?: number;
}): Promise<RunningService> {
  const child = spawn(opts.binary, ['start', '--service', opts.service], {
    env: { ...process.env, ...opts.env },
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.detached ?? false,
  });
  const tail = tailOutput(child, 8, opts.log);
  const { exited, gone, stop } = watchChild(child, 15_000, (e) => tail.push(e.message));
  const port = opts.service === 'frontend' ? opts.ports.frontend : opts.ports.grpc[opts.service];
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 120_000);
  try {
    for (let delay = 100; ; delay = Math.min(delay * 2, 1_000)) {
      if (gone()) throw new Error(`exited during start: ${lastWords(tail)}`);
      if (await listening(port)) {
        if (opts.service !== 'frontend' || (await healthy(opts.cli, `127.0.0.1:${port}`))) break;
      }
      if (Date.now() > deadline) throw new Error(`not serving on port ${port} after ${(opts.readyTimeoutMs ?? 120_000) / 1000} s: ${lastWords(tail)}`);
      await new Promise((r) => setTimeout(r, delay));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { process: child, exited, stop };
}

/** The server logs JSON lines: their `msg` and `error` say what went wrong. */
function lastWords(tail: string[]): string {
  const said = tail.map((l) => {
    try {
      const j = JSON.parse(l) as { msg?: string; error?: string };
      return [j.msg, j.error].filter(Boolean).join(': ');
    } catch {
      return l;
    }
  });
  return said.filter((l) => /error|fail|unable|panic/i.test(l)).slice(-2).join(' / ') || said.slice(-2).join(' / ') || 'no output';
}

function healthy(cli: string, address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(cli, ['operator', 'cluster', 'health', '--address', address], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('error', () => resolve(false));
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

export interface ServerToolchain {
  server: string;
  sqlTool: string;
  schemaDir: string;
}

/** The server binaries found or built by `node scripts/toolchain.js --server`; undefined when absent. */
export function loadServerToolchain(): ServerToolchain | undefined {
  const manifest = path.join(ROOT, '.tools', 'server.json');
  if (!fs.existsSync(manifest)) return undefined;
  const m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { server: { path: string }; sqlTool: { path: string }; schemaDir: string };
  if (![m.server.path, m.sqlTool.path, m.schemaDir].every((p) => p && fs.existsSync(p))) return undefined;
  return { server: m.server.path, sqlTool: m.sqlTool.path, schemaDir: m.schemaDir };
}

export const SERVER_BUILD_HINT = 'build them with npm run toolchain:server (go install, a few minutes the first time), or set TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH and run it';

/**
 * A whole cluster, unsupervised, on free ports of `databaseUrl`'s server (the bench's): schemas, the four
 * services, namespace and search attributes, the same steps as cluster mode. `stop` ends the services.
 */
export async function startLocalCluster(o: {
  databaseUrl: string;
  server: ServerToolchain;
  cli: string;
  freePort: () => Promise<number>;
  portIsFree: (port: number) => Promise<boolean>;
  say?: (line: string) => void;
}): Promise<{ address: string; stop(): Promise<void> }> {
  const [frontend, frontendHttp, history, matching, worker] = [await o.freePort(), await o.freePort(), await o.freePort(), await o.freePort(), await o.freePort()];
  const [mf, mh, mm, mw] = [await freeMembershipPort(o.portIsFree), await freeMembershipPort(o.portIsFree), await freeMembershipPort(o.portIsFree), await freeMembershipPort(o.portIsFree)];
  const ports: ClusterPorts = { frontend, frontendHttp, grpc: { history, matching, worker }, membership: { frontend: mf, history: mh, matching: mm, worker: mw } };
  const env = { ...clusterEnv(o.databaseUrl, ports), TEMPORAL_SQL_TOOL: o.server.sqlTool, TEMPORAL_SCHEMA_DIR: o.server.schemaDir };
  await runClusterScript('setup-schema.sh', env, o.say);
  const running: RunningService[] = [];
  const stop = async () => {
    for (const s of running.reverse()) await s.stop();
  };
  try {
    for (const service of TEMPORAL_SERVICES) running.push(await startTemporalService({ binary: o.server.server, service, env, ports, cli: o.cli }));
    const address = `127.0.0.1:${frontend}`;
    await runClusterScript('setup-namespace.sh', { TEMPORAL_ADDRESS: address, TEMPORAL_CLI: o.cli, SEARCH_ATTRIBUTES: searchAttributesEnv() }, o.say);
    return { address, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
