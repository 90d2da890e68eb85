import { ApplicationFailure, Context } from '@temporalio/activity';
import { lookup } from 'node:dns/promises';
import type { DataSource } from 'typeorm';
import { signatureHeader, SIGNATURE_HEADER } from '../libs/webhooks/signature';
import { isPrivateAddress, webhookUrlProblem } from '../libs/webhooks/targets';
import type { ApplicationView } from '../workflows/messages';
import { WEBHOOK_DELIVERY_WORKFLOW, WEBHOOK_WAKE_SIGNAL, webhookDeliveryWorkflowId, type WebhookDeliveryWorkflow } from '../workflows/delivery/contracts';

export interface WebhookOptions {
  /** Plain http and private addresses as targets: development and tests only. */
  allowInsecureTargets: boolean;
  /** Per attempt; the activity's retry policy spaces the attempts. */
  timeoutMs?: number;
}

/** The JSON an integrator receives for one status change. No personal data: GET the application for that. */
export interface WebhookEvent {
  id: string;
  type: 'application.status_changed';
  createdAt: string;
  data: {
    applicationId: string;
    trackingCode: string;
    permitType: string;
    sequence: number;
    cause: string;
    previousStatus: string | null;
    status: string;
  };
}

/**
 * The events a view holds: its submission and every timeline event that moved the status. Each is
 * keyed `<applicationId>:<timeline seq>` and built only from its own timeline entry, so a later
 * projection of the same application yields the same bytes.
 */
export function statusEventsOf(view: ApplicationView): Array<{ eventId: string; seq: number; body: string }> {
  return view.timeline
    .filter((e) => e.type === 'submitted' || e.statusBefore !== e.statusAfter)
    .map((e) => {
      const event: WebhookEvent = {
        id: `${view.id}:${e.seq}`,
        type: 'application.status_changed',
        createdAt: e.at,
        data: {
          applicationId: view.id,
          trackingCode: view.trackingCode,
          permitType: view.permitType,
          sequence: e.seq,
          cause: e.type,
          previousStatus: e.type === 'submitted' ? null : e.statusBefore,
          status: e.statusAfter,
        },
      };
      return { eventId: event.id, seq: e.seq, body: JSON.stringify(event) };
    });
}

/**
 * Called by the projection activity with each new view: writes the view's status events to the
 * outbox of every webhook of the submitting integrator (a retry writes nothing twice), then wakes the
 * delivery workflow of each webhook that has something to send for this application. `webhookIds`: the
 * live webhooks of the application's owner, which the projection statement answers with.
 */
export async function enqueueWebhookEvents(db: DataSource, view: ApplicationView, webhookIds: string[]): Promise<void> {
  if (webhookIds.length === 0) return;
  const events = statusEventsOf(view);
  await db.query(
    `INSERT INTO webhook_delivery (webhook_id, event_id, application_id, seq, body)
     SELECT h.id, e."eventId", $2, e.seq, e.body
       FROM unnest($1::text[]) AS h(id), jsonb_to_recordset($3::jsonb) AS e("eventId" text, seq int, body text)
     ON CONFLICT (webhook_id, event_id) DO NOTHING`,
    [webhookIds, view.id, JSON.stringify(events)],
  );
  // Wake on anything still pending, not only on rows inserted now: a retry after a failed signal must signal again.
  const pending: Array<{ webhook_id: string }> = await db.query(
    `SELECT DISTINCT webhook_id FROM webhook_delivery WHERE application_id = $1 AND delivered_at IS NULL AND failed_at IS NULL`,
    [view.id],
  );
  if (pending.length === 0) return;
  const ctx = Context.current();
  for (const { webhook_id } of pending) {
    const args = { webhookId: webhook_id, applicationId: view.id };
    await ctx.client.workflow.signalWithStart<WebhookDeliveryWorkflow, []>(WEBHOOK_DELIVERY_WORKFLOW, {
      workflowId: webhookDeliveryWorkflowId(args),
      taskQueue: ctx.info.taskQueue,
      args: [args],
      signal: WEBHOOK_WAKE_SIGNAL,
      signalArgs: [],
    });
  }
}

async function refuseUnsafeTarget(url: string, opts: WebhookOptions): Promise<void> {
  const problem = webhookUrlProblem(url, opts.allowInsecureTargets);
  if (problem) throw ApplicationFailure.nonRetryable(problem, 'WebhookTargetRefused');
  if (opts.allowInsecureTargets) return;
  // The name may resolve to a private address (DNS rebinding): check what it resolves to now.
  const addresses = await lookup(new URL(url).hostname, { all: true });
  if (addresses.some((a) => isPrivateAddress(a.address))) {
    throw ApplicationFailure.nonRetryable('url resolves to a private, loopback or link-local address', 'WebhookTargetRefused');
  }
}

export function createWebhookActivities(db: DataSource, opts: WebhookOptions) {
  return {
    /** Event ids still to deliver for one application to one webhook, in timeline order. */
    async pendingWebhookEvents(args: { webhookId: string; applicationId: string }): Promise<string[]> {
      const rows: Array<{ event_id: string }> = await db.query(
        `SELECT event_id FROM webhook_delivery WHERE webhook_id = $1 AND application_id = $2 AND delivered_at IS NULL AND failed_at IS NULL ORDER BY seq`,
        [args.webhookId, args.applicationId],
      );
      return rows.map((r) => r.event_id);
    },

    /**
     * One attempt to POST one event. A delivered event is never sent again (the row says so); a
     * receiver that answers anything but 2xx, or not at all, fails the attempt and Temporal retries it.
     */
    async deliverWebhookEvent(args: { webhookId: string; eventId: string }): Promise<void> {
      const rows: Array<{ url: string; secret: string; body: string; delivered_at: Date | null; deleted_at: Date | null }> = await db.query(
        `SELECT w.url, w.secret, w.deleted_at, d.body, d.delivered_at FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
          WHERE d.webhook_id = $1 AND d.event_id = $2`,
        [args.webhookId, args.eventId],
      );
      const row = rows[0];
      if (!row || row.delivered_at) return;
      if (row.deleted_at) throw ApplicationFailure.nonRetryable('the webhook was deleted', 'WebhookTargetRefused');
      await refuseUnsafeTarget(row.url, opts);
      let status: number | undefined;
      let error: string | undefined;
      try {
        const res = await fetch(row.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'satupintu-webhooks/1',
            [SIGNATURE_HEADER]: signatureHeader(row.secret, row.body),
            'Satupintu-Event-Id': args.eventId,
            'Satupintu-Delivery-Attempt': String(Context.current().info.attempt),
          },
          body: row.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
        status = res.status;
        await res.body?.cancel();
        if (status < 200 || status > 299) error = `the receiver answered ${status}`;
      } catch (err) {
        error = `no answer from the receiver: ${err instanceof Error ? err.message : String(err)}`;
      }
      await db.query(
        `UPDATE webhook_delivery SET attempts = attempts + 1, last_attempt_at = now(), last_status = $3, last_error = $4,
           delivered_at = CASE WHEN $4::text IS NULL THEN now() ELSE delivered_at END
         WHERE webhook_id = $1 AND event_id = $2`,
        [args.webhookId, args.eventId, status ?? null, error ?? null],
      );
      if (error) throw ApplicationFailure.retryable(error, 'WebhookDeliveryFailed');
    },

    /** After 3 days of failed attempts (or a refused target) the event is given up, and the next one goes out. */
    async markWebhookEventFailed(args: { webhookId: string; eventId: string; reason: string }): Promise<void> {
      await db.query(
        `UPDATE webhook_delivery SET failed_at = now(), last_error = coalesce(last_error, $3) WHERE webhook_id = $1 AND event_id = $2 AND delivered_at IS NULL`,
        [args.webhookId, args.eventId, args.reason],
      );
    },
  };
}

/**
 * The projection activity, followed by the webhook outbox: once the read model holds a view, its
 * status changes are queued for delivery. Kept outside projection.activities.ts so the read model
 * and the webhooks change independently.
 */
export function withWebhookOutbox<T extends { projectApplication(args: { view: ApplicationView }): Promise<{ webhookIds: string[] }> }>(
  db: DataSource,
  projection: T,
): Omit<T, 'projectApplication'> & { projectApplication(args: Parameters<T['projectApplication']>[0]): Promise<void> } {
  return {
    ...projection,
    async projectApplication(args: Parameters<T['projectApplication']>[0]): Promise<void> {
      const { webhookIds } = await projection.projectApplication(args);
      await enqueueWebhookEvents(db, args.view, webhookIds);
    },
  };
}
