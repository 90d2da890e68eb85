import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { base32, keyedDigest } from '../common/keyed-id';
import type { Principal } from '../../../../libs/auth/token';
import type { AppConfig } from '../../../../libs/config/config';
import { webhookUrlProblem } from '../../../../libs/webhooks/targets';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { problems } from '../common/problem';
import { APP_CONFIG } from '../config.provider';
import { CreateWebhookDto, WebhookDto } from './dto/webhook.dto';

const MAX_WEBHOOKS = 20;
const ID_PATTERN = /^wh_[0-9A-Z]{26}$/;

interface WebhookRow {
  id: string;
  url: string;
  description: string | null;
  secret: string;
  created_at: Date;
}

const present = (r: WebhookRow): WebhookDto => ({
  id: r.id,
  url: r.url,
  description: r.description,
  secretHint: r.secret.slice(-4),
  createdAt: r.created_at.toISOString(),
  events: ['application.status_changed'],
});

/** An integrator's webhooks. Another integrator's webhook answers 404, like one that does not exist. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The id derives from (caller, Idempotency-Key): a retry after a crash finds the webhook it created. */
  async create(principal: Principal, dto: CreateWebhookDto, idempotencyKey: string): Promise<WebhookDto> {
    const problem = webhookUrlProblem(dto.url, this.config.webhooks.allowInsecureTargets);
    if (problem) throw problems.of('webhook-target-refused', problem, { errors: [{ field: 'url', message: problem }] });
    const id = `wh_${base32(keyedDigest('webhook', principal.sub, idempotencyKey), 26)}`;
    const rows: WebhookRow[] = await this.db.query(
      `INSERT INTO webhook (id, owner, url, secret, description)
       SELECT $1, $2, $3, $4, $5 WHERE (SELECT count(*) FROM webhook WHERE owner = $2 AND deleted_at IS NULL) < $6
       ON CONFLICT (id) DO NOTHING
       RETURNING id, url, description, secret, created_at`,
      [id, principal.sub, dto.url, dto.secret, dto.description ?? null, MAX_WEBHOOKS],
    );
    if (rows.length === 0) {
      const created: WebhookRow[] = await this.db.query(`SELECT id, url, description, secret, created_at FROM webhook WHERE id = $1 AND owner = $2`, [id, principal.sub]);
      if (created.length > 0) return present(created[0]);
      throw problems.validation([{ field: 'url', message: `at most ${MAX_WEBHOOKS} webhooks per integrator` }], `You already have ${MAX_WEBHOOKS} webhooks: delete one first.`);
    }
    return present(rows[0]);
  }

  async list(principal: Principal) {
    const rows: WebhookRow[] = await this.db.query(
      `SELECT id, url, description, secret, created_at FROM webhook WHERE owner = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
      [principal.sub],
    );
    return { items: rows.map(present), nextCursor: null };
  }

  async get(principal: Principal, id: string): Promise<WebhookDto> {
    return present(await this.require(principal, id));
  }

  /** Deleting stops deliveries; events not yet delivered are given up. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.require(principal, id);
    await this.db.query(`UPDATE webhook SET deleted_at = now() WHERE id = $1 AND owner = $2 AND deleted_at IS NULL`, [id, principal.sub]);
  }

  async deliveries(principal: Principal, id: string, page: { cursor?: string; limit: number }) {
    await this.require(principal, id);
    const params: unknown[] = [id];
    let after = '';
    if (page.cursor) {
      const c = decodeCursor(page.cursor);
      params.push(c.at, c.id);
      after = `AND (created_at, event_id) < ($2::timestamptz, $3)`;
    }
    params.push(page.limit + 1);
    const rows: Array<{ event_id: string; application_id: string; attempts: number; last_status: number | null; last_error: string | null; created_at: Date; delivered_at: Date | null; failed_at: Date | null }> =
      await this.db.query(
        `SELECT event_id, application_id, attempts, last_status, last_error, created_at, delivered_at, failed_at FROM webhook_delivery
          WHERE webhook_id = $1 ${after} ORDER BY created_at DESC, event_id DESC LIMIT $${params.length}`,
        params,
      );
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({
        eventId: r.event_id,
        applicationId: r.application_id,
        state: r.delivered_at ? 'delivered' : r.failed_at ? 'failed' : 'pending',
        attempts: r.attempts,
        lastStatus: r.last_status,
        lastError: r.last_error,
        createdAt: r.created_at.toISOString(),
        deliveredAt: r.delivered_at?.toISOString() ?? null,
      })),
      nextCursor: rows.length > page.limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.event_id }) : null,
    };
  }

  private async require(principal: Principal, id: string): Promise<WebhookRow> {
    const notFound = problems.notFound('Webhook', `No webhook ${id} is visible to this token.`);
    if (!ID_PATTERN.test(id)) throw notFound;
    const rows: WebhookRow[] = await this.db.query(
      `SELECT id, url, description, secret, created_at FROM webhook WHERE id = $1 AND owner = $2 AND deleted_at IS NULL`,
      [id, principal.sub],
    );
    if (rows.length === 0) throw notFound;
    return rows[0];
  }
}
