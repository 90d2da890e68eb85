// Signals, queries and updates of a permit application workflow, and the shapes they carry.
// Shared by the workflow (deterministic side) and the API (client side): types and message
// definitions only.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CalendarSnapshot } from '../libs/calendar/business-calendar';
import type { ApplicationStatus } from '../libs/domain/statuses';
import { MESSAGE_NAMES } from '../libs/domain/application-contract';
import type { CarriedState } from './engine/state';

export type { ApplicationStatus };

export type Role = 'integrator' | 'approver' | 'admin';

export interface Actor {
  sub: string;
  role: Role | 'system';
  agency?: string;
  /** For territorial approvers (kelurahan, kecamatan, city): the office they sit in. */
  office?: string;
  /** For approvers: officer (when absent) or head; a head's step takes a head (libs/domain/deciders.ts). */
  position?: 'officer' | 'head';
}

export interface Applicant {
  nik: string;
  name: string;
  email?: string;
  phone?: string;
  /** Language of the applicant's notices; Indonesian when absent. */
  language?: 'id' | 'en';
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
  /** The officer who holds the task (claimed it, or was assigned it by a head), and since when. */
  claimedBy?: string;
  claimedAt?: string;
}

export type TimelineType =
  | 'submitted'
  | 'task.assigned'
  | 'task.approved'
  | 'task.rejected'
  | 'task.revision_requested'
  | 'task.cancelled'
  | 'task.deemed'
  | 'task.claimed'
  | 'task.unclaimed'
  | 'task.reassigned'
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
  /** task.reassigned: the officer the task was handed to; task.unclaimed: the officer whose claim was released. */
  assignee?: string;
  /** resubmitted: the top-level `data` fields the applicant corrected (names only, never values). */
  changedFields?: string[];
  /** resubmitted: the document types the applicant replaced or added. */
  changedDocuments?: string[];
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

/** What an approver reads to decide a task: the application's data and documents as they stand now. */
export interface Dossier {
  data: Record<string, unknown>;
  documents: DocumentRef[];
  /** Every answer to a revision request, oldest first, with what it changed (names only). */
  resubmissions: Resubmission[];
}

export interface Resubmission {
  at: string;
  note?: string;
  changedFields: string[];
  changedDocuments: string[];
}

export type Decision = 'approve' | 'reject' | 'request_revision';

export interface DecideArgs {
  taskId: string;
  decision: Decision;
  note?: string;
  actor: Actor;
  requestId?: string;
  /** The admin-run calendar's revision when the API took the decision: a newer one refreshes the engine's snapshot. */
  calendarRevision?: number;
}

/** Claim (or release) an open task for the actor: the officer who will decide it. */
export interface ClaimArgs {
  taskId: string;
  actor: Actor;
  /** Why, for the timeline. */
  note?: string;
  requestId?: string;
}

/** A head hands an open task to one officer of the agency (and office): the officer holds it as if claimed. */
export interface AssignArgs {
  taskId: string;
  officerId: string;
  actor: Actor;
  requestId?: string;
}

export interface ResubmitArgs {
  note?: string;
  /** Each document type given replaces every document of that type (engine/revision.ts). */
  documents?: DocumentRef[];
  /**
   * Corrections to `data`: each top-level field given replaces that field whole, `null` removes it. The
   * API has validated the result against the schema of the application's definition version.
   */
  data?: Record<string, unknown>;
  actor: Actor;
  requestId?: string;
  /** As in DecideArgs: the calendar revision the API saw. */
  calendarRevision?: number;
}

export interface WithdrawArgs {
  reason?: string;
  actor: Actor;
  requestId?: string;
}

/** An admin changed the working calendar (docs/calendar.md): open steps of the scope due on or after `from` are planned again. */
export interface CalendarChangedArgs {
  /** The calendar's revision after the change: a snapshot older than it is dropped. */
  revision: number;
  /** The office whose calendar changed; absent for the whole province. */
  officeId?: string;
  /** The first local date ('YYYY-MM-DD') the change touches. */
  from: string;
}

export const viewQuery = defineQuery<ApplicationView>(MESSAGE_NAMES.view);
export const dossierQuery = defineQuery<Dossier>(MESSAGE_NAMES.dossier);
export const decideUpdate = defineUpdate<ApplicationView, [DecideArgs]>(MESSAGE_NAMES.decide);
export const resubmitUpdate = defineUpdate<ApplicationView, [ResubmitArgs]>(MESSAGE_NAMES.resubmit);
export const withdrawUpdate = defineUpdate<ApplicationView, [WithdrawArgs]>(MESSAGE_NAMES.withdraw);
export const claimUpdate = defineUpdate<ApplicationView, [ClaimArgs]>(MESSAGE_NAMES.claim);
export const unclaimUpdate = defineUpdate<ApplicationView, [ClaimArgs]>(MESSAGE_NAMES.unclaim);
export const assignUpdate = defineUpdate<ApplicationView, [AssignArgs]>(MESSAGE_NAMES.assign);
export const calendarChangedSignal = defineSignal<[CalendarChangedArgs]>(MESSAGE_NAMES.calendarChanged);

// Ids, message names and refusal types live in a pure module that callers outside workflows/ share.
export { parseTaskId, Refusal, taskIdOf, workflowIdOf } from '../libs/domain/application-contract';
export type { RefusalType } from '../libs/domain/application-contract';
