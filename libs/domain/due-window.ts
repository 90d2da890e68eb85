// The inbox's due windows: overdue (libs/domain/overdue.ts), due soon (due within one business day from
// now, counted on the business calendar), or later. The API computes the instant one business day ahead
// with libs/calendar and passes it here, so this module stays pure.
import { isOverdue, type OverdueFacts, overdueSql } from './overdue';
import { MINUTES_PER_BUSINESS_DAY } from './time';

export const DUE_WINDOWS = ['overdue', 'soon', 'later'] as const;
export type DueWindow = (typeof DUE_WINDOWS)[number];

/** A task is due soon when its due time comes within this many business minutes: one working day. */
export const DUE_SOON_BUSINESS_MINUTES = MINUTES_PER_BUSINESS_DAY;

/** `soonUntil`: the instant DUE_SOON_BUSINESS_MINUTES of business time from `now`. */
export function dueWindowOf(task: OverdueFacts, now: number, soonUntil: number): DueWindow {
  if (isOverdue(task, now)) return 'overdue';
  if (task.dueAt !== null && Date.parse(task.dueAt) <= soonUntil) return 'soon';
  return 'later';
}

/** The same rule in SQL over a `task` row aliased `alias`; `soonUntil` is the placeholder of that instant. */
export function dueWindowSql(alias: string, window: DueWindow, soonUntil: string): string {
  const overdue = overdueSql(alias);
  if (window === 'overdue') return overdue;
  if (window === 'soon') return `NOT ${overdue} AND ${alias}.due_at <= ${soonUntil}::timestamptz`;
  return `NOT ${overdue} AND (${alias}.due_at IS NULL OR ${alias}.due_at > ${soonUntil}::timestamptz)`;
}
