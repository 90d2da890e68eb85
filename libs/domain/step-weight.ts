// What a step is worth in the points report: its weight, from the work it asks (effort) and the time the
// regulation gives for it (deadline). Pure: the permit definitions compute their weights with it.
import { MINUTES_PER_BUSINESS_DAY } from './time';

/**
 * The work a step asks of the officer who decides it:
 * - `check`: documents or data checked against a list or a register (a kelurahan letter's verification);
 * - `review`: a substantive review of the file against the rules (a practice licence, a business registration);
 * - `technical`: a technical assessment: drawings, calculations, a site visit, an expert team;
 * - `sign`: a head signs what the officers prepared, answering for it.
 */
export const STEP_EFFORTS = ['check', 'review', 'technical', 'sign'] as const;
export type StepEffort = (typeof STEP_EFFORTS)[number];

/** Points of each effort for a step due within a day. */
export const EFFORT_POINTS: Readonly<Record<StepEffort, number>> = { check: 1, review: 2, technical: 3, sign: 1 };

/**
 * A step's weight: its effort's points, grown by a fifth per business day of its deadline (a step the
 * regulation gives a working week weighs twice a same-day one), rounded to the half point:
 * `round½(EFFORT_POINTS[effort] × (1 + deadline days / 5))`.
 */
export function stepWeight(deadlineMinutes: number, effort: StepEffort): number {
  const days = deadlineMinutes / MINUTES_PER_BUSINESS_DAY;
  return Math.round(EFFORT_POINTS[effort] * (1 + days / 5) * 2) / 2;
}
