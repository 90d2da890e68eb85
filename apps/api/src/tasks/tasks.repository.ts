import { type DueWindow, dueWindowSql, type InboxTaskOf, overdueSql } from '../../../../libs/domain';
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

/** The inbox's queues: open tasks I hold, open tasks nobody holds, every open task, tasks I decided. */
export const QUEUES = ['mine', 'unclaimed', 'open', 'done'] as const;
export type Queue = (typeof QUEUES)[number];

/** The statuses of a task an officer decided (the `done` queue). */
const DECIDED = ['approved', 'rejected', 'revision_requested'];

/** Which tasks a caller may list at all: its agency (and office), or every agency for an admin. */
export interface TaskScope {
  agency?: string;
  officeId?: string;
}

/** Filters every queue takes alike. */
export interface TaskFilters {
  permitType?: string;
  stepId?: string;
  due?: DueWindow;
  /** The instant one business day from now: where `soon` ends. */
  soonUntil: string;
}

export interface InboxQuery extends TaskScope, Partial<TaskFilters> {
  /** Without a queue, the tasks of this status (the inbox before queues). */
  status?: string;
  queue?: Queue;
  /** The caller's sub: whose claims `mine` lists and whose decisions `done` lists. */
  me?: string;
  overdue?: boolean;
  /** The due time ('infinity' for none) and id of the last task of the previous page. */
  after?: { at: string; id: string };
  limit: number;
}

export type QueueCounts = Record<Queue, number>;

// A task is overdue once its due time has passed while it is open, or when it was closed late (libs/domain).
const OVERDUE_NOW = overdueSql('t');

const TASK_COLUMNS = `t.id, t.application_id AS "applicationId", a.tracking_code AS "trackingCode", a.permit_type AS "permitType",
  t.step_id AS "stepId", t.step_name AS "stepName", t.attempt, t.agency, t.office_id AS "officeId", t.role, t.status,
  t.assigned_at AS "assignedAt", t.due_at AS "dueAt", t.decided_at AS "decidedAt", t.decided_by AS "decidedBy",
  ${OVERDUE_NOW} AS overdue, t.claimed_by AS "claimedBy", t.claimed_at AS "claimedAt",
  t.escalation_level AS "escalationLevel", t.escalation_rung AS "escalationRung"`;

/** The condition of one queue (each has its own partial index, see migration 1795400000010). */
function queueSql(where: Where, queue: Queue, me: string): void {
  if (queue === 'mine') where.and(`t.status = 'open' AND t.claimed_by = ?`, me);
  if (queue === 'unclaimed') where.and(`t.status = 'open' AND t.claimed_by IS NULL`);
  if (queue === 'open') where.and(`t.status = 'open'`);
  if (queue === 'done') where.and(`t.decided_by = ? AND t.status = ANY(?)`, me, DECIDED);
}

/** The scope and the filters, as every queue and count applies them. */
function scoped(q: TaskScope & Partial<TaskFilters>, params?: unknown[]): Where {
  const where = new Where(params).andIf(q.agency, 't.agency = ?').andIf(q.officeId, 't.office_id = ?').andIf(q.permitType, 't.permit_type = ?').andIf(q.stepId, 't.step_id = ?');
  if (q.due === 'overdue') where.and(dueWindowSql('t', 'overdue', ''));
  else if (q.due) where.and(dueWindowSql('t', q.due, '?'), q.soonUntil);
  return where;
}

/** The read model's tasks (table task: one row per step attempt). */
@Injectable()
export class TasksRepository {
  constructor(private readonly db: DataSource) {}

  /** Most urgent first: due time (none last), then id; keyset pages of up to `limit` rows. */
  async inbox(q: InboxQuery): Promise<TaskRow[]> {
    const where = scoped(q);
    if (q.queue) queueSql(where, q.queue, q.me ?? '');
    else where.and('t.status = ?', q.status ?? 'open');
    if (q.overdue === true) where.and(OVERDUE_NOW);
    if (q.overdue === false) where.and(`NOT ${OVERDUE_NOW}`);
    if (q.after) where.and(`(coalesce(t.due_at, 'infinity'::timestamptz), t.id) > (?::timestamptz, ?)`, q.after.at, q.after.id);
    return this.db.query(
      `SELECT ${TASK_COLUMNS} FROM task t JOIN application a ON a.id = t.application_id ${where.toSql()}
        ORDER BY coalesce(t.due_at, 'infinity'::timestamptz) ASC, t.id ASC LIMIT ${where.param(q.limit)}`,
      where.params,
    );
  }

  /** How many tasks each queue holds under the same scope and filters: one indexed count a queue, in one statement. */
  async counts(q: TaskScope & TaskFilters & { me: string }): Promise<QueueCounts> {
    const params: unknown[] = [];
    const selects = QUEUES.map((queue) => {
      const where = scoped(q, params);
      queueSql(where, queue, q.me);
      return `(SELECT count(*)::int FROM task t ${where.toSql()}) AS ${queue}`;
    });
    const rows: QueueCounts[] = await this.db.query(`SELECT ${selects.join(', ')}`, params);
    return rows[0];
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
