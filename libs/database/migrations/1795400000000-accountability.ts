import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accountability: what the reports need beyond the walking skeleton's read model.
 *
 * - task: each step attempt carries the step clock at assignment (`minutes_before`), the business
 *   minutes the attempt took when an officer decided it (`attempt_minutes`), its breach flag (null while
 *   open), the step's points weight, and the permit type and receiving office copied from its application
 *   so the league tables never join a million tasks to their applications.
 * - application: the legal deadline and the business minutes the application's own clock used by the
 *   time it closed (the applicant's waits left out), for the office table's intake-to-hand-off measure.
 * - points: one row per step an officer decided for good (approve or reject), keyed by task.
 * - complaint: citizens' complaints, public; `illegal_fee` ones are escalated to the inspectorate at once.
 *
 * docs/reports.md explains each figure and the indexes below with their query plans.
 */
export class Accountability1795400000000 implements MigrationInterface {
  name = 'Accountability1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE task
        ADD COLUMN permit_type text,
        ADD COLUMN receiving_office_id text,
        ADD COLUMN minutes_before numeric NOT NULL DEFAULT 0,
        ADD COLUMN attempt_minutes numeric,
        ADD COLUMN breached boolean,
        ADD COLUMN weight numeric NOT NULL DEFAULT 1;

      ALTER TABLE application
        ADD COLUMN legal_deadline_minutes int,
        ADD COLUMN business_minutes_used numeric;

      -- Rows projected before this migration: what SQL alone can derive (weights default to 1; the
      -- application clock needs the business calendar and is filled by the next projection).
      UPDATE task t SET permit_type = a.permit_type, receiving_office_id = a.receiving_office_id
        FROM application a WHERE a.id = t.application_id;
      UPDATE task t SET minutes_before = p.business_minutes_used
        FROM task p WHERE p.application_id = t.application_id AND p.step_id = t.step_id AND p.attempt = t.attempt - 1;
      UPDATE task SET
        attempt_minutes = CASE WHEN status IN ('approved','rejected','revision_requested') THEN round(business_minutes_used - minutes_before, 2) END,
        breached = CASE
          WHEN status = 'open' THEN NULL
          WHEN status IN ('approved','rejected','revision_requested') THEN round(business_minutes_used, 2) > deadline_minutes
          ELSE coalesce(decided_at > due_at, false)
        END;

      -- Closed attempts by the instant they closed: the agency table's range scan. The INCLUDE columns let
      -- it run as an index-only scan.
      CREATE INDEX task_closed_idx ON task (decided_at)
        INCLUDE (agency, office_id, status, breached, attempt_minutes, permit_type)
        WHERE status <> 'open';
      -- Open attempts by due instant: "overdue now" is a short range at the front of this index.
      CREATE INDEX task_open_due_idx ON task (due_at) INCLUDE (agency, office_id, permit_type) WHERE status = 'open';
      CREATE INDEX escalation_at_idx ON escalation (at) INCLUDE (agency, office_id, rung, application_id);
      CREATE INDEX application_decided_idx ON application (decided_at)
        INCLUDE (receiving_office_id, status, deemed_granted, business_minutes_used, legal_deadline_minutes, permit_type)
        WHERE decided_at IS NOT NULL;
      CREATE INDEX application_open_due_idx ON application (due_at) INCLUDE (receiving_office_id, permit_type) WHERE status = 'in_review';
      CREATE INDEX application_submitted_idx ON application (submitted_at) INCLUDE (receiving_office_id, permit_type);

      CREATE TABLE points (
        task_id text PRIMARY KEY,
        application_id text NOT NULL,
        officer text NOT NULL,
        agency text NOT NULL,
        office_id text NOT NULL,
        permit_type text NOT NULL,
        step_id text NOT NULL,
        weight numeric NOT NULL,
        deadline_minutes int NOT NULL,
        late_minutes int NOT NULL,
        points numeric(12,2) NOT NULL,
        awarded_at timestamptz NOT NULL
      );
      CREATE INDEX points_awarded_idx ON points (awarded_at) INCLUDE (officer, agency, office_id, points, late_minutes, permit_type);

      CREATE TABLE complaint (
        id text PRIMARY KEY,
        tracking_code text NOT NULL UNIQUE,
        request_hash text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('sms','web','app','email')),
        office_id text NOT NULL REFERENCES office(id),
        category text NOT NULL,
        application_id text,
        description text,
        -- Personal data: never logged, never listed in a report.
        contact jsonb,
        status text NOT NULL DEFAULT 'received',
        escalated_to text,
        escalated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX complaint_created_idx ON complaint (created_at) INCLUDE (office_id, category, channel);
      CREATE INDEX complaint_escalated_idx ON complaint (escalated_to, created_at) WHERE escalated_to IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE complaint; DROP TABLE points;
      DROP INDEX application_submitted_idx; DROP INDEX application_open_due_idx; DROP INDEX application_decided_idx;
      DROP INDEX escalation_at_idx; DROP INDEX task_open_due_idx; DROP INDEX task_closed_idx;
      ALTER TABLE application DROP COLUMN business_minutes_used, DROP COLUMN legal_deadline_minutes;
      ALTER TABLE task DROP COLUMN weight, DROP COLUMN breached, DROP COLUMN attempt_minutes, DROP COLUMN minutes_before,
        DROP COLUMN receiving_office_id, DROP COLUMN permit_type;
    `);
  }
}
