import type { Client } from '@temporalio/client';
import { CALENDAR_FAN_OUT_SWEEP_SCHEDULE_ID, CALENDAR_FAN_OUT_SWEEP_WORKFLOW } from '../../../workflows/delivery/contracts';
import { createScheduleOnce } from './digest-schedule';

/**
 * The sweep of calendar changes whose fan-out the API did not start (docs/calendar.md): every minute, one
 * sweep workflow on the permit task queue; a sweep still running when the next is due makes the next one
 * skip. Created by each worker at start; the first creation stands.
 */
export async function ensureCalendarFanOutSchedule(client: Client, taskQueue: string, scheduleId = CALENDAR_FAN_OUT_SWEEP_SCHEDULE_ID): Promise<boolean> {
  return createScheduleOnce(client, {
    scheduleId,
    spec: { intervals: [{ every: '1 minute' }] },
    action: { type: 'startWorkflow', workflowType: CALENDAR_FAN_OUT_SWEEP_WORKFLOW, taskQueue, args: [] },
    policies: { overlap: 'SKIP', catchupWindow: '1 minute' },
  });
}
