import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The applicant notice outbox, and the agency heads' addresses for the accountability digest.
 *
 * The applicant notice outbox: one row per (application, timeline event, channel). The row id is the
 * idempotency key the SMS gateway receives, so a delivery retried after a crash is counted once.
 * `body` holds the message (never a NIK); an SMS row also holds the email it falls back to
 * (`fallback_recipient`, `fallback_body`, under the same `subject`) when the applicant gave an address.
 * The public tracking read shows kind, channel, time and whether it was delivered, never the body or
 * the recipient.
 */
export class ApplicantNotices1795415000000 implements MigrationInterface {
  name = 'ApplicantNotices1795415000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE applicant_notice (
        id text PRIMARY KEY,
        application_id text NOT NULL,
        event_seq integer NOT NULL,
        kind text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('sms', 'email')),
        recipient text NOT NULL,
        language text NOT NULL DEFAULT 'id',
        subject text NOT NULL,
        body text NOT NULL,
        fallback_of text REFERENCES applicant_notice (id),
        fallback_recipient text,
        fallback_body text,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        last_attempt_at timestamptz,
        delivered_at timestamptz,
        handed_over_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (application_id, event_seq, channel)
      )`);
    await q.query(`CREATE INDEX applicant_notice_application ON applicant_notice (application_id, created_at)`);
    // The head of each agency receives the weekly accountability digest (libs/accountability).
    await q.query(`ALTER TABLE agency ADD COLUMN head_email text`);
    await q.query(`CREATE INDEX applicant_notice_not_handed_over ON applicant_notice (application_id) WHERE handed_over_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agency DROP COLUMN head_email`);
    await q.query(`DROP TABLE applicant_notice`);
  }
}
