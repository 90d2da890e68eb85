// Worker liveness in the read model's database: each worker process refreshes its row every few
// seconds; a row older than LIVE_WITHIN_SEC belongs to a worker that is gone.
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import type { DataSource } from 'typeorm';

export const HEARTBEAT_EVERY_MS = 3_000;
/** Three missed beats: long enough for a busy event loop, short enough to notice a killed worker quickly. */
export const LIVE_WITHIN_SEC = 10;

export interface WorkerHeartbeat {
  instanceId: string;
  /** Stops beating and removes the row (a clean shutdown is not a death). */
  stop(): Promise<void>;
}

export function startWorkerHeartbeat(db: DataSource, taskQueue: string, onError: (err: unknown) => void): WorkerHeartbeat {
  const instanceId = randomUUID();
  const startedAt = new Date();
  const beat = () =>
    db
      .query(
        `INSERT INTO worker_heartbeat (instance_id, task_queue, host, pid, started_at, seen_at) VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (instance_id) DO UPDATE SET seen_at = now()`,
        [instanceId, taskQueue, os.hostname(), process.pid, startedAt],
      )
      .then(() => undefined, onError);
  // Rows of workers long gone are cleared once per worker start, not on every /health probe.
  let last = db
    .query(`DELETE FROM worker_heartbeat WHERE seen_at < now() - interval '1 day'`)
    .then(beat, onError);
  const timer = setInterval(() => {
    last = last.then(beat);
  }, HEARTBEAT_EVERY_MS);
  timer.unref();
  return {
    instanceId,
    async stop() {
      clearInterval(timer);
      await last;
      await db.query(`DELETE FROM worker_heartbeat WHERE instance_id = $1`, [instanceId]).catch(onError);
    },
  };
}

/** Workers of `taskQueue` seen alive lately. */
export async function liveWorkers(db: DataSource, taskQueue: string): Promise<number> {
  const [row] = await db.query(
    `SELECT count(*)::int AS live FROM worker_heartbeat WHERE task_queue = $1 AND seen_at > now() - make_interval(secs => $2)`,
    [taskQueue, LIVE_WITHIN_SEC],
  );
  return row.live as number;
}
