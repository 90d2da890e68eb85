// The statuses of an application, and which of them are final: what the engine ends on, what the API
// treats as closed, what the simulator stops at.

export type ApplicationStatus = 'in_review' | 'awaiting_applicant' | 'issued' | 'rejected' | 'withdrawn' | 'lapsed';

/** Nothing changes an application in one of these: no decision, resubmission or withdrawal. */
export const FINAL_STATUSES: ReadonlyArray<ApplicationStatus> = ['issued', 'rejected', 'withdrawn', 'lapsed'];

export function isFinalStatus(status: ApplicationStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
