import { Inject, Injectable } from '@nestjs/common';
import { Client, type WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { AppConfig } from '../../../../libs/config/config';
import {
  type AnswerArgs,
  answerComplaintUpdate,
  type CloseArgs,
  closeComplaintUpdate,
  COMPLAINT_WORKFLOW,
  type ComplaintInput,
  ComplaintRefusal,
  type ComplaintRefusalType,
  type ComplaintView,
  complaintWorkflowId,
  type ReopenArgs,
  reopenComplaintUpdate,
} from '../../../../workflows/complaints/complaint-messages';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, UnavailableError } from '../common/errors';
import { base32, keyedDigest } from '../common/keyed-id';
import { APP_CONFIG } from '../config.provider';
import { startOnce } from '../../../../libs/temporal/start-once';
import { metClosingRun, metFinishedWorkflow } from '../temporal/workflow-errors';

const REFUSALS: Record<ComplaintRefusalType, (message: string) => DomainError> = {
  [ComplaintRefusal.Closed]: (m) => new ConflictError('complaint-closed', m),
  [ComplaintRefusal.AlreadyAnswered]: (m) => new ConflictError('complaint-answered', m),
  [ComplaintRefusal.NotAnswered]: (m) => new ConflictError('complaint-not-answered', m),
  [ComplaintRefusal.ReopenRefused]: (m) => new ConflictError('complaint-reopen-refused', m),
  [ComplaintRefusal.WrongOffice]: (m) => new ForbiddenError(m, 'wrong-office'),
  [ComplaintRefusal.NotAssigned]: (m) => new ConflictError('complaint-not-assigned', m, 1),
};

/** `finished`: the Update met a complaint workflow that has finished (closed for good), see metFinishedWorkflow. */
export function complaintRefusalOf(err: unknown, status: string, finished: boolean): unknown {
  if (finished) return new ConflictError('complaint-closed', 'The complaint is closed for good: nothing more can change.');
  if (metClosingRun(err)) return new UnavailableError('The complaint was closing as the request arrived; retry in a few seconds with the same Idempotency-Key.');
  // A finished workflow may also be out of the server's retention, or reported as not found (the test server).
  if (err instanceof WorkflowNotFoundError && status === 'closed') return new ConflictError('complaint-closed', 'The complaint is closed for good: nothing more can change.');
  if (err instanceof WorkflowNotFoundError) return new NotFoundError('Complaint', 'This complaint has no workflow (filed before complaints were handled as workflows).');
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const refusal = REFUSALS[err.cause.type as ComplaintRefusalType];
    if (refusal) return refusal(err.cause.message);
  }
  return err;
}

/** The complaint workflows as the API needs them: start one, send it an Update (ids derived from the caller's Idempotency-Key). */
@Injectable()
export class ComplaintWorkflows {
  constructor(
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts the complaint's workflow; a second start (the same filing again) changes nothing. */
  async start(input: ComplaintInput): Promise<void> {
    await startOnce(this.temporal, COMPLAINT_WORKFLOW, { workflowId: complaintWorkflowId(input.complaintId), taskQueue: this.config.temporal.taskQueue, input });
  }

  /** `status`: the complaint's status in the read model, to tell a finished workflow from a missing one. */
  answer(complaintId: string, status: string, updateId: string, args: AnswerArgs): Promise<ComplaintView> {
    return this.update(complaintId, status, (h) => h.executeUpdate(answerComplaintUpdate, { updateId, args: [args] }));
  }

  close(complaintId: string, status: string, updateId: string, args: CloseArgs): Promise<ComplaintView> {
    return this.update(complaintId, status, (h) => h.executeUpdate(closeComplaintUpdate, { updateId, args: [args] }));
  }

  reopen(complaintId: string, status: string, updateId: string, args: ReopenArgs): Promise<ComplaintView> {
    return this.update(complaintId, status, (h) => h.executeUpdate(reopenComplaintUpdate, { updateId, args: [args] }));
  }

  private async update(complaintId: string, status: string, call: (handle: WorkflowHandle) => Promise<ComplaintView>): Promise<ComplaintView> {
    const handle = this.temporal.workflow.getHandle(complaintWorkflowId(complaintId));
    try {
      return await call(handle);
    } catch (err) {
      // A complaint the read model already shows closed is refused as closed: nothing to ask the server.
      throw complaintRefusalOf(err, status, status !== 'closed' && (await metFinishedWorkflow(err, handle)));
    }
  }
}

/** The Update id of a complaint write: (what, caller, Idempotency-Key), so a retry reaches the same Update. */
export function complaintUpdateIdOf(what: 'answer' | 'close' | 'reopen', caller: string, idempotencyKey: string): string {
  return `complaint-${what}-${base32(keyedDigest(`complaint-${what}`, caller, idempotencyKey), 26)}`;
}
