// Delivers one outbox notification that its first try could not deliver. The engine sends a rung's
// escalation notice once, beside the projection, so that a mail server that is down does not hold the
// read model; when that try fails, the notice is handed to this workflow, one per notification.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { NotificationDeliveryArgs } from './contracts';

type Activities = ReturnType<typeof createActivities>;

// A mail server that is down is retried with exponential backoff (1 s, 2 s, 4 s ... at most every 10
// minutes) for 3 days; after that the workflow fails, visible to operators, and the row stays unsent.
const { resendNotification } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '3 days',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export async function notificationDelivery(args: NotificationDeliveryArgs): Promise<void> {
  await resendNotification(args);
}
