import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox lists open tasks most urgent first: ORDER BY coalesce(due_at, 'infinity'), id (a task
 * without a due time last). task_inbox_idx is on the bare due_at, so PostgreSQL read and sorted every
 * open task of the agency for each page. These partial indexes hold the same expression in the same
 * order: a page, first or behind a keyset cursor, reads its rows straight off the index. One for an
 * agency and office (territorial agencies, offices' heads), one for a whole agency.
 */
export class InboxOrder1795420000000 implements MigrationInterface {
  name = 'InboxOrder1795420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX task_open_inbox_office_idx ON task (agency, office_id, (coalesce(due_at, 'infinity'::timestamptz)), id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX task_open_inbox_agency_idx ON task (agency, (coalesce(due_at, 'infinity'::timestamptz)), id) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX task_open_inbox_agency_idx`);
    await q.query(`DROP INDEX task_open_inbox_office_idx`);
  }
}
