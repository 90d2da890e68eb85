import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Refusal, RefusalType } from '../../../../workflows/messages';
import { ProblemException, problems } from '../common/problem';

const STATUS: Record<RefusalType, { status: number; kind: string; title: string }> = {
  [Refusal.WrongAgency]: { status: 403, kind: 'wrong-agency', title: 'This task belongs to another agency or office' },
  [Refusal.TaskNotFound]: { status: 404, kind: 'not-found', title: 'Task not found' },
  [Refusal.TaskNotOpen]: { status: 409, kind: 'task-not-open', title: 'The task is not open' },
  [Refusal.ApplicationClosed]: { status: 409, kind: 'application-closed', title: 'The application is closed' },
  [Refusal.AwaitingApplicant]: { status: 409, kind: 'awaiting-applicant', title: 'The application waits for the applicant' },
  [Refusal.NoRevisionRequested]: { status: 409, kind: 'no-revision-requested', title: 'No revision was requested' },
  [Refusal.InvalidDecision]: { status: 400, kind: 'validation', title: 'The decision is not valid' },
};

/** Maps a workflow's business refusal (an Update validator's ApplicationFailure) to problem+json. */
export function toProblem(err: unknown, notFoundDetail: string): ProblemException | undefined {
  if (err instanceof WorkflowNotFoundError) return problems.notFound('Application', notFoundDetail);
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const mapped = STATUS[err.cause.type as RefusalType];
    if (mapped) return new ProblemException(mapped.status, mapped.kind, mapped.title, err.cause.message);
  }
  return undefined;
}
