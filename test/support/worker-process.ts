// The real worker process, as `npm start` and the container run it, pointed at a test platform.
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Platform } from './platform';

const ROOT = path.resolve(__dirname, '..', '..');

/** Starts apps/worker on the platform's database and task queue; `env` adds to its environment. */
export function workerProcess(p: Platform, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['-r', path.join(ROOT, 'scripts', 'register.js'), path.join(ROOT, 'apps', 'worker', 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: p.config.databaseUrl,
      TEMPORAL_ADDRESS: p.config.temporal.address,
      TEMPORAL_TASK_QUEUE: p.config.temporal.taskQueue,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Resolves once the process has exited (at once if it already has). */
export function exited(c: ChildProcess): Promise<void> {
  return new Promise((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));
}
