/** GET /v1/track/{code}: what a citizen may see (docs/api.md). */
export interface Tracked {
  trackingCode: string;
  permitType: string;
  permitName?: string;
  status: 'in_review' | 'awaiting_applicant' | 'issued' | 'rejected' | 'withdrawn' | 'lapsed';
  deemedGranted: boolean;
  submittedAt: string;
  dueAt: string | null;
  decidedAt: string | null;
  receivingOffice: string;
  receivingOfficeId: string;
  officialFee: { amount: number; currency: 'IDR'; legalBasis: string } | null;
  currentSteps: Array<{ step: string; agency: string; office: string; officeId: string; assignedAt: string; dueAt: string | null; overdue: boolean }>;
  timeline: Array<{ at: string; type: string; agency: string | null; stepId: string | null }>;
  /** The notices sent to the applicant: never their text or address. */
  notices?: Array<{ kind: string; channel: 'sms' | 'email'; at: string; delivered: boolean; deliveredAt: string | null }>;
}
