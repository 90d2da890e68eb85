import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../../libs/auth/token';
import { decideUpdate, parseTaskId, Refusal, workflowIdOf } from '../../../../workflows/messages';
import { maySee, overdueSql } from '../../../../libs/domain';
import { ApplicationsService } from '../applications/applications.service';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { problems } from '../common/problem';
import { isRefusal, toProblem, updateIdOf } from '../temporal/workflow-errors';
import { DecisionDto } from './dto/decision.dto';

export interface InboxFilter {
  agency?: string;
  status?: string;
  overdue?: boolean;
  cursor?: string;
  limit: number;
}

type TaskRow = Record<string, unknown> & { id: string; agency: string; officeId: string; due_at: Date | number | null };

const TASK_COLUMNS = `t.id, t.application_id AS "applicationId", a.tracking_code AS "trackingCode", a.permit_type AS "permitType",
  t.step_id AS "stepId", t.step_name AS "stepName", t.attempt, t.agency, t.office_id AS "officeId", t.role, t.status,
  t.assigned_at AS "assignedAt", t.due_at AS "dueAt", t.due_at, t.decided_at AS "decidedAt", t.decided_by AS "decidedBy",
  ${overdueSql('t')} AS overdue`;

const present = ({ due_at: _d, ...r }: TaskRow) => r;

@Injectable()
export class TasksService {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: Client,
    private readonly applications: ApplicationsService,
  ) {}

  /** An agency's inbox, most urgent first. Approvers see only their own agency (and office, when their token names one). */
  async inbox(principal: Principal, f: InboxFilter) {
    if (principal.role === 'approver' && f.agency && f.agency !== principal.agency) {
      throw problems.forbidden(`your token is for ${principal.agency}; you can only read its inbox`);
    }
    const agency = principal.role === 'approver' ? principal.agency : f.agency;
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      let i = 0;
      where.push(sql.replace(/\?/g, () => `$${params.push(values[i++])}`));
    };
    if (agency) add('t.agency = ?', agency);
    if (principal.role === 'approver' && principal.office) add('t.office_id = ?', principal.office);
    add('t.status = ?', f.status ?? 'open');
    if (f.overdue === true) where.push(overdueSql('t'));
    if (f.overdue === false) where.push(`NOT ${overdueSql('t')}`);
    if (f.cursor) {
      const c = decodeCursor(f.cursor);
      add(`(coalesce(t.due_at, 'infinity'::timestamptz), t.id) > (?::timestamptz, ?)`, c.at, c.id);
    }
    params.push(f.limit + 1);
    const rows: TaskRow[] = await this.db.query(
      `SELECT ${TASK_COLUMNS} FROM task t JOIN application a ON a.id = t.application_id
        WHERE ${where.join(' AND ')}
        ORDER BY coalesce(t.due_at, 'infinity'::timestamptz) ASC, t.id ASC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    const at = (d: TaskRow['due_at']) => (d instanceof Date ? d.toISOString() : 'infinity');
    return {
      items: page.map(present),
      nextCursor: rows.length > f.limit && last ? encodeCursor({ at: at(last.due_at), id: last.id }) : null,
    };
  }

  /** One task. A task of another agency (or office) answers exactly like one that does not exist. */
  async get(principal: Principal, taskId: string) {
    const notFound = problems.notFound('Task', `No task ${taskId} is visible to this token.`);
    if (!parseTaskId(taskId)) throw notFound;
    const rows: TaskRow[] = await this.db.query(`SELECT ${TASK_COLUMNS} FROM task t JOIN application a ON a.id = t.application_id WHERE t.id = $1`, [taskId]);
    const row = rows[0];
    if (!row || (principal.role === 'approver' && !maySee(principal, row))) throw notFound;
    return present(row);
  }

  /** A decision is a Temporal Update: the workflow's validator refuses a wrong agency or a closed step, leaving no trace. */
  async decide(principal: Principal, taskId: string, dto: DecisionDto, request: { idempotencyKey: string; requestId?: string }) {
    const parsed = parseTaskId(taskId);
    if (!parsed) throw problems.notFound('Task', `No task ${taskId}: task ids look like <applicationId>.<stepId>.<attempt>, as listed by GET /v1/tasks.`);
    try {
      const view = await this.temporal.workflow.getHandle(workflowIdOf(parsed.applicationId)).executeUpdate(decideUpdate, {
        updateId: updateIdOf('decision', principal.sub, request.idempotencyKey),
        args: [{ taskId, decision: dto.decision, note: dto.note, actor: { sub: principal.sub, role: principal.role, agency: principal.agency, office: principal.office }, requestId: request.requestId }],
      });
      return this.applications.present(view);
    } catch (err) {
      if (isRefusal(err, Refusal.TaskNotFound) && (await this.known(taskId))) {
        // The read model can be a moment ahead of the workflow: its projections run inside the workflow
        // task, and a workflow task lost with a crashed Temporal server is redone. The task comes back.
        throw problems.unavailable(`Task ${taskId} is being restored after a restart of the workflow service; retry in a few seconds with the same Idempotency-Key.`);
      }
      throw toProblem(err, `No task ${taskId}.`) ?? err;
    }
  }

  private async known(taskId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM task WHERE id = $1`, [taskId]);
    return rows.length > 0;
  }
}
