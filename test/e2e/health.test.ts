// Story: a load balancer asks /health which parts work. With PostgreSQL and Temporal up but no worker
// beating its heartbeat, the platform still takes applications (they wait in Temporal), so it answers
// 200 "degraded" and names the worker; once a worker beats, "ok"; a heartbeat older than ten seconds
// is a worker that died without saying goodbye.
import { Platform, platformSuite } from '../support/platform';

describe('GET /health', () => {
  let p: Platform;
  platformSuite((platform) => (p = platform), { worker: false });

  const beat = (instance: string, secondsAgo: number) =>
    p.db.query(
      `INSERT INTO worker_heartbeat (instance_id, task_queue, host, pid, started_at, seen_at)
       VALUES ($1, $2, 'test', 1, now(), now() - make_interval(secs => $3))
       ON CONFLICT (instance_id) DO UPDATE SET seen_at = excluded.seen_at`,
      [instance, p.config.temporal.taskQueue, secondsAgo],
    );

  it('is degraded, with 200, while no worker of the task queue beats', async () => {
    const r = await p.http('GET', '/health');
    expect([r.status, r.body]).toEqual([200, { status: 'degraded', postgres: 'ok', temporal: 'ok', worker: 'down', workers: 0 }]);
  });

  it('counts a worker whose heartbeat is older than ten seconds as gone', async () => {
    await beat('stale-worker', 30);
    const r = await p.http('GET', '/health');
    expect([r.status, r.body.status, r.body.workers]).toEqual([200, 'degraded', 0]);
  });

  it('is ok once a worker beats', async () => {
    await beat('live-worker', 0);
    const r = await p.http('GET', '/health');
    expect([r.status, r.body]).toEqual([200, { status: 'ok', postgres: 'ok', temporal: 'ok', worker: 'ok', workers: 1 }]);
  });
});
