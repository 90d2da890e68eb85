import type { DataSource } from 'typeorm';
import type { Applicant, ApplicationView } from '../workflows/messages';

export interface ProjectArgs {
  view: ApplicationView;
  applicant: Applicant;
  requestId?: string;
}

/**
 * Writes an application's state to the read model. Idempotent: rows are keyed, a snapshot only
 * replaces an older revision, and audit rows are keyed by (application, timeline seq), so a retried
 * or replayed activity never counts twice.
 */
export function createProjectionActivities(db: DataSource) {
  return {
    async projectApplication({ view, applicant }: ProjectArgs): Promise<void> {
      const { tasks, timeline, ...rest } = view;
      await db.transaction(async (m) => {
        await m.query(
          `INSERT INTO application (id, tracking_code, permit_type, definition_version, status, deemed_granted, submitted_by,
             receiving_office_id, kelurahan_code, submitted_at, due_at, decided_at, applicant, view, revision, updated_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15, now())
           ON CONFLICT (id) DO UPDATE SET status = excluded.status, deemed_granted = excluded.deemed_granted,
             due_at = excluded.due_at, decided_at = excluded.decided_at, view = excluded.view,
             revision = excluded.revision, updated_at = now()
           WHERE application.revision < excluded.revision`,
          [
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
            JSON.stringify({ ...rest, tasks, timeline }),
            view.revision,
          ],
        );
        if (tasks.length > 0) {
          await m.query(
            `INSERT INTO task (id, application_id, step_id, step_name, attempt, agency, office_id, role, status, assigned_at,
               due_at, decided_at, decided_by, note, overdue, business_minutes_used, deadline_minutes, revision)
             SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(id text, application_id text, step_id text, step_name text,
               attempt int, agency text, office_id text, role text, status text, assigned_at timestamptz, due_at timestamptz,
               decided_at timestamptz, decided_by text, note text, overdue boolean, business_minutes_used numeric,
               deadline_minutes int, revision int)
             ON CONFLICT (id) DO UPDATE SET status = excluded.status, due_at = excluded.due_at,
               decided_at = excluded.decided_at, decided_by = excluded.decided_by, note = excluded.note,
               overdue = excluded.overdue, business_minutes_used = excluded.business_minutes_used, revision = excluded.revision
             WHERE task.revision < excluded.revision`,
            [
              JSON.stringify(
                tasks.map((t) => ({
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
                  business_minutes_used: t.businessMinutesUsed,
                  deadline_minutes: t.deadlineMinutes,
                  revision: view.revision,
                })),
              ),
            ],
          );
        }
        if (timeline.length > 0) {
          await m.query(
            `INSERT INTO audit_log (event_id, application_id, at, type, actor, role, agency, step_id, task_id, note,
               status_before, status_after, request_id)
             SELECT $2 || ':' || e.seq, $2, e.at, e.type, e.actor, e.role, e.agency, e."stepId", e."taskId", e.note,
               e."statusBefore", e."statusAfter", e."requestId"
             FROM jsonb_to_recordset($1::jsonb) AS e(seq int, at timestamptz, type text, actor text, role text, agency text,
               "stepId" text, "taskId" text, note text, "statusBefore" text, "statusAfter" text, "requestId" text)
             ON CONFLICT (event_id) DO NOTHING`,
            [JSON.stringify(timeline), view.id],
          );
        }
      });
    },
  };
}
