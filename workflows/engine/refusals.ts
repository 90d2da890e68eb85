// The validators of the engine's Updates: a refused Update is answered with an ApplicationFailure of a
// Refusal type (the API maps each type to one HTTP status) and leaves no event in the history.
import { ApplicationFailure } from '@temporalio/workflow';
import { claimedByAnother, holdsPosition, mayAssign, mayDecide } from '../../libs/domain/deciders';
import { correctedData } from '../../libs/domain/corrections';
import { type ChoiceDef, childrenOf, type Condition, evaluate, type FlowNode, type PermitDefinition } from '../../libs/permit-dsl/definition';
import { type AssignArgs, type ClaimArgs, type DecideArgs, Refusal, type RefusalType, type ResubmitArgs } from '../messages';
import { type ApplicationState, iso, type TaskState } from './state';

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
  refuseUnlessTaskOpen(task, 'take a decision');
  if (claimedByAnother(args.actor, task)) {
    refuse(Refusal.TaskClaimed, `task ${task.id} is claimed by another officer (${task.claimedBy}, since ${task.claimedAt}): only they decide it; ask them to release it, or a head of ${task.agency} to reassign it to you`);
  }
}

function refuseUnlessTaskOpen(task: TaskState, what: string): void {
  if (task.status !== 'open' || task.decision) {
    refuse(Refusal.TaskNotOpen, `task ${task.id} is ${task.decision ? 'already decided' : task.status}; only open tasks ${what}`);
  }
}

/** The task of a claim message, refused when it does not exist or is not the actor's agency's and office's. */
function heldTask(state: ApplicationState, args: ClaimArgs): TaskState {
  const task = state.tasks.find((t) => t.id === args.taskId);
  if (!task) refuse(Refusal.TaskNotFound, `no task ${args.taskId}`);
  if (!mayDecide(args.actor, task)) {
    const office = args.actor.office ? ` (office ${args.actor.office})` : '';
    refuse(Refusal.WrongAgency, `task ${task.id} belongs to ${task.agency} (office ${task.officeId}); your token is for ${args.actor.agency ?? 'no agency'}${office}`);
  }
  return task;
}

/** A claim: the actor may decide the task, it is open, and nobody else holds it (claiming one's own task again changes nothing). */
export function refuseClaim(state: ApplicationState, args: ClaimArgs): void {
  const task = heldTask(state, args);
  if (!holdsPosition(args.actor, task)) {
    refuse(Refusal.WrongPosition, `task ${task.id} (${task.stepName}) is signed by a head of ${task.agency}; an officer cannot claim it: a head claims it, or ask for a token with position head`);
  }
  refuseUnlessTaskOpen(task, 'can be claimed');
  if (claimedByAnother(args.actor, task)) {
    refuse(Refusal.TaskClaimed, `task ${task.id} is already claimed by ${task.claimedBy} (since ${task.claimedAt}); pick another task, or ask them to release it or a head of ${task.agency} to reassign it`);
  }
}

/** A release: by the officer who holds the claim, or by a head of the task's agency (and office), who may release any. */
export function refuseUnclaim(state: ApplicationState, args: ClaimArgs): void {
  const task = heldTask(state, args);
  refuseUnlessTaskOpen(task, 'can be released');
  if (!task.claimedBy) refuse(Refusal.TaskNotClaimed, `task ${task.id} is not claimed by anyone; there is nothing to release`);
  if (claimedByAnother(args.actor, task) && !mayAssign(args.actor, task)) {
    refuse(Refusal.TaskClaimed, `task ${task.id} is claimed by ${task.claimedBy}: only they or a head of ${task.agency} may release it`);
  }
}

/** A reassignment: only a head of the task's agency (and office, for territorial steps), on an open task. */
export function refuseAssign(state: ApplicationState, args: AssignArgs): void {
  const task = heldTask(state, args);
  if (!mayAssign(args.actor, task)) {
    refuse(Refusal.WrongPosition, `only a head of ${task.agency} (office ${task.officeId}) assigns its tasks; your token is for ${args.actor.position ?? 'an officer'}: claim the task instead, or ask your head`);
  }
  refuseUnlessTaskOpen(task, 'can be assigned');
}

export function refuseResubmission(state: ApplicationState, def: Readonly<PermitDefinition>, data: Record<string, unknown>, args: ResubmitArgs): void {
  if (state.status !== 'awaiting_applicant') {
    refuse(Refusal.NoRevisionRequested, 'no revision was requested: resubmission is only possible while the application is awaiting_applicant');
  }
  if (!args.data) return;
  // A choice is decided once (flow.ts): data that would have chosen another branch, another office or
  // agency, cannot be fixed by a resubmission; the offices on the route taken would decide a file that is not theirs.
  const corrected = correctedData(data, args.data);
  for (const choice of passedChoices(def.flow, state)) {
    const taken = state.choices[choice.id];
    const would = choice.branches.findIndex((b) => evaluate(b.when, corrected));
    if (would === taken) continue;
    const fields = Object.keys(args.data).filter((f) => conditionFields(choice).includes(f));
    const route = (i: number) => (i >= 0 ? (choice.branches[i].label ?? `branch ${i + 1}`) : 'otherwise');
    refuse(
      Refusal.RouteChange,
      `the correction of ${fields.map((f) => `data.${f}`).join(', ')} would route the application to "${route(would)}" instead of "${route(taken)}", where it was routed when filed (${choice.name ?? choice.id}); a resubmission cannot move it: withdraw it and file a new application with the corrected data`,
    );
  }
}

function passedChoices(node: FlowNode, state: ApplicationState): ChoiceDef[] {
  const own = node.kind === 'choice' && state.choices[node.id] !== undefined ? [node] : [];
  return [...own, ...childrenOf(node).flatMap((n) => passedChoices(n, state))];
}

function conditionFields(choice: ChoiceDef): string[] {
  const of = (c: Condition): string[] => ('all' in c ? c.all.flatMap(of) : 'any' in c ? c.any.flatMap(of) : [c.field]);
  return choice.branches.flatMap((b) => of(b.when));
}
