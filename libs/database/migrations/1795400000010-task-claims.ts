import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who holds an open task (claimed it, or was assigned it by a head) and the escalation rung it reached,
 * for the approver inbox's queues: mine (claimed by me), unclaimed, all open, done (decided by me). Each
 * queue reads its own partial index in due order; the counts read the same indexes.
 */
export class TaskClaims1795400000010 implements MigrationInterface {
  name = 'TaskClaims1795400000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE task
        ADD COLUMN claimed_by text,
        ADD COLUMN claimed_at timestamptz,
        ADD COLUMN escalation_level int NOT NULL DEFAULT 0,
        ADD COLUMN escalation_rung text`);
    // Rungs already reached by open tasks, from the projected views (claims start with this migration).
    await q.query(`
      UPDATE task t SET escalation_level = jsonb_array_length(e.escalations), escalation_rung = e.escalations ->> -1
      FROM application a, jsonb_to_recordset(a.view -> 'tasks') AS e(id text, escalations jsonb)
      WHERE t.status = 'open' AND a.id = t.application_id AND e.id = t.id AND jsonb_array_length(coalesce(e.escalations, '[]')) > 0`);
    await q.query(`CREATE INDEX task_open_claimed_idx ON task (claimed_by, due_at, id) WHERE status = 'open' AND claimed_by IS NOT NULL`);
    await q.query(`CREATE INDEX task_open_unclaimed_idx ON task (agency, office_id, due_at, id) WHERE status = 'open' AND claimed_by IS NULL`);
    await q.query(`CREATE INDEX task_decided_by_idx ON task (decided_by, due_at, id) WHERE decided_by IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX task_decided_by_idx; DROP INDEX task_open_unclaimed_idx; DROP INDEX task_open_claimed_idx`);
    await q.query(`ALTER TABLE task DROP COLUMN escalation_rung, DROP COLUMN escalation_level, DROP COLUMN claimed_at, DROP COLUMN claimed_by`);
  }
}
