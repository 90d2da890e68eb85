import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per running worker process, refreshed every few seconds: the API's /health tells a live
 * worker from one that died without saying goodbye (SIGKILL, a lost machine).
 */
export class WorkerHeartbeat1795400000004 implements MigrationInterface {
  name = 'WorkerHeartbeat1795400000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE worker_heartbeat (
        instance_id text PRIMARY KEY,
        task_queue text NOT NULL,
        host text NOT NULL,
        pid integer NOT NULL,
        started_at timestamptz NOT NULL,
        seen_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX worker_heartbeat_queue_seen ON worker_heartbeat (task_queue, seen_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE worker_heartbeat`);
  }
}
