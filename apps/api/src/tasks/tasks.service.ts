import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/auth/token';
import { type Applicant, type Dossier, parseTaskId } from '../../../../workflows/messages';
import { mayDecide, maySee } from '../../../../libs/domain';
import { ApplicationResponse, ApplicationsService, WriteRequest } from '../applications/applications.service';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { ForbiddenError, NotFoundError, UnavailableError } from '../common/errors';
import { ApplicationWorkflows } from '../temporal/application-workflows';
import { updateIdOf } from '../temporal/workflow-errors';
import { DecisionDto } from './dto/decision.dto';
import { TaskRow, TasksRepository } from './tasks.repository';

/** A task as read by one of its holders: with what it takes to decide it. */
export type TaskResponse = TaskRow & { application?: Dossier & { applicant: Applicant } };

export interface InboxFilter {
  agency?: string;
  status?: string;
  overdue?: boolean;
  cursor?: string;
  limit: number;
}

@Injectable()
export class TasksService {
  constructor(
    private readonly repository: TasksRepository,
    private readonly workflows: ApplicationWorkflows,
    private readonly applications: ApplicationsService,
  ) {}

  /** An agency's inbox, most urgent first. Approvers see only their own agency (and office, when their token names one). */
  async inbox(principal: Principal, f: InboxFilter): Promise<{ items: TaskRow[]; nextCursor: string | null }> {
    if (principal.role === 'approver' && f.agency && f.agency !== principal.agency) {
      throw new ForbiddenError(`your token is for ${principal.agency}; you can only read its inbox`);
    }
    const after = f.cursor ? decodeCursor(f.cursor) : undefined;
    const rows = await this.repository.inbox({
      agency: principal.role === 'approver' ? principal.agency : f.agency,
      officeId: principal.role === 'approver' ? principal.office || undefined : undefined,
      status: f.status ?? 'open',
      overdue: f.overdue,
      after: after && { at: after.at, id: after.id },
      limit: f.limit + 1,
    });
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor: rows.length > f.limit && last ? encodeCursor({ at: last.dueAt?.toISOString() ?? 'infinity', id: last.id }) : null,
    };
  }

  /**
   * One task. A task of another agency (or office) answers exactly like one that does not exist. The
   * holders of an open task (its agency, and its office for territorial steps) also get what they need
   * to decide it: the application's data, documents and applicant identity; each such read is
   * appended to the audit log before it is answered, so no personal data leaves unrecorded.
   */
  async get(principal: Principal, taskId: string, requestId?: string): Promise<TaskResponse> {
    const notFound = new NotFoundError('Task', `No task ${taskId} is visible to this token.`);
    if (!parseTaskId(taskId)) throw notFound;
    const row = await this.repository.findById(taskId);
    if (!row || (principal.role === 'approver' && !maySee(principal, row))) throw notFound;
    if (principal.role !== 'approver' || row.status !== 'open' || !mayDecide(principal, row)) return row;
    const [dossier, owner] = await Promise.all([this.workflows.dossier(row.applicationId), this.repository.applicantOf(row.applicationId)]);
    if (!owner) throw notFound;
    await this.repository.recordPersonalDataRead({
      applicationId: row.applicationId,
      taskId: row.id,
      stepId: row.stepId,
      actor: principal.sub,
      agency: row.agency,
      status: owner.status,
      requestId,
    });
    return { ...row, application: { data: dossier.data, documents: dossier.documents, applicant: owner.applicant } };
  }

  /** A decision is a Temporal Update: the workflow's validator refuses a wrong agency or a closed step, leaving no trace. */
  async decide(principal: Principal, taskId: string, dto: DecisionDto, request: WriteRequest): Promise<ApplicationResponse> {
    const parsed = parseTaskId(taskId);
    if (!parsed) throw new NotFoundError('Task', `No task ${taskId}: task ids look like <applicationId>.<stepId>.<attempt>, as listed by GET /v1/tasks.`);
    try {
      const view = await this.workflows.decide(parsed.applicationId, updateIdOf('decision', principal.sub, request.idempotencyKey), {
        taskId,
        decision: dto.decision,
        note: dto.note,
        actor: { sub: principal.sub, role: principal.role, agency: principal.agency, office: principal.office, position: principal.position },
        requestId: request.requestId,
      });
      return this.applications.present(view);
    } catch (err) {
      if (err instanceof NotFoundError && err.resource === 'Task' && (await this.repository.exists(taskId))) {
        // The read model can be a moment ahead of the workflow: its projections run inside the workflow
        // task, and a workflow task lost with a crashed Temporal server is redone. The task comes back.
        throw new UnavailableError(`Task ${taskId} is being restored after a restart of the workflow service; retry in a few seconds with the same Idempotency-Key.`);
      }
      throw err;
    }
  }
}
