import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The calendar run by admins (docs/calendar.md): closed days of the province or of one office, the
 * holidays of a year loaded from its decree, and one revision counter that every change raises (the
 * worker and the API rebuild their calendar when it moves). Changes are written to the audit log, which
 * until now held only application events: its application columns become optional and it gains the
 * subject of a non-application event and its details.
 */
export class AdminCalendar1795510000000 implements MigrationInterface {
  name = 'AdminCalendar1795510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_closure (
        id text PRIMARY KEY,
        date date NOT NULL,
        -- NULL: the whole province.
        office_id text,
        name text NOT NULL,
        reason text NOT NULL,
        decree text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        cancelled_by text,
        cancelled_at timestamptz,
        cancel_reason text
      );
      -- One standing closure per day and scope.
      CREATE UNIQUE INDEX calendar_closure_standing_idx ON calendar_closure (date, coalesce(office_id, '')) WHERE cancelled_at IS NULL;

      CREATE TABLE calendar_year (
        year int PRIMARY KEY,
        decree text NOT NULL,
        days jsonb NOT NULL,
        loaded_by text NOT NULL,
        loaded_at timestamptz NOT NULL
      );

      CREATE TABLE calendar_revision (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        revision bigint NOT NULL
      );
      INSERT INTO calendar_revision (id, revision) VALUES (true, 0);

      ALTER TABLE audit_log
        ALTER COLUMN application_id DROP NOT NULL,
        ALTER COLUMN status_before DROP NOT NULL,
        ALTER COLUMN status_after DROP NOT NULL,
        ADD COLUMN subject text,
        ADD COLUMN details jsonb;
      CREATE INDEX audit_log_subject_idx ON audit_log (subject, at) WHERE subject IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX audit_log_subject_idx;
      ALTER TABLE audit_log DROP COLUMN details, DROP COLUMN subject;
      DROP TABLE calendar_revision;
      DROP TABLE calendar_year;
      DROP TABLE calendar_closure;
    `);
  }
}
