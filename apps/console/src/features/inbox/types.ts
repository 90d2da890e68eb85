/** GET /v1/tasks: one step attempt as its agency's inbox lists it. */
export interface InboxTask {
  id: string;
  applicationId: string;
  trackingCode: string;
  permitType: string;
  stepId: string;
  stepName: string;
  agency: string;
  officeId: string;
  status: string;
  assignedAt: string;
  dueAt: string | null;
  overdue: boolean;
}

/** GET /v1/applications/{id}, as an approver sees it. */
export interface ApplicationForApprover {
  id: string;
  trackingCode: string;
  permitType: string;
  status: string;
  timeline: Array<{ seq: number; at: string; type: string; agency?: string; stepId?: string; note?: string }>;
}
