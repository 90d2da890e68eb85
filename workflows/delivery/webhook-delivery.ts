// Delivers the webhook events of one application to one integrator webhook, in timeline order.
// One workflow per (webhook, application), signal-with-started by the projection activity whenever
// it adds events to the outbox; it ends when the outbox holds nothing more for it.
import { ActivityFailure, continueAsNew, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { type WebhookDeliveryArgs, WEBHOOK_WAKE_SIGNAL } from './contracts';

type Activities = ReturnType<typeof createActivities>;

const webhookWakeSignal = defineSignal(WEBHOOK_WAKE_SIGNAL);

const { pendingWebhookEvents, markWebhookEventFailed } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
});

// A receiver that is down is retried with exponential backoff (1 s, 2 s, 4 s ... at most every
// 10 minutes) for 3 days; then the event is marked failed and the next one goes out.
const { deliverWebhookEvent } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '3 days',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: ['WebhookTargetRefused'] },
});

/** Events delivered per run before the history is trimmed with continue-as-new. */
const EVENTS_PER_RUN = 200;

export async function webhookDelivery(args: WebhookDeliveryArgs): Promise<void> {
  let wakes = 0;
  setHandler(webhookWakeSignal, () => {
    wakes++;
  });
  let delivered = 0;
  for (;;) {
    const seen = wakes;
    const pending = await pendingWebhookEvents(args);
    for (const eventId of pending) {
      try {
        await deliverWebhookEvent({ webhookId: args.webhookId, eventId });
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        await markWebhookEventFailed({ webhookId: args.webhookId, eventId, reason: err.cause?.message ?? err.message });
      }
      delivered++;
    }
    // Rows committed after our read came with a signal: look again. Otherwise the outbox is empty; a
    // signal racing with the completion makes the server refuse it, and the replay sees the signal.
    if (wakes === seen) return;
    if (delivered >= EVENTS_PER_RUN) await continueAsNew<typeof webhookDelivery>(args);
  }
}
