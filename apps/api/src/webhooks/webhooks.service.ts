import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/auth/token';
import type { AppConfig } from '../../../../libs/config/config';
import { webhookUrlProblem } from '../../../../libs/webhooks/targets';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { NotFoundError, UnprocessableError, ValidationError } from '../common/errors';
import { base32, keyedDigest } from '../common/keyed-id';
import { APP_CONFIG } from '../config.provider';
import { CreateWebhookDto, WebhookDto } from './dto/webhook.dto';
import { WebhookRow, WebhooksRepository } from './webhooks.repository';

const MAX_WEBHOOKS = 20;
const ID_PATTERN = /^wh_[0-9A-Z]{26}$/;

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
    private readonly repository: WebhooksRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The id derives from (caller, Idempotency-Key): a retry after a crash finds the webhook it created. */
  async create(principal: Principal, dto: CreateWebhookDto, idempotencyKey: string): Promise<WebhookDto> {
    const problem = webhookUrlProblem(dto.url, this.config.webhooks.allowInsecureTargets);
    if (problem) throw new UnprocessableError('webhook-target-refused', problem, [{ field: 'url', message: problem }]);
    const id = `wh_${base32(keyedDigest('webhook', principal.sub, idempotencyKey), 26)}`;
    const inserted = await this.repository.insert({ id, owner: principal.sub, url: dto.url, secret: dto.secret, description: dto.description ?? null }, MAX_WEBHOOKS);
    if (inserted) return present(inserted);
    const created = await this.repository.findEver(id, principal.sub);
    if (created) return present(created);
    throw new ValidationError([{ field: 'url', message: `at most ${MAX_WEBHOOKS} webhooks per integrator` }], { detail: `You already have ${MAX_WEBHOOKS} webhooks: delete one first.` });
  }

  async list(principal: Principal) {
    return { items: (await this.repository.listLive(principal.sub)).map(present), nextCursor: null };
  }

  async get(principal: Principal, id: string): Promise<WebhookDto> {
    return present(await this.require(principal, id));
  }

  /** Deleting stops deliveries; events not yet delivered are given up. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.require(principal, id);
    await this.repository.softDelete(id, principal.sub);
  }

  async deliveries(principal: Principal, id: string, page: { cursor?: string; limit: number }) {
    await this.require(principal, id);
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const rows = await this.repository.deliveries(id, { after: after && { at: after.at, id: after.id }, limit: page.limit + 1 });
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
    const notFound = new NotFoundError('Webhook', `No webhook ${id} is visible to this token.`);
    if (!ID_PATTERN.test(id)) throw notFound;
    const row = await this.repository.findLive(id, principal.sub);
    if (!row) throw notFound;
    return row;
  }
}
