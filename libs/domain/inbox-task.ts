// One step attempt as an agency's inbox lists it: the API reads it from the task table, the console
// from GET /v1/tasks. `Instant` is a Date on the server and an ISO 8601 string once it went over JSON.
export interface InboxTaskOf<Instant> {
  /** `<applicationId>.<stepId>.<attempt>` */
  id: string;
  applicationId: string;
  trackingCode: string;
  permitType: string;
  stepId: string;
  stepName: string;
  attempt: number;
  agency: string;
  officeId: string;
  role: string;
  status: string;
  assignedAt: Instant;
  dueAt: Instant | null;
  decidedAt: Instant | null;
  decidedBy: string | null;
  overdue: boolean;
  /** The officer who holds the task (claimed it, or was assigned it by a head), and since when. */
  claimedBy: string | null;
  claimedAt: Instant | null;
  /** How many escalation rungs the task reached, and the last one (its rung id, `#n` for repeats). */
  escalationLevel: number;
  escalationRung: string | null;
}
