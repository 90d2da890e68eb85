import { Client, ScheduleAlreadyRunning } from '@temporalio/client';
import { ACCOUNTABILITY_DIGEST_SCHEDULE_ID, ACCOUNTABILITY_DIGEST_WORKFLOW } from '../../../workflows/delivery/contracts';

/**
 * The weekly accountability digest: every Monday at 07:00 in Jakarta, one digest workflow on the
 * permit task queue. Created by each worker at start; the first creation stands, so N workers make one
 * schedule. Returns whether this call created it.
 */
export async function ensureDigestSchedule(client: Client, taskQueue: string, scheduleId = ACCOUNTABILITY_DIGEST_SCHEDULE_ID): Promise<boolean> {
  try {
    await client.schedule.create({
      scheduleId,
      spec: { calendars: [{ dayOfWeek: 'MONDAY', hour: 7, minute: 0 }], timezone: 'Asia/Jakarta' },
      action: { type: 'startWorkflow', workflowType: ACCOUNTABILITY_DIGEST_WORKFLOW, taskQueue, args: [] },
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
    });
    return true;
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return false;
    throw err;
  }
}
