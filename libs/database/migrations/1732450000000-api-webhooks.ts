import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks of integrators and their delivery outbox. One row per (webhook, event): the event id
 * (`<applicationId>:<timeline seq>`) de-duplicates, and `seq` orders the deliveries of one application.
 */
export class ApiWebhooks1732450000000 implements MigrationInterface {
  name = 'ApiWebhooks1732450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook (
        id text PRIMARY KEY,
        owner text NOT NULL,
        url text NOT NULL,
        secret text NOT NULL,
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      );
      CREATE INDEX webhook_owner_idx ON webhook (owner, created_at) WHERE deleted_at IS NULL;

      CREATE TABLE webhook_delivery (
        webhook_id text NOT NULL REFERENCES webhook(id),
        event_id text NOT NULL,
        application_id text NOT NULL,
        seq int NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts int NOT NULL DEFAULT 0,
        last_attempt_at timestamptz,
        last_status int,
        last_error text,
        delivered_at timestamptz,
        failed_at timestamptz,
        PRIMARY KEY (webhook_id, event_id)
      );
      CREATE INDEX webhook_delivery_pending_idx ON webhook_delivery (webhook_id, application_id, seq)
        WHERE delivered_at IS NULL AND failed_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery; DROP TABLE webhook;`);
  }
}
