import { type WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Refusal, RefusalType } from '../../../../workflows/messages';
import { base32, keyedDigest } from '../common/keyed-id';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, UnavailableError, UnprocessableError, ValidationError } from '../common/errors';

/** Each refusal of an Update validator, as the domain error the services throw. */
const REFUSALS: Record<RefusalType, (message: string) => DomainError> = {
  [Refusal.WrongAgency]: (m) => new ForbiddenError(m, 'wrong-agency'),
  [Refusal.WrongPosition]: (m) => new ForbiddenError(m, 'wrong-position'),
  [Refusal.TaskNotFound]: (m) => new NotFoundError('Task', m),
  [Refusal.TaskNotOpen]: (m) => new ConflictError('task-not-open', m),
  [Refusal.ApplicationClosed]: (m) => new ConflictError('application-closed', m),
  [Refusal.AwaitingApplicant]: (m) => new ConflictError('awaiting-applicant', m),
  [Refusal.NoRevisionRequested]: (m) => new ConflictError('no-revision-requested', m),
  [Refusal.RouteChange]: (m) => new UnprocessableError('route-change', m),
  [Refusal.TaskClaimed]: (m) => new ConflictError('task-claimed', m),
  [Refusal.TaskNotClaimed]: (m) => new ConflictError('task-not-claimed', m),
  [Refusal.InvalidDecision]: (m) => new ValidationError([{ field: 'decision', message: m }], { detail: m, summary: 'The decision is not valid' }),
};

/**
 * What the server answers an Update that meets a finished workflow: sent after it finished, or pending
 * while it finished (e.g. a parallel step's rejection closed the application).
 */
const FINISHED = /workflow execution already completed|update was aborted by closing workflow/i;
/**
 * What it answers one that arrives while a run closes. The run may be finishing the application, or
 * handing it over to a fresh run (continue-as-new, docs/engine.md): the server retries such an Update on
 * the new run itself, and this reaches the API only when its retries ran out.
 */
const CLOSING = /because workflow is closing/i;

function saysUnderneath(err: unknown, words: RegExp): boolean {
  for (let e = err as { message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.message === 'string' && words.test(e.message)) return true;
  }
  return false;
}

/**
 * A workflow's business refusal (an Update validator's ApplicationFailure) as a domain error.
 * `finished` (from metFinishedWorkflow) says the call met a workflow that has finished: the server
 * refuses such an Update itself, and it comes out as the refusal the workflow gives while it
 * finishes, so a late decision is refused alike whenever it arrives. Anything else (Temporal
 * unreachable, a bug) is returned as it is.
 */
export function refusalOf(err: unknown, notFoundDetail: string, finished = false): unknown {
  if (finished) return new ConflictError('application-closed', 'The application has already finished; nothing more can change.');
  if (metClosingRun(err)) return new UnavailableError('The application is moving to a fresh run of its workflow; retry in a few seconds with the same Idempotency-Key.');
  if (err instanceof WorkflowNotFoundError) return new NotFoundError('Application', notFoundDetail);
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const refusal = REFUSALS[err.cause.type as RefusalType];
    if (refusal) return refusal(err.cause.message);
  }
  return err;
}

/** Whether an Update met a run closing (asked after metFinishedWorkflow said the workflow goes on: a hand-over, or a race with its end). */
export function metClosingRun(err: unknown): boolean {
  return saysUnderneath(err, CLOSING);
}

/**
 * Whether a call failed because its workflow has finished. The server says so in its words on the way
 * through grpc-js or when an Update is aborted by the workflow's end. Otherwise the server is asked: when
 * the native connection the API uses reports an Update sent to a completed workflow only as "not found",
 * with no words, and when the Update met a run closing, which may be the application's end or its hand-over
 * to a fresh run (then the workflow still runs). A workflow that is gone altogether has not "finished" here.
 */
export async function metFinishedWorkflow(err: unknown, handle: Pick<WorkflowHandle, 'describe'>): Promise<boolean> {
  if (saysUnderneath(err, FINISHED)) return true;
  if (!(err instanceof WorkflowNotFoundError) && !saysUnderneath(err, CLOSING)) return false;
  return handle.describe().then(
    (d) => d.status.name !== 'RUNNING',
    () => false,
  );
}

/**
 * The Temporal Update id of a write: derived from (what, caller, Idempotency-Key), so a retry after the
 * first request's process died reaches the same Update, and Temporal answers it with the first outcome
 * (also after the workflow has finished) instead of applying it twice.
 */
export function updateIdOf(what: 'decision' | 'resubmit' | 'withdraw' | 'claim' | 'unclaim' | 'assign', caller: string, idempotencyKey: string): string {
  return `${what}-${base32(keyedDigest(what, caller, idempotencyKey), 26)}`;
}
