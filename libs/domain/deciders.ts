// Who may decide a task, and which approvers see an application. The agencies' kinds come from the
// seed data (libs/database/seed/agencies.json), so the list of territorial agencies exists once.
import agencies from '../database/seed/agencies.json';

/** Whoever acts: an approver carries the agency (dinas) and, for territorial agencies, the office of the token. */
export interface Decider {
  role: string;
  agency?: string;
  office?: string;
  /** An approver's position in its agency or office; an approver without one is an officer. */
  position?: Position;
}

/** What a step's definition asks of whoever signs it, and what an approver's token says it is. */
export type Position = 'officer' | 'head';
export const POSITIONS: readonly Position[] = ['officer', 'head'];

/** The part of a task these rules read. */
export interface HeldTask {
  agency: string;
  officeId: string;
}

/** Agencies that sit in one office each (kelurahan, kecamatan, city, regency): each decides only its own office's tasks. */
export const TERRITORIAL_AGENCIES: ReadonlySet<string> = new Set(
  (agencies as Array<{ code: string; kind: string }>).filter((a) => a.kind === 'territorial').map((a) => a.code),
);

/**
 * An approver of the task's agency; a territorial agency's approver must sit in the task's office; a
 * sectoral agency's approver decides for any office unless the token names one.
 */
export function mayDecide(actor: Decider, task: HeldTask): boolean {
  if (actor.role !== 'approver' || actor.agency !== task.agency) return false;
  if (TERRITORIAL_AGENCIES.has(task.agency)) return actor.office === task.officeId;
  return actor.office === undefined || actor.office === task.officeId;
}

/**
 * Office scope is never implied: an approver of a territorial agency sits in one office, so a token
 * without its office is refused rather than read as "every kelurahan of Jakarta". Answers why, or
 * undefined when the scope is complete.
 */
export function missingOfficeScope(actor: Decider): string | undefined {
  if (actor.role !== 'approver' || !actor.agency || !TERRITORIAL_AGENCIES.has(actor.agency) || actor.office) return undefined;
  return `an approver token of the territorial agency ${actor.agency} must name its office (office claim, e.g. kel-31.71.01.1001); it is never widened to every office`;
}

/** The step's role is enforced: a head's step only by a head, an officer's step by an officer or a head. */
export function holdsPosition(actor: Decider, step: { role: Position }): boolean {
  return step.role === 'officer' || (actor.position ?? 'officer') === 'head';
}

/** An approver sees the applications that have (had) a task of its agency, and of its office when its token names one. */
export function maySee(approver: Decider, task: HeldTask): boolean {
  return task.agency === approver.agency && (approver.office === undefined || approver.office === task.officeId);
}

/**
 * Who may hand a task to an officer or release anyone's claim on it: a head of the task's agency, and of
 * its office for territorial steps (the same scope as mayDecide).
 */
export function mayAssign(actor: Decider, task: HeldTask): boolean {
  return mayDecide(actor, task) && actor.position === 'head';
}

/** The part of a task the claim rules read: who holds it, if anyone. */
export interface ClaimedTask extends HeldTask {
  claimedBy?: string | null;
}

/**
 * A claim reserves an open task for one officer: anyone else's decision on it is refused until the
 * claim is released or the task reassigned. An unclaimed task is open to every approver who may decide it.
 */
export function claimedByAnother(actor: { sub: string }, task: ClaimedTask): boolean {
  return !!task.claimedBy && task.claimedBy !== actor.sub;
}
