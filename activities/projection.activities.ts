import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { BusinessCalendar, type CalendarSource, fixedCalendar } from '../libs/calendar';
import { stepsOf, toBusinessMinutes } from '../libs/permit-dsl/definition';
import type { Applicant, ApplicationView, TaskView, TimelineEvent } from '../workflows/messages';
import type { EscalateArgs } from './escalation.activities';
import { findDefinition } from '../libs/permits';

export interface ProjectArgs {
  view: ApplicationView;
  applicant: Applicant;
  requestId?: string;
  /**
   * Escalation rungs reached since the last projection: each is sent after the
   * state that records it is written, in the same activity, so a rung costs no activity of its own.
   */
  notices?: EscalateArgs[];
}

/** Statuses an officer set: a decision, the only closures that count as the agency's own work. */
export const OFFICER_DECISIONS: ReadonlyArray<TaskView['status']> = ['approved', 'rejected', 'revision_requested'];

/** A late decision still earns at least this share of the step's weight: deciding late beats never deciding. */
export const MIN_LATE_POINTS_SHARE = 0.25;

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Business minutes in whole minutes, a started minute counting as one. Values are rounded to the
 * hundredth first: the engine adds up minutes in floating point (449.66 + 0.1 is not 449.76 exactly).
 */
export function wholeMinutes(minutes: number): number {
  return Math.ceil(round2(minutes));
}

/** What the reports read of one step attempt, derived from the workflow's snapshot. */
export interface TaskFacts {
  /** The step clock (business minutes) when this attempt was assigned: what earlier attempts used. */
  minutesBefore: number;
  /** Business minutes this attempt took, for an officer's decision; null otherwise. */
  attemptMinutes: number | null;
  /** Null while open. An officer's decision breaches when the step clock passed the deadline; a closure by the system (deemed, cancelled) when it came after the due instant. */
  breached: boolean | null;
}

export function taskFacts(task: TaskView, all: ReadonlyArray<TaskView>): TaskFacts {
  const previous = task.attempt > 1 ? all.find((t) => t.stepId === task.stepId && t.attempt === task.attempt - 1) : undefined;
  const minutesBefore = round2(previous?.businessMinutesUsed ?? 0);
  if (task.status === 'open') return { minutesBefore, attemptMinutes: null, breached: null };
  if (OFFICER_DECISIONS.includes(task.status)) {
    const used = round2(task.businessMinutesUsed);
    return { minutesBefore, attemptMinutes: round2(used - minutesBefore), breached: used > task.deadlineMinutes };
  }
  const late = task.dueAt !== null && task.decidedAt !== undefined && Date.parse(task.decidedAt) > Date.parse(task.dueAt);
  return { minutesBefore, attemptMinutes: null, breached: late };
}

/**
 * Points for a step decided for good (approve or reject): the step's weight on time; late, the weight
 * shrinks by the share of the deadline overrun (late minutes / deadline minutes, whole minutes), to no
 * less than MIN_LATE_POINTS_SHARE of it. docs/reports.md has the formula with worked examples.
 */
export function pointsFor(weight: number, deadlineMinutes: number, businessMinutesUsed: number): { lateMinutes: number; points: number } {
  const lateMinutes = Math.max(0, wholeMinutes(businessMinutesUsed - deadlineMinutes));
  const share = lateMinutes === 0 ? 1 : Math.max(MIN_LATE_POINTS_SHARE, 1 - lateMinutes / deadlineMinutes);
  return { lateMinutes, points: round2(weight * share) };
}

/**
 * Business minutes the application's own clock used from submission to its close: working time between
 * the two, less the stretches it waited on the applicant (from a revision request to the resubmission,
 * or to the close when none came). Null while the application is open.
 */
export function applicationMinutes(view: Pick<ApplicationView, 'submittedAt' | 'decidedAt' | 'timeline'>, calendar: BusinessCalendar): number | null {
  if (!view.decidedAt) return null;
  const closed = new Date(view.decidedAt);
  let minutes = calendar.businessMinutesBetween(new Date(view.submittedAt), closed);
  let waitingSince: string | undefined;
  const events: TimelineEvent[] = [...view.timeline].sort((a, b) => a.seq - b.seq);
  for (const e of events) {
    if (e.type === 'task.revision_requested' && waitingSince === undefined) waitingSince = e.at;
    if (e.type === 'resubmitted' && waitingSince !== undefined) {
      minutes -= calendar.businessMinutesBetween(new Date(waitingSince), new Date(e.at));
      waitingSince = undefined;
    }
  }
  if (waitingSince !== undefined) minutes -= calendar.businessMinutesBetween(new Date(waitingSince), closed);
  return round2(Math.max(0, minutes));
}

/**
 * Writes an application's state to the read model. Idempotent: rows are keyed, a snapshot only
 * replaces an older revision, audit rows are keyed by (application, timeline seq) and points by task,
 * so a retried or replayed activity never counts twice.
 */
export function createProjectionActivities(
  db: DataSource,
  calendar: BusinessCalendar | CalendarSource = new BusinessCalendar(),
  escalate?: (args: EscalateArgs) => Promise<void>,
) {
  // The admin-run calendar as it is when the application closes (docs/calendar.md); read only then.
  const calendars = calendar instanceof BusinessCalendar ? fixedCalendar(calendar) : calendar;
  return {
    /** Returns the webhooks that watch the application's owner: the outbox (webhook.activities.ts) needs no query of its own. */
    async projectApplication({ view, applicant, notices = [] }: ProjectArgs): Promise<{ webhookIds: string[] }> {
      if (notices.length > 0 && !escalate) {
        throw ApplicationFailure.nonRetryable('projectApplication got escalation notices but no escalation sender was wired (createActivities wires one)', 'NoticeSenderMissing');
      }
      const { tasks, timeline, ...rest } = view;
      const usedMinutes = view.decidedAt ? applicationMinutes(view, await calendars.current()) : null;
      const def = findDefinition(view.permitType, view.definitionVersion);
      const weights = new Map(def ? stepsOf(def.flow).map((s) => [s.id, s.weight ?? 1]) : []);
      const weightOf = (stepId: string) => weights.get(stepId) ?? 1;
      const rows = tasks.map((t) => {
        const facts = taskFacts(t, tasks);
        return {
          id: t.id,
          application_id: view.id,
          step_id: t.stepId,
          step_name: t.stepName,
          attempt: t.attempt,
          agency: t.agency,
          office_id: t.officeId,
          role: t.role,
          status: t.status,
          assigned_at: t.assignedAt,
          due_at: t.dueAt,
          decided_at: t.decidedAt ?? null,
          decided_by: t.decidedBy ?? null,
          note: t.note ?? null,
          overdue: t.overdue,
          business_minutes_used: round2(t.businessMinutesUsed),
          deadline_minutes: t.deadlineMinutes,
          revision: view.revision,
          permit_type: view.permitType,
          definition_version: view.definitionVersion,
          receiving_office_id: view.receivingOfficeId,
          minutes_before: facts.minutesBefore,
          attempt_minutes: facts.attemptMinutes,
          breached: facts.breached,
          weight: weightOf(t.stepId),
          claimed_by: t.claimedBy ?? null,
          claimed_at: t.claimedAt ?? null,
          escalation_level: t.escalations.length,
          escalation_rung: t.escalations[t.escalations.length - 1] ?? null,
        };
      });
      const awards = tasks
        .filter((t) => (t.status === 'approved' || t.status === 'rejected') && t.decidedBy && t.decidedAt)
        .map((t) => {
          const weight = weightOf(t.stepId);
          return {
            task_id: t.id,
            application_id: view.id,
            officer: t.decidedBy,
            agency: t.agency,
            office_id: t.officeId,
            permit_type: view.permitType,
            step_id: t.stepId,
            weight,
            deadline_minutes: t.deadlineMinutes,
            ...pointsFor(weight, t.deadlineMinutes, t.businessMinutesUsed),
            awarded_at: t.decidedAt,
          };
        });
      // The step attempts come first: PostgreSQL runs the statement's parts last to first, and their rollup
      // triggers fire in that order, so the task rollups, which take the permit type's lock (migration
      // 1795560000006), run last and hold it only to the commit.
      // One statement, so one round trip and one transaction: the application, its step attempts (rewritten
      // only when they changed, so the rollup triggers see only real changes), the
      // points of steps decided for good (the first award stands) and the audit log, whose events are
      // read from the view itself rather than sent twice; it answers with the owner's webhooks.
      const hooks: Array<{ id: string }> = await db.query(
        `WITH snapshot AS (SELECT $1::jsonb AS view),
         attempts AS (
           INSERT INTO task (id, application_id, step_id, step_name, attempt, agency, office_id, role, status, assigned_at,
             due_at, decided_at, decided_by, note, overdue, business_minutes_used, deadline_minutes, revision,
             permit_type, receiving_office_id, minutes_before, attempt_minutes, breached, weight,
             claimed_by, claimed_at, escalation_level, escalation_rung, definition_version)
           SELECT * FROM jsonb_to_recordset($2::jsonb -> 'tasks') AS t(id text, application_id text, step_id text, step_name text,
             attempt int, agency text, office_id text, role text, status text, assigned_at timestamptz, due_at timestamptz,
             decided_at timestamptz, decided_by text, note text, overdue boolean, business_minutes_used numeric,
             deadline_minutes int, revision int, permit_type text, receiving_office_id text, minutes_before numeric,
             attempt_minutes numeric, breached boolean, weight numeric, claimed_by text, claimed_at timestamptz,
             escalation_level int, escalation_rung text, definition_version int)
           ON CONFLICT (id) DO UPDATE SET status = excluded.status, due_at = excluded.due_at,
             decided_at = excluded.decided_at, decided_by = excluded.decided_by, note = excluded.note,
             overdue = excluded.overdue, business_minutes_used = excluded.business_minutes_used, revision = excluded.revision,
             permit_type = excluded.permit_type, receiving_office_id = excluded.receiving_office_id,
             minutes_before = excluded.minutes_before, attempt_minutes = excluded.attempt_minutes,
             breached = excluded.breached, weight = excluded.weight, claimed_by = excluded.claimed_by,
             claimed_at = excluded.claimed_at, escalation_level = excluded.escalation_level, escalation_rung = excluded.escalation_rung
           WHERE task.revision < excluded.revision
             AND (task.status, task.due_at, task.decided_at, task.decided_by, task.note, task.overdue, task.business_minutes_used,
                  task.permit_type, task.receiving_office_id, task.minutes_before, task.attempt_minutes, task.breached, task.weight,
                  task.claimed_by, task.claimed_at, task.escalation_level, task.escalation_rung)
                 IS DISTINCT FROM
                 (excluded.status, excluded.due_at, excluded.decided_at, excluded.decided_by, excluded.note, excluded.overdue,
                  excluded.business_minutes_used, excluded.permit_type, excluded.receiving_office_id, excluded.minutes_before,
                  excluded.attempt_minutes, excluded.breached, excluded.weight, excluded.claimed_by, excluded.claimed_at,
                  excluded.escalation_level, excluded.escalation_rung)
           RETURNING 1),
         app AS (
           INSERT INTO application (id, tracking_code, permit_type, definition_version, status, deemed_granted, submitted_by,
             receiving_office_id, kelurahan_code, submitted_at, due_at, decided_at, applicant, view, revision, updated_at,
             legal_deadline_minutes, business_minutes_used)
           SELECT $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, snapshot.view, $16, now(), $17, $18 FROM snapshot
           ON CONFLICT (id) DO UPDATE SET status = excluded.status, deemed_granted = excluded.deemed_granted,
             due_at = excluded.due_at, decided_at = excluded.decided_at, view = excluded.view,
             revision = excluded.revision, updated_at = now(),
             legal_deadline_minutes = excluded.legal_deadline_minutes, business_minutes_used = excluded.business_minutes_used
           WHERE application.revision < excluded.revision
           RETURNING 1),
         awards AS (
           INSERT INTO points (task_id, application_id, officer, agency, office_id, permit_type, step_id, weight,
             deadline_minutes, late_minutes, points, awarded_at)
           SELECT task_id, application_id, officer, agency, office_id, permit_type, step_id, weight, deadline_minutes,
             "lateMinutes", points, awarded_at
           FROM jsonb_to_recordset($2::jsonb -> 'awards') AS p(task_id text, application_id text, officer text, agency text,
             office_id text, permit_type text, step_id text, weight numeric, deadline_minutes int, "lateMinutes" int,
             points numeric, awarded_at timestamptz)
           ON CONFLICT (task_id) DO NOTHING
           RETURNING 1),
         audit AS (
           INSERT INTO audit_log (event_id, application_id, at, type, actor, role, agency, step_id, task_id, note,
             status_before, status_after, request_id, changed_fields, changed_documents)
           SELECT $3 || ':' || e.seq, $3, e.at, e.type, e.actor, e.role, e.agency, e."stepId", e."taskId", e.note,
             e."statusBefore", e."statusAfter", e."requestId",
             CASE WHEN e."changedFields" IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(e."changedFields")) END,
             CASE WHEN e."changedDocuments" IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(e."changedDocuments")) END
           FROM snapshot, jsonb_to_recordset(snapshot.view -> 'timeline') AS e(seq int, at timestamptz, type text, actor text,
             role text, agency text, "stepId" text, "taskId" text, note text, "statusBefore" text, "statusAfter" text, "requestId" text,
             "changedFields" jsonb, "changedDocuments" jsonb)
           ON CONFLICT (event_id) DO NOTHING
           RETURNING 1)
         SELECT id FROM webhook WHERE owner = $9 AND deleted_at IS NULL`,
        [
          JSON.stringify({ ...rest, tasks, timeline }),
          JSON.stringify({ tasks: rows, awards }),
          view.id,
          view.trackingCode,
          view.permitType,
          view.definitionVersion,
          view.status,
          view.deemedGranted,
          view.submittedBy,
          view.receivingOfficeId,
          view.location.kelurahanCode,
          view.submittedAt,
          view.dueAt,
          view.decidedAt,
          JSON.stringify(applicant),
          view.revision,
          def ? toBusinessMinutes(def.deadline) : null,
          usedMinutes,
        ],
      );
      // Keyed and de-duplicated (escalation.activities.ts): a retried projection sends nothing twice, and a
      // mail server that refuses does not fail the projection (escalateBestEffort).
      for (const notice of notices) await escalate!(notice);
      return { webhookIds: hooks.map((h) => h.id) };
    },
  };
}
