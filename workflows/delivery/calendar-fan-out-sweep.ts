// Run every minute by a Temporal schedule (apps/worker/src/calendar-fan-out-schedule.ts): starts the fan-out of each calendar
// change still untold a while after it was recorded, the API having stopped between the commit and the
// start. A fan-out already running is left to run.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';

type Activities = ReturnType<typeof createActivities>;

const { startPendingCalendarFanOuts } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumAttempts: 3 },
});

/** `graceSeconds`: how long the API is given to start a change's fan-out itself. Answers the revisions started. */
export async function calendarFanOutSweep(args: { graceSeconds?: number } = {}): Promise<number[]> {
  return startPendingCalendarFanOuts({ graceSeconds: args.graceSeconds ?? 60 });
}
