import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type WorkflowStartOptions } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';

export type StartOnceOptions<W extends Workflow> = Pick<WorkflowStartOptions, 'workflowId' | 'taskQueue' | 'typedSearchAttributes' | 'workflowIdReusePolicy'> & {
  input: Parameters<W>[0];
};

/**
 * Starts the one workflow that its `workflowId` names (an application's, a complaint's, a delivery's):
 * true when this call started it, false when it was running or had run already (the same request again,
 * a retried activity, a crash in between). Whether an ended workflow's id may start again is its
 * `workflowIdReusePolicy`: never, unless told.
 */
export async function startOnce<W extends Workflow = Workflow>(
  client: Client,
  workflowType: string,
  { input, workflowIdReusePolicy = WorkflowIdReusePolicy.REJECT_DUPLICATE, ...options }: StartOnceOptions<W>,
): Promise<boolean> {
  try {
    await client.workflow.start(workflowType, { ...options, args: [input], workflowIdReusePolicy });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}
