// When a task is overdue: the engine marked it (its step clock passed the deadline, so the deadline rung
// fired), or it is still open and its due time has passed. The engine only learns the second at its next
// timer, so readers apply the rule at the moment they answer.

export interface OverdueFacts {
  status: string;
  dueAt: string | null;
  overdue: boolean;
}

export function isOverdue(task: OverdueFacts, now: number): boolean {
  return task.overdue || (task.status === 'open' && task.dueAt !== null && Date.parse(task.dueAt) < now);
}

/** The same rule in SQL over a `task` row aliased `alias`, at the database's now(). */
export function overdueSql(alias: string): string {
  return `(${alias}.overdue OR (${alias}.status = 'open' AND coalesce(${alias}.due_at < now(), false)))`;
}
