import { InboxTaskOf, overdueSql } from '../../../../libs/domain';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Applicant } from '../../../../workflows/messages';
import { DataSource } from 'typeorm';
import { Where } from '../database/where';

/** A task as listed: its application's tracking code and permit type, and whether it is overdue now. */
export type TaskRow = InboxTaskOf<Date>;

/** One read of an application's personal data by the holder of one of its tasks, for the audit log. */
export interface PersonalDataRead {
  applicationId: string;
  taskId: string;
  stepId: string;
  actor: string;
  agency: string;
  /** The application's status when it was read (the audit log's status before and after alike). */
  status: string;
  requestId?: string;
}

export interface InboxQuery {
  agency?: string;
  officeId?: string;
  status: string;
  overdue?: boolean;
  /** The due time ('infinity' for none) and id of the last task of the previous page. */
  after?: { at: string; id: string };
  limit: number;
}

// A task is overdue once its due time has passed while it is open, or when it was closed late (libs/domain).
const OVERDUE_NOW = overdueSql('t');

const TASK_COLUMNS = `t.id, t.application_id AS "applicationId", a.tracking_code AS "trackingCode", a.permit_type AS "permitType",
  t.step_id AS "stepId", t.step_name AS "stepName", t.attempt, t.agency, t.office_id AS "officeId", t.role, t.status,
  t.assigned_at AS "assignedAt", t.due_at AS "dueAt", t.decided_at AS "decidedAt", t.decided_by AS "decidedBy",
  ${OVERDUE_NOW} AS overdue`;

/** The read model's tasks (table task: one row per step attempt). */
@Injectable()
export class TasksRepository {
  constructor(private readonly db: DataSource) {}

  /** Most urgent first: due time (none last), then id; keyset pages of up to `limit` rows. */
  async inbox(q: InboxQuery): Promise<TaskRow[]> {
    const where = new Where().andIf(q.agency, 't.agency = ?').andIf(q.officeId, 't.office_id = ?').and('t.status = ?', q.status);
    if (q.overdue === true) where.and(OVERDUE_NOW);
    if (q.overdue === false) where.and(`NOT ${OVERDUE_NOW}`);
    if (q.after) where.and(`(coalesce(t.due_at, 'infinity'::timestamptz), t.id) > (?::timestamptz, ?)`, q.after.at, q.after.id);
    return this.db.query(
      `SELECT ${TASK_COLUMNS} FROM task t JOIN application a ON a.id = t.application_id ${where.toSql()}
        ORDER BY coalesce(t.due_at, 'infinity'::timestamptz) ASC, t.id ASC LIMIT ${where.param(q.limit)}`,
      where.params,
    );
  }

  async findById(taskId: string): Promise<TaskRow | undefined> {
    const rows: TaskRow[] = await this.db.query(`SELECT ${TASK_COLUMNS} FROM task t JOIN application a ON a.id = t.application_id WHERE t.id = $1`, [taskId]);
    return rows[0];
  }

  /** The applicant's identity and the application's status, from the read model. */
  async applicantOf(applicationId: string): Promise<{ applicant: Applicant; status: string } | undefined> {
    const rows: Array<{ applicant: Applicant; status: string }> = await this.db.query(`SELECT applicant, status FROM application WHERE id = $1`, [applicationId]);
    return rows[0];
  }

  /** Appends one row to the audit log: who read the personal data of which application, when, and for which task. */
  async recordPersonalDataRead(read: PersonalDataRead): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_log (event_id, application_id, at, type, actor, role, agency, step_id, task_id, note, status_before, status_after, request_id)
       VALUES ($1, $2, now(), 'personal_data.read', $3, 'approver', $4, $5, $6, $7, $8, $8, $9)`,
      [
        `${read.applicationId}:read:${randomUUID()}`,
        read.applicationId,
        read.actor,
        read.agency,
        read.stepId,
        read.taskId,
        `data, documents and applicant identity read to decide task ${read.taskId}`,
        read.status,
        read.requestId ?? null,
      ],
    );
  }

  async exists(taskId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM task WHERE id = $1`, [taskId]);
    return rows.length > 0;
  }
}
