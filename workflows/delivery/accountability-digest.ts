// The weekly accountability digest: started by a Temporal schedule (apps/worker/src/digest-schedule.ts),
// Monday 07:00 WIB. The workflow's start time is the digest's "now", recorded in history.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';

type Activities = ReturnType<typeof createActivities>;

// A mail server that is down is retried with backoff for a day; each head's mail is sent once (keyed).
const { sendAccountabilityDigest } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

/** `at`: the instant the digest speaks of (its month); the workflow's start by default, as the schedule runs it. */
export async function accountabilityDigest(args: { at?: string } = {}): Promise<string[]> {
  return sendAccountabilityDigest({ at: args.at ?? new Date().toISOString() });
}
