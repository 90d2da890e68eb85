import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type WorkflowStartOptions } from '@temporalio/client';

export type StartOnceOptions = Pick<WorkflowStartOptions, 'workflowId' | 'taskQueue' | 'typedSearchAttributes'> & { input: unknown };

/**
 * Starts the one workflow of a thing (an application, a complaint) that its `workflowId` names: true
 * when this call started it, false when it had been started already (the same request again, after a
 * crash or under another Idempotency-Key). The id is never reused, not even once that workflow ends.
 */
export async function startOnce(client: Client, workflowType: string, { input, ...options }: StartOnceOptions): Promise<boolean> {
  try {
    await client.workflow.start(workflowType, { ...options, args: [input], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}
