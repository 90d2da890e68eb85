// Tells the running applications of a calendar change's scope that the calendar changed (docs/calendar.md),
// out of the admin's request. Started by the API once the change committed, or by the sweep when the API
// stopped before it could. The activity heartbeats the last application it told: a retry after a worker
// crash starts after it.
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { CalendarFanOutArgs } from './contracts';

type Activities = ReturnType<typeof createActivities>;

// Retried without end: a change must reach every application, and a retry resumes where the last stopped.
const { fanOutCalendarChange } = proxyActivities<Activities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Answers how many applications were told. */
export async function calendarFanOut(args: CalendarFanOutArgs): Promise<number> {
  return fanOutCalendarChange({ revision: args.revision });
}
