import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { CALENDAR_FAN_OUT_WORKFLOW, calendarFanOutWorkflowId, type CalendarFanOutWorkflow } from '../../workflows/delivery/contracts';

/**
 * Starts the fan-out of the calendar change `revision` (docs/calendar.md): by the API after the change
 * committed, by the sweep when the API did not. `false` when it was started already; one that failed may
 * be started again, one that completed has marked its change told and is not swept again.
 */
export async function startCalendarFanOut(client: Client, taskQueue: string, revision: number): Promise<boolean> {
  try {
    await client.workflow.start<CalendarFanOutWorkflow>(CALENDAR_FAN_OUT_WORKFLOW, {
      workflowId: calendarFanOutWorkflowId({ revision }),
      taskQueue,
      args: [{ revision }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}
