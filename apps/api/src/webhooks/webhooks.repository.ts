import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Where } from '../database/where';

export interface WebhookRow {
  id: string;
  url: string;
  description: string | null;
  secret: string;
  created_at: Date;
}

export interface DeliveryRow {
  event_id: string;
  application_id: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  failed_at: Date | null;
}

const COLUMNS = 'id, url, description, secret, created_at';

/** Tables webhook (an integrator's targets, soft-deleted) and webhook_delivery (one row per event and target). */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts the webhook unless the id exists or the owner already has `max` live webhooks; undefined when not inserted. */
  async insert(w: { id: string; owner: string; url: string; secret: string; description: string | null }, max: number): Promise<WebhookRow | undefined> {
    const rows: WebhookRow[] = await this.db.query(
      `INSERT INTO webhook (id, owner, url, secret, description)
       SELECT $1, $2, $3, $4, $5 WHERE (SELECT count(*) FROM webhook WHERE owner = $2 AND deleted_at IS NULL) < $6
       ON CONFLICT (id) DO NOTHING
       RETURNING ${COLUMNS}`,
      [w.id, w.owner, w.url, w.secret, w.description, max],
    );
    return rows[0];
  }

  /** The owner's webhook by id, deleted or not: what a retried create finds. */
  async findEver(id: string, owner: string): Promise<WebhookRow | undefined> {
    const rows: WebhookRow[] = await this.db.query(`SELECT ${COLUMNS} FROM webhook WHERE id = $1 AND owner = $2`, [id, owner]);
    return rows[0];
  }

  async findLive(id: string, owner: string): Promise<WebhookRow | undefined> {
    const rows: WebhookRow[] = await this.db.query(`SELECT ${COLUMNS} FROM webhook WHERE id = $1 AND owner = $2 AND deleted_at IS NULL`, [id, owner]);
    return rows[0];
  }

  listLive(owner: string): Promise<WebhookRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM webhook WHERE owner = $1 AND deleted_at IS NULL ORDER BY created_at, id`, [owner]);
  }

  async softDelete(id: string, owner: string): Promise<void> {
    await this.db.query(`UPDATE webhook SET deleted_at = now() WHERE id = $1 AND owner = $2 AND deleted_at IS NULL`, [id, owner]);
  }

  /** Newest first; keyset pages of up to `limit` rows after (created_at, event_id). */
  deliveries(webhookId: string, page: { after?: { at: string; id: string }; limit: number }): Promise<DeliveryRow[]> {
    const where = new Where().and('webhook_id = ?', webhookId);
    if (page.after) where.and('(created_at, event_id) < (?::timestamptz, ?)', page.after.at, page.after.id);
    return this.db.query(
      `SELECT event_id, application_id, attempts, last_status, last_error, created_at, delivered_at, failed_at FROM webhook_delivery
        ${where.toSql()} ORDER BY created_at DESC, event_id DESC LIMIT ${where.param(page.limit)}`,
      where.params,
    );
  }
}
