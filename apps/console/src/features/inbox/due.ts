import { isOverdue } from '../../../../../libs/domain/overdue';
import type { InboxTask } from './types';

/** Less than a working day left: due soon. */
const DUE_SOON_MS = 8 * 3_600_000;

export type DueState = 'overdue' | 'due-soon' | 'on-track';

/** Overdue by the platform's one rule (libs/domain); due soon when less than a working day is left. */
export function dueState(task: Pick<InboxTask, 'status' | 'dueAt' | 'overdue'>, now = Date.now()): DueState {
  if (isOverdue(task, now)) return 'overdue';
  if (task.dueAt !== null && Date.parse(task.dueAt) - now < DUE_SOON_MS) return 'due-soon';
  return 'on-track';
}
