import type { InboxTask } from './types';

/** Less than a working day left: due soon. */
const DUE_SOON_MS = 8 * 3_600_000;

export type DueState = 'overdue' | 'due-soon' | 'on-track';

export function dueState(task: Pick<InboxTask, 'dueAt' | 'overdue'>, now = Date.now()): DueState {
  if (task.overdue || (task.dueAt !== null && Date.parse(task.dueAt) < now)) return 'overdue';
  if (task.dueAt !== null && Date.parse(task.dueAt) - now < DUE_SOON_MS) return 'due-soon';
  return 'on-track';
}
