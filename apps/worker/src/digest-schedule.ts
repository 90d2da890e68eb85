import { Client, ScheduleAlreadyRunning, type ScheduleOptions } from '@temporalio/client';
import { ACCOUNTABILITY_DIGEST_SCHEDULE_ID, ACCOUNTABILITY_DIGEST_WORKFLOW } from '../../../workflows/delivery/contracts';

/** Creates the schedule unless it exists: each worker calls it at start and the first creation stands. Returns whether this call created it. */
export async function createScheduleOnce(client: Client, options: ScheduleOptions): Promise<boolean> {
  try {
    await client.schedule.create(options);
    return true;
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return false;
    throw err;
  }
}

/**
 * The weekly accountability digest: every Monday at 07:00 in Jakarta, one digest workflow on the
 * permit task queue. Created by each worker at start; the first creation stands, so N workers make one
 * schedule. Returns whether this call created it.
 */
export async function ensureDigestSchedule(client: Client, taskQueue: string, scheduleId = ACCOUNTABILITY_DIGEST_SCHEDULE_ID): Promise<boolean> {
  return createScheduleOnce(client, {
    scheduleId,
    spec: { calendars: [{ dayOfWeek: 'MONDAY', hour: 7, minute: 0 }], timezone: 'Asia/Jakarta' },
    action: { type: 'startWorkflow', workflowType: ACCOUNTABILITY_DIGEST_WORKFLOW, taskQueue, args: [] },
    policies: { overlap: 'SKIP', catchupWindow: '1 day' },
  });
}
