import type { ChildProcess } from 'node:child_process';

/** A child process watched until it exits, and how to stop it. */
export interface WatchedChild {
  /** Resolves when the process has exited, or failed to start, whatever the cause. */
  exited: Promise<void>;
  /** Whether it has exited. */
  gone(): boolean;
  /** SIGTERM, then SIGKILL when it is still there after the grace period; resolves once it has exited. */
  stop(): Promise<void>;
}

export function watchChild(child: ChildProcess, graceMs: number, onError?: (err: Error) => void): WatchedChild {
  let gone = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (err) => {
      onError?.(err);
      resolve();
    });
  });
  void exited.then(() => (gone = true));
  const stop = async () => {
    if (gone) return;
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(force);
  };
  return { exited, gone: () => gone, stop };
}

/**
 * Hands each line a child writes (stdout and stderr) to `log`, and keeps its last `keep` lines: what a
 * start failure quotes. The returned array is that tail; callers may push their own notes to it.
 */
export function tailOutput(child: ChildProcess, keep: number, log?: (line: string) => void): string[] {
  const tail: string[] = [];
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      tail.push(line);
      if (tail.length > keep) tail.shift();
      log?.(line);
    }
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  return tail;
}
