// A step's escalation ladder: the rungs on the step's own business clock (`atFraction` of its deadline
// or `afterDeadline` past it), what reaching one does to the task, and the notice it sends. After the
// last rung, the last rung repeats every REPEAT_LAST_RUNG_MINUTES, so an open step always has a timer.
import type { EscalateArgs } from '../../activities/escalation.activities';
import { MINUTES_PER_BUSINESS_DAY } from '../../libs/domain/time';
import { type PermitDefinition, rungOffsetMinutes } from '../../libs/permit-dsl/definition';
import { jakartaLocalDate } from '../../libs/calendar/local-days';
import type { CalendarChangedArgs, PermitInput } from '../messages';
import type { PlanDeadlinesArgs, Plan } from './clock';
import { iso, type PendingRung, type TaskState } from './state';

/** The interval at which the last rung repeats: five business days. */
export const REPEAT_LAST_RUNG_MINUTES = 5 * MINUTES_PER_BUSINESS_DAY;

/** The rungs of a first attempt, all ahead. */
export function ladderOf(def: Readonly<PermitDefinition>, deadlineMinutes: number): PendingRung[] {
  return def.escalation.map((rung, rungIndex) => ({ key: rung.id, rungIndex, offset: rungOffsetMinutes(rung, deadlineMinutes) }));
}

/** The rungs a new attempt after a revision continues with: those its predecessor had not reached, to be planned again. */
export function carriedLadder(previous: TaskState): PendingRung[] {
  return previous.carriedRungs.map((r) => ({ ...r, at: undefined }));
}

/** Whether the task's due time or any rung still needs a wall time. */
export function needsPlanning(task: TaskState): boolean {
  return task.dueAt === null || task.pending.some((r) => r.at === undefined);
}

/** What to ask the calendar: the due moment and every pending rung, from the clock's last start, minus what it used. */
export function planQuestion(task: TaskState): PlanDeadlinesArgs {
  const left = (minutes: number) => Math.max(0, minutes - task.businessMinutesUsed);
  return {
    from: iso(task.runningSince),
    officeId: task.officeId,
    items: [{ key: 'due', minutes: left(task.deadlineMinutes) }, ...task.pending.map((r) => ({ key: r.key, minutes: left(r.offset) }))],
  };
}

/**
 * Whether a change of the calendar moves the task: an open step of the changed scope (its office, or
 * any for the province) whose due time or a pending rung falls on or after the changed day. Planned
 * again from its clock's last start, a step due before that day would get the same time.
 */
export function touchedBy(task: TaskState, change: Pick<CalendarChangedArgs, 'officeId' | 'from'>): boolean {
  if (task.status !== 'open' || task.dueAt === null || (change.officeId !== undefined && task.officeId !== change.officeId)) return false;
  const latest = Math.max(Date.parse(task.dueAt), ...task.pending.map((r) => r.at ?? 0));
  return jakartaLocalDate(new Date(latest)) >= change.from;
}

export function applyPlan(task: TaskState, planned: Plan): void {
  task.dueAt = planned.due;
  for (const r of task.pending) r.at = Date.parse(planned[r.key]);
}

/**
 * Reaches the task's next rung: takes it off the ladder, notes it on the task (a rung at or past the
 * deadline makes the task overdue) and, after the last one, adds its repeat (planned by the caller).
 * Answers the timeline note.
 */
export function climb(def: Readonly<PermitDefinition>, task: TaskState): { rung: PendingRung; note: string } {
  const rung = task.pending.shift()!;
  const rungDef = def.escalation[rung.rungIndex];
  task.escalations.push(rung.key);
  if (rung.offset >= task.deadlineMinutes) task.overdue = true;
  if (task.pending.length === 0) {
    const repeats = task.escalations.filter((k) => k.startsWith(`${rungDef.id}#`)).length;
    task.pending.push({ key: `${rungDef.id}#${repeats + 1}`, rungIndex: rung.rungIndex, offset: rung.offset + REPEAT_LAST_RUNG_MINUTES });
  }
  const repeat = rung.key === rungDef.id ? '' : ` (repeat ${rung.key.split('#')[1]})`;
  return { rung, note: `${rungDef.notify}${repeat}` };
}

/** An escalation notice about a task, keyed by task and rung: a retried or replayed send is still one notice. */
export function noticeOf(
  def: Readonly<PermitDefinition>,
  input: PermitInput,
  task: TaskState,
  rung: { key: string; rungId: string; notify: EscalateArgs['notify']; publicList: boolean; at: number },
): EscalateArgs {
  return {
    escalationId: `${task.id}:${rung.key}`,
    applicationId: input.applicationId,
    trackingCode: input.trackingCode,
    permitType: def.code,
    taskId: task.id,
    stepId: task.stepId,
    agency: task.agency,
    officeId: task.officeId,
    rungId: rung.rungId,
    notify: rung.notify,
    publicList: rung.publicList,
    dueAt: task.dueAt,
    at: iso(rung.at),
  };
}

/** The notice of a ladder rung, at its planned instant. */
export function rungNotice(def: Readonly<PermitDefinition>, input: PermitInput, task: TaskState, rung: PendingRung, at: number): EscalateArgs {
  const r = def.escalation[rung.rungIndex];
  return noticeOf(def, input, task, { key: rung.key, rungId: r.id, notify: r.notify, publicList: r.publicList ?? false, at });
}
