import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Refusal, RefusalType } from '../../../../workflows/messages';
import { base32, keyedDigest } from '../common/keyed-id';
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

/**
 * What the server answers an Update that meets a finished (or finishing) workflow: sent after it
 * finished, pending while it finished (e.g. a parallel step's rejection closed the application), or
 * arriving while it closes.
 */
const CLOSED = /workflow execution already completed|update was aborted by closing workflow|because workflow is closing/i;

function closedUnderneath(err: unknown): boolean {
  for (let e = err as { message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.message === 'string' && CLOSED.test(e.message)) return true;
  }
  return false;
}

/**
 * Maps a workflow's business refusal (an Update validator's ApplicationFailure) to problem+json. An
 * Update sent to a workflow that has already finished is refused by the server itself: the same 409
 * the workflow gives while it finishes, so a late decision is refused alike whenever it arrives.
 */
export function toProblem(err: unknown, notFoundDetail: string): ProblemException | undefined {
  if (closedUnderneath(err)) {
    return problems.conflict('application-closed', 'The application is closed', 'The application has already finished; nothing more can change.');
  }
  if (err instanceof WorkflowNotFoundError) return problems.notFound('Application', notFoundDetail);
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const mapped = STATUS[err.cause.type as RefusalType];
    if (mapped) return new ProblemException(mapped.status, mapped.kind, mapped.title, err.cause.message);
  }
  return undefined;
}

/** Whether `err` is the workflow's refusal of the given type. */
export function isRefusal(err: unknown, type: RefusalType): boolean {
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === type;
}

/**
 * The Temporal Update id of a write: derived from (what, caller, Idempotency-Key), so a retry after the
 * first request's process died reaches the same Update, and Temporal answers it with the first outcome
 * (also after the workflow has finished) instead of applying it twice.
 */
export function updateIdOf(what: 'decision' | 'resubmit' | 'withdraw', caller: string, idempotencyKey: string): string {
  return `${what}-${base32(keyedDigest(what, caller, idempotencyKey), 26)}`;
}
