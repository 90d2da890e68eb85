// Updates and queries of a complaint workflow and the shapes they carry, shared by the workflow and its
// clients (the API, the activities): types and message definitions only.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ComplaintAudience, ComplaintStatus } from '../../libs/domain/complaints';

export interface ComplaintInput {
  complaintId: string;
  trackingCode: string;
  category: string;
  /** The office complained about. */
  officeId: string;
  /** The application the complaint names, if any. */
  applicationId: string | null;
  filedAt: string;
  /** The outbox key of the inspectorate notice, for an illegal-fee complaint: delivered until it is. */
  inspectorateNotice: string | null;
}

/** Who acts on a complaint: an approver of its office, an admin, the citizen (by the code and PIN), or the workflow itself. */
export interface ComplaintActor {
  sub: string;
  role: 'approver' | 'admin' | 'citizen' | 'system';
  office?: string;
}

export interface ComplaintEvent {
  seq: number;
  at: string;
  type: 'received' | 'inspectorate_notified' | 'assigned' | 'escalated' | 'answered' | 'reopened' | 'closed';
  actor: string;
  note: string | null;
}

export interface ComplaintAnswer {
  at: string;
  by: string;
  text: string;
  /** Given by the due time of its round. */
  onTime: boolean;
}

export interface ComplaintView {
  complaintId: string;
  trackingCode: string;
  status: ComplaintStatus;
  /** The office that must answer: the application's receiving office, or the kecamatan of the office complained about. */
  responsibleOfficeId: string | null;
  /** When the answer of the current round is due; null once answered, or before assignment. */
  dueAt: string | null;
  /** The first round's due time and whether its answer came in time: what the scorecard counts. */
  firstDueAt: string | null;
  overdue: boolean;
  answers: ComplaintAnswer[];
  reopened: boolean;
  /** Until when the citizen may reopen; null when they may not (not answered yet, or reopened already). */
  reopenUntil: string | null;
  closedAt: string | null;
  events: ComplaintEvent[];
  /** Grows with every change; the projection keeps the newest. */
  revision: number;
}

export interface AnswerArgs {
  actor: ComplaintActor;
  text: string;
}
export interface CloseArgs {
  actor: ComplaintActor;
  note?: string;
}
export interface ReopenArgs {
  reason: string;
}

export const ComplaintRefusal = {
  /** The complaint is closed for good: nothing more can change. */
  Closed: 'ComplaintClosed',
  /** An answer to a complaint already answered in this round. */
  AlreadyAnswered: 'ComplaintAlreadyAnswered',
  /** A close or reopen of a complaint without an answer. */
  NotAnswered: 'ComplaintNotAnswered',
  /** A second reopening, or one after the window. */
  ReopenRefused: 'ComplaintReopenRefused',
  /** An approver of another office. */
  WrongOffice: 'ComplaintWrongOffice',
  /** Not assigned yet (the first moments): retry. */
  NotAssigned: 'ComplaintNotAssigned',
} as const;
export type ComplaintRefusalType = (typeof ComplaintRefusal)[keyof typeof ComplaintRefusal];

export const answerComplaintUpdate = defineUpdate<ComplaintView, [AnswerArgs]>('answerComplaint');
export const closeComplaintUpdate = defineUpdate<ComplaintView, [CloseArgs]>('closeComplaint');
export const reopenComplaintUpdate = defineUpdate<ComplaintView, [ReopenArgs]>('reopenComplaint');
export const complaintViewQuery = defineQuery<ComplaintView>('complaintView');

export const COMPLAINT_WORKFLOW = 'complaint' satisfies 'complaint';
export const complaintWorkflowId = (complaintId: string): string => `complaint-${complaintId}`;

/** What an escalation of an unanswered complaint tells, and to whom. */
export interface ComplaintEscalationArgs {
  complaintId: string;
  trackingCode: string;
  category: string;
  responsibleOfficeId: string;
  rungKey: string;
  notify: ComplaintAudience;
  dueAt: string;
  at: string;
}
