import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA wall's reads:
 * - task.definition_version: the definition version of the application the attempt belongs to, so the
 *   open and overdue counts per permit type, version and step come from one index without a join;
 *   written by the projection, filled here for the rows already there.
 * - task_open_step_idx: open attempts by permit type, version and step, with what the overdue rule
 *   (libs/domain/overdue.ts) reads, so the counts are an index-only scan.
 * - application_running_idx: applications still running (in review or waiting on the applicant) per
 *   permit type and version, for the admin catalogue's versions view.
 */
export class OpenSteps1795400000011 implements MigrationInterface {
  name = 'OpenSteps1795400000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task ADD COLUMN definition_version int`);
    await q.query(`UPDATE task t SET definition_version = a.definition_version FROM application a WHERE a.id = t.application_id`);
    await q.query(`CREATE INDEX task_open_step_idx ON task (permit_type, definition_version, step_id) INCLUDE (overdue, due_at, status) WHERE status = 'open'`);
    await q.query(
      `CREATE INDEX application_running_idx ON application (permit_type, definition_version) WHERE status IN ('in_review', 'awaiting_applicant')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX application_running_idx`);
    await q.query(`DROP INDEX task_open_step_idx`);
    await q.query(`ALTER TABLE task DROP COLUMN definition_version`);
  }
}
