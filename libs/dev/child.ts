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
