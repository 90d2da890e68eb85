import { Context, log } from '@temporalio/activity';
import { WorkflowIdReusePolicy } from '@temporalio/client';
import { startOnce } from '../libs/temporal/start-once';
import { NOTIFICATION_DELIVERY_WORKFLOW, notificationDeliveryWorkflowId, type NotificationDeliveryWorkflow } from '../workflows/delivery/contracts';
import type { Notification, Notifier } from './notifier';

/**
 * Sends a notice once, from inside an activity, without waiting on the mail server: the outbox row is
 * written, delivery is tried once, and when the server refuses the notice goes to a delivery workflow
 * of its own (notification-delivery.ts) that retries it. Safe to retry: the outbox row is keyed by the
 * notice's dedupKey, and a retried hand-over finds the first delivery workflow already started.
 */
export async function sendOrHandOver(notifier: Notifier, notice: Notification, what: string, context: Record<string, unknown>): Promise<void> {
  const failed = await notifier.send(notice, { bestEffort: true });
  if (!failed) return;
  log.warn(`${what} not delivered: handed to its delivery workflow`, { ...context, error: failed.message });
  const input = { dedupKey: notice.dedupKey };
  // A retried activity hands the same notice over again: the first hand-over stands.
  await startOnce<NotificationDeliveryWorkflow>(Context.current().client, NOTIFICATION_DELIVERY_WORKFLOW, {
    workflowId: notificationDeliveryWorkflowId(input),
    taskQueue: Context.current().info.taskQueue,
    input,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
  });
}
