import { MigrationInterface, QueryRunner } from 'typeorm';

/** The read model: what must be queried across applications. Temporal stays the source of truth. */
export class InitialSchema1732300000000 implements MigrationInterface {
  name = 'InitialSchema1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agency (
        code text PRIMARY KEY,
        name text NOT NULL,
        name_en text NOT NULL,
        kind text NOT NULL,
        parent_code text
      );
      CREATE TABLE office (
        id text PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('province','city','regency','kecamatan','kelurahan','outlet')),
        area_code text NOT NULL,
        parent_id text REFERENCES office(id),
        address text,
        schedule jsonb
      );
      CREATE INDEX office_area_code_idx ON office (area_code);
      CREATE INDEX office_parent_idx ON office (parent_id);

      CREATE TABLE application (
        id text PRIMARY KEY,
        tracking_code text NOT NULL UNIQUE,
        permit_type text NOT NULL,
        definition_version int NOT NULL,
        status text NOT NULL,
        deemed_granted boolean NOT NULL DEFAULT false,
        submitted_by text NOT NULL,
        receiving_office_id text NOT NULL,
        kelurahan_code text NOT NULL,
        submitted_at timestamptz NOT NULL,
        due_at timestamptz,
        decided_at timestamptz,
        applicant jsonb NOT NULL,
        view jsonb NOT NULL,
        revision int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX application_status_idx ON application (status, submitted_at DESC, id DESC);
      CREATE INDEX application_type_idx ON application (permit_type, submitted_at DESC, id DESC);
      CREATE INDEX application_office_idx ON application (receiving_office_id, submitted_at DESC, id DESC);
      CREATE INDEX application_submitter_idx ON application (submitted_by, submitted_at DESC, id DESC);

      CREATE TABLE task (
        id text PRIMARY KEY,
        application_id text NOT NULL REFERENCES application(id),
        step_id text NOT NULL,
        step_name text NOT NULL,
        attempt int NOT NULL,
        agency text NOT NULL,
        office_id text NOT NULL,
        role text NOT NULL,
        status text NOT NULL,
        assigned_at timestamptz NOT NULL,
        due_at timestamptz,
        decided_at timestamptz,
        decided_by text,
        note text,
        overdue boolean NOT NULL DEFAULT false,
        business_minutes_used numeric NOT NULL DEFAULT 0,
        deadline_minutes int NOT NULL,
        revision int NOT NULL
      );
      CREATE INDEX task_inbox_idx ON task (agency, status, due_at, id);
      CREATE INDEX task_application_idx ON task (application_id);

      CREATE TABLE escalation (
        id text PRIMARY KEY,
        application_id text NOT NULL,
        task_id text NOT NULL,
        step_id text NOT NULL,
        agency text NOT NULL,
        office_id text NOT NULL,
        rung text NOT NULL,
        notify text NOT NULL,
        public_list boolean NOT NULL,
        due_at timestamptz,
        at timestamptz NOT NULL
      );
      CREATE INDEX escalation_agency_idx ON escalation (agency, at);

      CREATE TABLE notification (
        dedup_key text PRIMARY KEY,
        channel text NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      );

      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        event_id text NOT NULL UNIQUE,
        application_id text NOT NULL,
        at timestamptz NOT NULL,
        type text NOT NULL,
        actor text NOT NULL,
        role text,
        agency text,
        step_id text,
        task_id text,
        note text,
        status_before text NOT NULL,
        status_after text NOT NULL,
        request_id text
      );
      CREATE INDEX audit_log_application_idx ON audit_log (application_id, at);

      -- The audit log is append-only: no row is ever changed or removed.
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
      END $$;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

      CREATE TABLE idempotency_key (
        caller text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status int,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller, key)
      );
      CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE idempotency_key; DROP TABLE audit_log; DROP FUNCTION audit_log_append_only();
      DROP TABLE notification; DROP TABLE escalation; DROP TABLE task; DROP TABLE application;
      DROP TABLE office; DROP TABLE agency;
    `);
  }
}
