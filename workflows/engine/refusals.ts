// The validators of the engine's Updates: a refused Update is answered with an ApplicationFailure of a
// Refusal type (the API maps each type to one HTTP status) and leaves no event in the history.
import { ApplicationFailure } from '@temporalio/workflow';
import { holdsPosition, mayDecide } from '../../libs/domain/deciders';
import type { PermitDefinition } from '../../libs/permit-dsl/definition';
import { type DecideArgs, Refusal, type RefusalType } from '../messages';
import { type ApplicationState, iso } from './state';

const DECISIONS: ReadonlyArray<DecideArgs['decision']> = ['approve', 'reject', 'request_revision'];

function refuse(type: RefusalType, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/**
 * Anything that changes the application needs it open. A deadline that has passed decides even if its
 * timer has not woken yet (the same workflow task may bring both, e.g. after the workers were down over
 * the deadline): the law counts from the deadline.
 */
export function refuseUnlessOpen(state: ApplicationState, def: Readonly<PermitDefinition>, watchingLegalDeadline: boolean): void {
  if (state.isFinal()) refuse(Refusal.ApplicationClosed, `application is already ${state.status}; nothing more can change`);
  const now = Date.now();
  if (state.paused && state.applicantDueAt !== null && now >= state.applicantDueAt) {
    refuse(Refusal.ApplicationClosed, `the applicant's deadline passed at ${iso(state.applicantDueAt)}: the application has lapsed; nothing more can change`);
  }
  if (def.onHardDeadline === 'deem-granted' && watchingLegalDeadline && state.dueAt !== null && now >= state.dueAt) {
    refuse(Refusal.ApplicationClosed, `the legal deadline passed at ${iso(state.dueAt)}: the application is deemed granted; nothing more can change`);
  }
}

export function refuseDecision(state: ApplicationState, args: DecideArgs): void {
  if (!DECISIONS.includes(args.decision)) {
    refuse(Refusal.InvalidDecision, `decision must be approve, reject or request_revision, got "${String(args.decision)}"`);
  }
  const task = state.tasks.find((t) => t.id === args.taskId);
  if (!task) refuse(Refusal.TaskNotFound, `no task ${args.taskId}`);
  if (!mayDecide(args.actor, task)) {
    const office = args.actor.office ? ` (office ${args.actor.office})` : '';
    refuse(Refusal.WrongAgency, `task ${task.id} belongs to ${task.agency} (office ${task.officeId}); your token is for ${args.actor.agency ?? 'no agency'}${office}`);
  }
  if (!holdsPosition(args.actor, task)) {
    refuse(Refusal.WrongPosition, `task ${task.id} (${task.stepName}) is signed by a head of ${task.agency}; your token is for ${args.actor.position ?? 'an officer'}: ask for a token with position head`);
  }
  if (state.paused) {
    refuse(Refusal.AwaitingApplicant, 'the application waits for the applicant to answer a revision request; decide after resubmission');
  }
  if (task.status !== 'open' || task.decision) {
    refuse(Refusal.TaskNotOpen, `task ${task.id} is ${task.decision ? 'already decided' : task.status}; only open tasks take a decision`);
  }
}

export function refuseResubmission(state: ApplicationState): void {
  if (state.status !== 'awaiting_applicant') {
    refuse(Refusal.NoRevisionRequested, 'no revision was requested: resubmission is only possible while the application is awaiting_applicant');
  }
}
