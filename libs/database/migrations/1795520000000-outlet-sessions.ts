import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outlet sessions and where each application was filed.
 * - `outlet_session`: one opening of an outlet (PTSP at a mall, a park, a car-free day) on a Jakarta date,
 *   from `opens` to `closes` local time, written by admins (docs/api.md, Outlets and opening hours);
 *   `starts_at`/`ends_at` hold the same span as instants for the queries. Keyed by an id derived from the
 *   admin and the Idempotency-Key, so a retried create adds nothing.
 * - `application_filing`: at submit, whether the receiving outlet was open (by its weekly schedule or a
 *   session) and which session took it. Written before the workflow starts, keyed by application id: a
 *   retried submission keeps the first answer.
 */
export class OutletSessions1795520000000 implements MigrationInterface {
  name = 'OutletSessions1795520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outlet_session (
        id text PRIMARY KEY,
        office_id text NOT NULL REFERENCES office(id),
        date date NOT NULL,
        opens text NOT NULL,
        closes text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        venue text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (starts_at < ends_at)
      );
      CREATE INDEX outlet_session_office_idx ON outlet_session (office_id, starts_at);
      CREATE INDEX outlet_session_span_idx ON outlet_session (starts_at, ends_at);
      CREATE TABLE application_filing (
        application_id text PRIMARY KEY,
        office_id text NOT NULL,
        filed_at timestamptz NOT NULL,
        outside_opening_hours boolean NOT NULL,
        session_id text
      );
      CREATE INDEX application_filing_office_idx ON application_filing (office_id, filed_at) WHERE outside_opening_hours;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_filing; DROP TABLE outlet_session`);
  }
}
