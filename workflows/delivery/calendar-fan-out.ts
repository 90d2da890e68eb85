// Tells the running applications of a calendar change's scope that the calendar changed (docs/calendar.md),
// out of the admin's request. Started by the API once the change committed, or by the sweep when the API
// stopped before it could. The activity heartbeats the last application it told: a retry after a worker
// crash starts after it.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { CalendarFanOutArgs } from './contracts';

/** Retried without end, each retry resuming after the last heartbeat: a change must reach every application. */
const telling = proxyActivities<Activities>({ heartbeatTimeout: '1 minute', startToCloseTimeout: '1 hour', retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' } });

/** Answers how many applications its last attempt told. */
export async function calendarFanOut({ revision }: CalendarFanOutArgs): Promise<number> {
  return telling.fanOutCalendarChange({ revision });
}
