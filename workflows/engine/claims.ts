// Who holds an open task: an officer claims it (or a head assigns it to one), and releases it. The claim
// lives on the task in the workflow state, so it is in every view, every projection and every run after
// a continue-as-new; each change is a timeline event. The validators in refusals.ts have already
// checked the message when these run.
import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import { type ApplicationView, type AssignArgs, assignUpdate, type ClaimArgs, claimUpdate, unclaimUpdate } from '../messages';
import { refuseAssign, refuseClaim, refuseUnclaim } from './refusals';
import { type ApplicationState, iso, type TaskState } from './state';

/**
 * The claim, release and assign Updates. Each validator first asks `refuseUnlessOpen` (the application
 * still open), then its own rules; a refused message leaves no event in the history. Claims change who
 * holds a task, never the flow: they apply at once and answer once the read model shows them.
 */
export function registerClaimHandlers(state: ApplicationState, refuseUnlessOpen: () => void, settled: () => Promise<ApplicationView>): void {
  /** One Update: the validator refuses (application closed, then the message's own rules), the handler applies. */
  function register<A>(update: UpdateDefinition<ApplicationView, [A]>, apply: (state: ApplicationState, args: A) => void, refuse: (state: ApplicationState, args: A) => void): void {
    setHandler(update, (args) => {
      apply(state, args);
      return settled();
    }, {
      validator: (args) => {
        refuseUnlessOpen();
        refuse(state, args);
      },
    });
  }
  register(claimUpdate, claimTask, refuseClaim);
  register(unclaimUpdate, unclaimTask, refuseUnclaim);
  register(assignUpdate, assignTask, refuseAssign);
}

function taskOf(state: ApplicationState, taskId: string): TaskState {
  return state.tasks.find((t) => t.id === taskId)!;
}

function hold(state: ApplicationState, task: TaskState, officer: string | undefined): void {
  // Released claims leave no keys behind: views and carried state stay as they were before any claim.
  if (officer === undefined) {
    delete task.claimedBy;
    delete task.claimedAt;
  } else {
    task.claimedBy = officer;
    task.claimedAt = iso(Date.now());
  }
  state.touch();
}

/** Claiming a task one already holds changes nothing and records nothing. */
export function claimTask(state: ApplicationState, args: ClaimArgs): void {
  const task = taskOf(state, args.taskId);
  if (task.claimedBy === args.actor.sub) return;
  hold(state, task, args.actor.sub);
  state.record('task.claimed', { actor: args.actor.sub, role: args.actor.role, agency: task.agency, stepId: task.stepId, taskId: task.id, note: args.note, requestId: args.requestId });
}

export function unclaimTask(state: ApplicationState, args: ClaimArgs): void {
  const task = taskOf(state, args.taskId);
  const holder = task.claimedBy;
  hold(state, task, undefined);
  state.record('task.unclaimed', { actor: args.actor.sub, role: args.actor.role, agency: task.agency, stepId: task.stepId, taskId: task.id, note: args.note, assignee: holder, requestId: args.requestId });
}

/** Assigning a task to the officer who holds it already changes nothing. */
export function assignTask(state: ApplicationState, args: AssignArgs): void {
  const task = taskOf(state, args.taskId);
  if (task.claimedBy === args.officerId) return;
  hold(state, task, args.officerId);
  state.record('task.reassigned', { actor: args.actor.sub, role: args.actor.role, agency: task.agency, stepId: task.stepId, taskId: task.id, assignee: args.officerId, requestId: args.requestId });
}
