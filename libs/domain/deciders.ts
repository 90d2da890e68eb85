// Who may decide a task, and which approvers see an application. The agencies' kinds come from the
// seed data (libs/database/seed/agencies.json), so the list of territorial agencies exists once.
import agencies from '../database/seed/agencies.json';

/** Whoever acts: an approver carries the agency (dinas) and, for territorial agencies, the office of the token. */
export interface Decider {
  role: string;
  agency?: string;
  office?: string;
}

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

/** An approver sees the applications that have (had) a task of its agency, and of its office when its token names one. */
export function maySee(approver: Decider, task: HeldTask): boolean {
  return task.agency === approver.agency && (approver.office === undefined || approver.office === task.officeId);
}
