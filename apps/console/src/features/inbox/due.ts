import { isOverdue } from '../../../../../libs/domain/overdue';
import { MINUTES_PER_BUSINESS_DAY } from '../../../../../libs/domain/time';
import type { InboxTask } from './types';

/** Less than a working day left: due soon (used only when the API gave no due window). */
const DUE_SOON_MS = 8 * 3_600_000;

export type DueState = 'overdue' | 'due-soon' | 'on-track';

const FROM_WINDOW = { overdue: 'overdue', soon: 'due-soon', later: 'on-track' } as const;

/**
 * The API's due window (overdue by the platform's one rule, libs/domain; due soon within one business
 * day on the business calendar) when it gave one, else the same rules on wall-clock time.
 */
export function dueState(task: Pick<InboxTask, 'status' | 'dueAt' | 'overdue' | 'dueWindow'>, now = Date.now()): DueState {
  if (isOverdue(task, now)) return 'overdue';
  if (task.dueWindow) return FROM_WINDOW[task.dueWindow];
  if (task.dueAt !== null && Date.parse(task.dueAt) - now < DUE_SOON_MS) return 'due-soon';
  return 'on-track';
}

/** Business time left (or past) as working days and hours: `{ days, hours, minutes, late }`. */
export function businessTimeLeft(minutes: number): { days: number; hours: number; minutes: number; late: boolean } {
  const late = minutes < 0;
  let rest = Math.abs(Math.round(minutes));
  const days = Math.floor(rest / MINUTES_PER_BUSINESS_DAY);
  rest -= days * MINUTES_PER_BUSINESS_DAY;
  return { days, hours: Math.floor(rest / 60), minutes: rest % 60, late };
}
