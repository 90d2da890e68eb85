// Signals, queries and updates of a permit application workflow, and the shapes they carry.
// Shared by the workflow (deterministic side) and the API (client side): types and message
// definitions only.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CalendarSnapshot } from '../libs/calendar/business-calendar';
import type { ApplicationStatus } from '../libs/domain/statuses';
import type { CarriedState } from './engine/state';

export type { ApplicationStatus };

export type Role = 'integrator' | 'approver' | 'admin';

export interface Actor {
  sub: string;
  role: Role | 'system';
  agency?: string;
  /** For territorial approvers (kelurahan, kecamatan, city): the office they sit in. */
  office?: string;
}

export interface Applicant {
  nik: string;
  name: string;
  email?: string;
  phone?: string;
}

export interface DocumentRef {
  type: string;
  url: string;
  sha256: string;
}

/** Offices that hold the application's territorial steps, resolved from its location at submission. */
export interface JurisdictionOffices {
  province: string;
  city: string;
  kecamatan: string;
  kelurahan: string;
}

export interface PermitInput {
  applicationId: string;
  trackingCode: string;
  permitType: string;
  definitionVersion: number;
  submittedBy: string;
  receivingOfficeId: string;
  applicant: Applicant;
  location: { kelurahanCode: string; address: string };
  jurisdiction: JurisdictionOffices;
  data: Record<string, unknown>;
  documents: DocumentRef[];
  requestId?: string;
  /**
   * The working calendar around the filing day, taken by the submitter on that day
   * (BusinessCalendar.snapshotAround): the engine computes the first deadlines with it instead of asking
   * for one. Optional; the engine takes its own when it is absent, unusable or from another day.
   */
  calendar?: CalendarSnapshot;
  /** Engine tuning for tests; the API never sets it. */
  engine?: EngineOptions;
  /** Set only by the engine itself when a run continues as new (docs/engine.md); never by a caller. */
  continued?: CarriedState;
}

export interface EngineOptions {
  /** Continue as new once the run's history reaches this many events (default 10,000). */
  continueAsNewAfterEvents?: number;
}


export type TaskStatus = 'open' | 'approved' | 'rejected' | 'revision_requested' | 'cancelled' | 'deemed';

export interface TaskView {
  id: string;
  stepId: string;
  stepName: string;
  agency: string;
  officeId: string;
  role: 'officer' | 'head';
  attempt: number;
  status: TaskStatus;
  assignedAt: string;
  dueAt: string | null;
  overdue: boolean;
  /** Business minutes used on this step's clock, all attempts included, as of the last pause or decision. */
  businessMinutesUsed: number;
  deadlineMinutes: number;
  escalations: string[];
  decidedAt?: string;
  decidedBy?: string;
  note?: string;
}

export type TimelineType =
  | 'submitted'
  | 'task.assigned'
  | 'task.approved'
  | 'task.rejected'
  | 'task.revision_requested'
  | 'task.cancelled'
  | 'task.deemed'
  | 'escalation'
  | 'legal_deadline_missed'
  | 'resubmitted'
  | 'withdrawn'
  | 'issued'
  | 'rejected'
  | 'lapsed';

export interface TimelineEvent {
  seq: number;
  at: string;
  type: TimelineType;
  actor: string;
  role?: string;
  agency?: string;
  stepId?: string;
  taskId?: string;
  note?: string;
  statusBefore: ApplicationStatus;
  statusAfter: ApplicationStatus;
  requestId?: string;
}

export interface ApplicationView {
  id: string;
  trackingCode: string;
  permitType: string;
  definitionVersion: number;
  status: ApplicationStatus;
  deemedGranted: boolean;
  submittedBy: string;
  receivingOfficeId: string;
  location: { kelurahanCode: string; address: string };
  submittedAt: string;
  dueAt: string | null;
  applicantDueAt: string | null;
  decidedAt: string | null;
  openTasks: TaskView[];
  tasks: TaskView[];
  timeline: TimelineEvent[];
  /** Bumped on every change; the read model keeps only the newest projection. */
  revision: number;
}

export type Decision = 'approve' | 'reject' | 'request_revision';

export interface DecideArgs {
  taskId: string;
  decision: Decision;
  note?: string;
  actor: Actor;
  requestId?: string;
}

export interface ResubmitArgs {
  note?: string;
  documents?: DocumentRef[];
  data?: Record<string, unknown>;
  actor: Actor;
  requestId?: string;
}

export interface WithdrawArgs {
  reason?: string;
  actor: Actor;
  requestId?: string;
}

export const viewQuery = defineQuery<ApplicationView>('view');
export const decideUpdate = defineUpdate<ApplicationView, [DecideArgs]>('decide');
export const resubmitUpdate = defineUpdate<ApplicationView, [ResubmitArgs]>('resubmit');
export const withdrawUpdate = defineUpdate<ApplicationView, [WithdrawArgs]>('withdraw');

/**
 * Business refusals raised by Update validators, as ApplicationFailure types.
 * The API maps each to one HTTP status (apps/api/src/common/problem.ts).
 */
export const Refusal = {
  WrongAgency: 'WrongAgency',
  TaskNotFound: 'TaskNotFound',
  TaskNotOpen: 'TaskNotOpen',
  ApplicationClosed: 'ApplicationClosed',
  AwaitingApplicant: 'AwaitingApplicant',
  NoRevisionRequested: 'NoRevisionRequested',
  InvalidDecision: 'InvalidDecision',
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
