import type { InboxTaskOf } from '../../../../../libs/domain/inbox-task';

/** GET /v1/tasks: one step attempt as its agency's inbox lists it. */
export interface InboxTask extends InboxTaskOf<string> {
  /** overdue, soon (due within one business day) or later: the API applies the platform's rules. */
  dueWindow?: 'overdue' | 'soon' | 'later';
  /** Business minutes left until the due time (negative once past); null when closed or not planned. */
  businessMinutesLeft?: number | null;
  /** What the holder of the open task needs to decide (GET /v1/tasks/{id} only, for the task's holders). */
  application?: {
    data: Record<string, unknown>;
    documents: Array<{ type: string; url: string; sha256: string }>;
    applicant: { nik: string; name: string; email?: string; phone?: string };
    /** Every answer to a revision request, oldest first, with the field and document names it changed. */
    resubmissions?: Resubmission[];
  };
}

export interface Resubmission {
  at: string;
  note?: string;
  changedFields: string[];
  changedDocuments: string[];
}

/** GET /v1/applications/{id}, as an approver sees it. */
export interface ApplicationForApprover {
  id: string;
  trackingCode: string;
  permitType: string;
  definitionVersion: number;
  status: string;
  timeline: Array<{ seq: number; at: string; type: string; actor: string; agency?: string; stepId?: string; taskId?: string; note?: string; assignee?: string; changedFields?: string[]; changedDocuments?: string[] }>;
}
