import { Inject, Injectable } from '@nestjs/common';
import { Client, type WorkflowHandle } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/config';
import { startCalendarFanOut } from '../../../../activities/calendar-fan-out.activities';
import { PermitTypeKey, ReceivingOfficeKey, TrackingCodeKey } from '../../../../libs/temporal/search-attributes';
import {
  ApplicationView,
  AssignArgs,
  assignUpdate,
  ClaimArgs,
  claimUpdate,
  DecideArgs,
  decideUpdate,
  Dossier,
  dossierQuery,
  PermitInput,
  ResubmitArgs,
  resubmitUpdate,
  unclaimUpdate,
  viewQuery,
  WithdrawArgs,
  withdrawUpdate,
  workflowIdOf,
} from '../../../../workflows/messages';
import { APP_CONFIG } from '../config.provider';
import { startOnce } from '../../../../libs/temporal/start-once';
import { metFinishedWorkflow, refusalOf } from './workflow-errors';

/**
 * The application workflows as the services need them: start one, ask its view, send it an Update.
 * Every refusal comes out as a domain error (./workflow-errors); Update ids are the caller's to derive
 * (updateIdOf), so a retried write reaches the same Update.
 */
@Injectable()
export class ApplicationWorkflows {
  constructor(
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts the application's workflow; `false` when it was already started (the same submission again). */
  start(workflowType: string, input: PermitInput): Promise<boolean> {
    return startOnce(this.temporal, workflowType, {
      workflowId: workflowIdOf(input.applicationId),
      taskQueue: this.config.temporal.taskQueue,
      input,
      typedSearchAttributes: [
        { key: PermitTypeKey, value: input.permitType },
        { key: ReceivingOfficeKey, value: input.receivingOfficeId },
        { key: TrackingCodeKey, value: input.trackingCode },
      ],
    });
  }

  /** Starts telling the running applications of a committed calendar change (docs/calendar.md); false when it was started already. */
  async startCalendarFanOut(revision: number): Promise<boolean> {
    return startCalendarFanOut(this.temporal, this.config.temporal.taskQueue, revision);
  }

  async view(applicationId: string): Promise<ApplicationView> {
    return this.refusing(applicationId, `No application ${applicationId} is visible to this token.`, (handle) => handle.query(viewQuery));
  }

  /** The application's data and documents as they stand now (they change on resubmission). */
  async dossier(applicationId: string): Promise<Dossier> {
    return this.refusing(applicationId, `No application ${applicationId}.`, (handle) => handle.query(dossierQuery));
  }

  async decide(applicationId: string, updateId: string, args: DecideArgs): Promise<ApplicationView> {
    return this.refusing(applicationId, `No task ${args.taskId}.`, (handle) => handle.executeUpdate(decideUpdate, { updateId, args: [args] }));
  }

  async resubmit(applicationId: string, updateId: string, args: ResubmitArgs): Promise<ApplicationView> {
    return this.refusing(applicationId, `No application ${applicationId}.`, (handle) => handle.executeUpdate(resubmitUpdate, { updateId, args: [args] }));
  }

  async withdraw(applicationId: string, updateId: string, args: WithdrawArgs): Promise<ApplicationView> {
    return this.refusing(applicationId, `No application ${applicationId}.`, (handle) => handle.executeUpdate(withdrawUpdate, { updateId, args: [args] }));
  }

  async claim(applicationId: string, updateId: string, args: ClaimArgs): Promise<ApplicationView> {
    return this.refusing(applicationId, `No task ${args.taskId}.`, (handle) => handle.executeUpdate(claimUpdate, { updateId, args: [args] }));
  }

  async unclaim(applicationId: string, updateId: string, args: ClaimArgs): Promise<ApplicationView> {
    return this.refusing(applicationId, `No task ${args.taskId}.`, (handle) => handle.executeUpdate(unclaimUpdate, { updateId, args: [args] }));
  }

  async assign(applicationId: string, updateId: string, args: AssignArgs): Promise<ApplicationView> {
    return this.refusing(applicationId, `No task ${args.taskId}.`, (handle) => handle.executeUpdate(assignUpdate, { updateId, args: [args] }));
  }

  private async refusing<T>(applicationId: string, notFoundDetail: string, call: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
    const handle = this.temporal.workflow.getHandle(workflowIdOf(applicationId));
    try {
      return await call(handle);
    } catch (err) {
      throw refusalOf(err, notFoundDetail, await metFinishedWorkflow(err, handle));
    }
  }
}
