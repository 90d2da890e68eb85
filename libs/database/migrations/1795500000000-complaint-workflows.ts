import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Complaints as workflows (docs/complaints.md): the complaint row becomes the read model of its workflow
 * (the office that must answer, the due time, the public answer, reopening, closing, written with the
 * workflow's revision so the newest wins), complaint_event its timeline keyed by (complaint, seq), and
 * pin_hash the hash of the follow-up PIN only the filer received. Complaints filed before this migration
 * have no workflow: they keep status `received` and no office inbox lists them.
 */
export class ComplaintWorkflows1795500000000 implements MigrationInterface {
  name = 'ComplaintWorkflows1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE complaint
        ADD COLUMN pin_hash text,
        ADD COLUMN responsible_office_id text REFERENCES office(id),
        ADD COLUMN due_at timestamptz,
        ADD COLUMN first_due_at timestamptz,
        ADD COLUMN overdue boolean NOT NULL DEFAULT false,
        ADD COLUMN answer text,
        ADD COLUMN answered_at timestamptz,
        ADD COLUMN first_answered_at timestamptz,
        ADD COLUMN answered_on_time boolean,
        ADD COLUMN reopened boolean NOT NULL DEFAULT false,
        ADD COLUMN reopen_until timestamptz,
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN revision int NOT NULL DEFAULT 0;
      CREATE INDEX complaint_inbox_idx ON complaint (responsible_office_id, status, due_at, id);

      CREATE TABLE complaint_event (
        complaint_id text NOT NULL REFERENCES complaint(id),
        seq int NOT NULL,
        at timestamptz NOT NULL,
        type text NOT NULL,
        actor text NOT NULL,
        note text,
        PRIMARY KEY (complaint_id, seq)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE complaint_event;
      DROP INDEX complaint_inbox_idx;
      ALTER TABLE complaint DROP COLUMN pin_hash, DROP COLUMN responsible_office_id, DROP COLUMN due_at, DROP COLUMN first_due_at,
        DROP COLUMN overdue, DROP COLUMN answer, DROP COLUMN answered_at, DROP COLUMN first_answered_at, DROP COLUMN answered_on_time,
        DROP COLUMN reopened, DROP COLUMN reopen_until, DROP COLUMN closed_at, DROP COLUMN revision;
    `);
  }
}
