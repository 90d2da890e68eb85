// The rules of a complaint (pengaduan), as the workflow, the activities, the API and the scorecard apply
// them. Pure constants and functions, safe in workflow code.
import { MINUTES_PER_BUSINESS_DAY } from './time';

/**
 * Where a complaint stands. `received` until the responsible office is known (moments), `assigned` while
 * it waits for the office's public answer, `answered`, `reopened` (the citizen was not satisfied, once),
 * `closed` (by the office after an answer, or by itself when the reopen window ends).
 */
export const COMPLAINT_STATUSES = ['received', 'assigned', 'answered', 'reopened', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** The office answers publicly within five business days of the complaint (and again of a reopening). */
export const COMPLAINT_ANSWER_MINUTES = 5 * MINUTES_PER_BUSINESS_DAY;

/** The citizen may reopen an answered complaint once, within ten business days of the answer. */
export const COMPLAINT_REOPEN_WINDOW_MINUTES = 10 * MINUTES_PER_BUSINESS_DAY;

/** How many times a citizen may reopen a complaint. */
export const COMPLAINT_REOPENS_ALLOWED = 1;

/** Who hears of an unanswered complaint: its office's desk, its head, then the office that supervises it. */
export type ComplaintAudience = 'office' | 'office_head' | 'supervisor';

export interface ComplaintRung {
  id: string;
  /** Business minutes after the (re)start of the answer clock. */
  offset: number;
  notify: ComplaintAudience;
}

/**
 * The escalation ladder of an unanswered complaint, on its own business clock: a reminder to the office
 * at three days, its head at the deadline (the complaint is overdue from then), the supervising office
 * (the camat for a kelurahan, the mayor's office for a kecamatan) three days later; the last rung repeats
 * every five business days until the answer, so an open complaint always has a timer.
 */
export const COMPLAINT_LADDER: readonly ComplaintRung[] = [
  { id: 'reminder', offset: 3 * MINUTES_PER_BUSINESS_DAY, notify: 'office' },
  { id: 'overdue', offset: COMPLAINT_ANSWER_MINUTES, notify: 'office_head' },
  { id: 'supervisor', offset: COMPLAINT_ANSWER_MINUTES + 3 * MINUTES_PER_BUSINESS_DAY, notify: 'supervisor' },
];
export const COMPLAINT_REPEAT_MINUTES = 5 * MINUTES_PER_BUSINESS_DAY;

/** The complaint category that goes to the provincial inspectorate at once (pungutan liar). */
export const ILLEGAL_FEE = 'illegal_fee';
/** The provincial inspectorate: where a request for money goes at once. */
export const INSPECTORATE = 'INSPEKTORAT';
export const INSPECTORATE_RECIPIENT = 'inspektur@inspektorat.jakarta.go.id';

/** The outbox key of a complaint's inspectorate notice: written with the complaint, delivered by its workflow. */
export const inspectorateNoticeKey = (complaintId: string): string => `complaint:${complaintId}:${INSPECTORATE.toLowerCase()}`;

/** Tracking codes of complaints: ADU-XXXX-XXXX. */
export const COMPLAINT_CODE = /^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
