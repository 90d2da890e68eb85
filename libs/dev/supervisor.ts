// The supervisor behind `npm start`: starts the parts in order, and once they all run, restarts any
// part that dies, alone, with backoff, while the others keep running. Its state file tells a later
// start (and the crash drill) which processes belong to the platform.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { watchChild } from './child';

export interface RunningPart {
  pid: number | undefined;
  /** Resolves when the process has exited, whatever the cause. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export interface PartSpec {
  /** Short name in logs and in the state file: postgres, temporal, worker, api. */
  name: string;
  /** How a person calls it: "PostgreSQL", "the Temporal dev server". */
  title: string;
  /** What to do when it cannot start. */
  hint: string;
  start(): Promise<RunningPart>;
}

export class StartError extends Error {
  constructor(
    readonly part: PartSpec,
    readonly reason: string,
  ) {
    super(`could not start ${part.title}: ${reason}. ${part.hint}`);
  }
}

type PartState = 'starting' | 'running' | 'restarting' | 'stopped';

interface PartRecord {
  pid: number | null;
  state: PartState;
  restarts: number;
  since: string;
}

export interface SupervisorState {
  pid: number;
  startedAt: string;
  parts: Record<string, PartRecord>;
}

/** Backoff between restarts of one part: quick first, at most MAX_BACKOFF_MS; forgotten after a steady minute. */
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5_000;
const STEADY_MS = 60_000;

export function stateFile(dataDir: string): string {
  return path.join(dataDir, 'run', 'supervisor.json');
}

export function readState(dataDir: string): SupervisorState | undefined {
  try {
    return JSON.parse(fs.readFileSync(stateFile(dataDir), 'utf8')) as SupervisorState;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number | null | undefined): pid is number {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function reason(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0].replace(/\.$/, '');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Supervisor {
  private readonly running = new Map<string, RunningPart>();
  private readonly records: Record<string, PartRecord> = {};
  private stopping = false;
  private readonly startedAt = new Date().toISOString();

  constructor(
    private readonly dataDir: string,
    private readonly say: (line: string) => void,
  ) {}

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Starts `part` and keeps it running. Throws StartError (the part named, what to do) when it cannot start. */
  async add(part: PartSpec): Promise<void> {
    this.record(part.name, { pid: null, state: 'starting', restarts: 0 });
    let run: RunningPart;
    try {
      run = await part.start();
    } catch (err) {
      throw new StartError(part, reason(err));
    }
    if (this.stopping) {
      await run.stop();
      return;
    }
    this.watch(part, run, 0);
  }

  private watch(part: PartSpec, run: RunningPart, restarts: number): void {
    this.running.set(part.name, run);
    this.record(part.name, { pid: run.pid ?? null, state: 'running', restarts });
    const upSince = Date.now();
    void run.exited.then(() => {
      if (this.stopping) return;
      this.running.delete(part.name);
      const steady = Date.now() - upSince > STEADY_MS;
      void this.restart(part, steady ? 0 : restarts, restarts);
    });
  }

  private async restart(part: PartSpec, attempt: number, restarts: number): Promise<void> {
    for (let n = attempt; !this.stopping; n++) {
      const wait = Math.min(FIRST_BACKOFF_MS * 2 ** n, MAX_BACKOFF_MS);
      this.record(part.name, { pid: null, state: 'restarting', restarts });
      this.say(`${part.title} stopped unexpectedly; restarting it in ${(wait / 1000).toFixed(2)} s (the other parts keep running)`);
      await sleep(wait);
      if (this.stopping) return;
      const began = Date.now();
      try {
        const run = await part.start();
        if (this.stopping) {
          await run.stop();
          return;
        }
        restarts++;
        this.say(`${part.title} is back (pid ${run.pid}, restart #${restarts}, ${((Date.now() - began) / 1000).toFixed(1)} s to start)`);
        this.watch(part, run, restarts);
        return;
      } catch (err) {
        this.say(`${part.title} did not start again: ${reason(err)}; trying again`);
      }
    }
  }

  /** Stops every running part, in the reverse order of start. */
  async stopAll(order: string[]): Promise<void> {
    this.stopping = true;
    for (const name of [...order].reverse()) {
      const run = this.running.get(name);
      if (!run) continue;
      await run.stop().catch(() => undefined);
      this.running.delete(name);
      this.record(name, { pid: null, state: 'stopped', restarts: this.records[name]?.restarts ?? 0 });
    }
  }

  private record(name: string, r: Omit<PartRecord, 'since'>): void {
    this.records[name] = { ...r, since: new Date().toISOString() };
    const state: SupervisorState = { pid: process.pid, startedAt: this.startedAt, parts: this.records };
    const file = stateFile(this.dataDir);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
    fs.renameSync(`${file}.tmp`, file);
  }
}

/**
 * A Node entry point (the worker, the API) as a child with an IPC channel: it reports `{type:'ready'}`
 * once it serves, and stops by itself if the supervisor disappears. Start fails with the child's own
 * last words when it exits before it is ready.
 */
export function nodePart(opts: { root: string; entry: string; env: NodeJS.ProcessEnv; readyTimeoutMs?: number }): () => Promise<RunningPart> {
  return async () => {
    const child: ChildProcess = spawn(process.execPath, ['-r', path.join(opts.root, 'scripts', 'register.js'), path.join(opts.root, opts.entry)], {
      cwd: opts.root,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      // Its own process group: a terminal's Ctrl-C reaches only the supervisor, which stops the parts in order.
      detached: true,
    });
    const tail: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      for (const l of chunk.toString().split('\n').filter((x) => x.trim())) {
        tail.push(l.trim());
        if (tail.length > 20) tail.shift();
      }
    });
    const { exited, stop } = watchChild(child, 15_000, (e) => tail.push(e.message));
    const timeoutMs = opts.readyTimeoutMs ?? 120_000;
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs / 1000} s`)), timeoutMs);
        child.on('message', (m: { type?: string }) => {
          if (m?.type === 'ready') {
            clearTimeout(timer);
            resolve();
          }
        });
        void exited.then(() => {
          clearTimeout(timer);
          const cause = tail.find((l) => /^\w*Error\b|failed|error:/i.test(l)) ?? tail[0] ?? 'no output';
          reject(new Error(`exited with ${child.signalCode ?? `code ${child.exitCode}`} before it was ready (${cause})`));
        });
      });
    } catch (err) {
      await stop();
      throw err;
    }
    return { pid: child.pid, exited, stop };
  };
}
