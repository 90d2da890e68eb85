// The application workflow's contract as plain data: its ids, the names of its query and Updates, and
// the refusal types its validators raise. No SDK import, so the engine, the API and the simulator share
// it without tying libs/ to workflows/ (workflows/messages.ts builds the typed definitions on it).

/** Query and Update names of every application workflow. */
export const MESSAGE_NAMES = {
  view: 'view',
  dossier: 'dossier',
  decide: 'decide',
  resubmit: 'resubmit',
  withdraw: 'withdraw',
  claim: 'claim',
  unclaim: 'unclaim',
  assign: 'assign',
  calendarChanged: 'calendarChanged',
} as const;

/**
 * Business refusals raised by Update validators, as ApplicationFailure types.
 * The API maps each to one HTTP status (apps/api/src/temporal/workflow-errors.ts).
 */
export const Refusal = {
  WrongAgency: 'WrongAgency',
  WrongPosition: 'WrongPosition',
  TaskNotFound: 'TaskNotFound',
  TaskNotOpen: 'TaskNotOpen',
  ApplicationClosed: 'ApplicationClosed',
  AwaitingApplicant: 'AwaitingApplicant',
  NoRevisionRequested: 'NoRevisionRequested',
  /** Corrected data that would have taken the application down another branch of a choice it already passed. */
  RouteChange: 'RouteChange',
  InvalidDecision: 'InvalidDecision',
  /** The task is claimed by another officer: a claim or a decision of someone else is refused. */
  TaskClaimed: 'TaskClaimed',
  /** A release of a claim nobody holds. */
  TaskNotClaimed: 'TaskNotClaimed',
} as const;
export type RefusalType = (typeof Refusal)[keyof typeof Refusal];

/** Task ids carry their application id so a decision needs no lookup: `<applicationId>.<stepId>.<attempt>`. */
export function taskIdOf(applicationId: string, stepId: string, attempt: number): string {
  return `${applicationId}.${stepId}.${attempt}`;
}

export function parseTaskId(taskId: string): { applicationId: string; stepId: string; attempt: number } | undefined {
  const m = /^([A-Z0-9-]{6,64})\.([a-z][a-z0-9_]{0,63})\.([1-9][0-9]{0,3})$/.exec(taskId);
  return m ? { applicationId: m[1], stepId: m[2], attempt: Number(m[3]) } : undefined;
}

export function workflowIdOf(applicationId: string): string {
  return `application-${applicationId}`;
}
