import { Injectable, Optional } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../../libs/auth/token';
import { BusinessCalendar } from '../../../../libs/calendar';
import { isOverdue, maySee } from '../../../../libs/domain';
import { APP_CONFIG } from '../config.provider';
import { Inject } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/config';
import { workflowTypeOf } from '../../../../libs/permit-dsl/definition';
import { PermitTypeKey, ReceivingOfficeKey, TrackingCodeKey } from '../../../../libs/temporal/search-attributes';
import {
  Actor,
  Applicant,
  ApplicationView,
  PermitInput,
  resubmitUpdate,
  viewQuery,
  withdrawUpdate,
  workflowIdOf,
} from '../../../../workflows/messages';
import { problems } from '../common/problem';
import { CatalogService } from '../permit-types/catalog.service';
import { OfficesService } from '../offices/offices.service';
import { toProblem, updateIdOf } from '../temporal/workflow-errors';
import { applicationIdsFor } from './ids';
import { ResubmitDto, SubmitApplicationDto, WithdrawDto } from './dto/submit-application.dto';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { ApplicationSort, ListApplicationsQueryDto } from './dto/list-applications.query';

export type ApplicationResponse = ApplicationView & { applicant?: Applicant };

export type ListFilter = ListApplicationsQueryDto & { limit: number };

/** Sort keys of the list: the column, its direction, and the key written into the cursor. */
const SORTS: Record<ApplicationSort, { expr: string; dir: 'ASC' | 'DESC' }> = {
  '-submittedAt': { expr: 'submitted_at', dir: 'DESC' },
  submittedAt: { expr: 'submitted_at', dir: 'ASC' },
  dueAt: { expr: "coalesce(due_at, 'infinity'::timestamptz)", dir: 'ASC' },
  '-dueAt': { expr: "coalesce(due_at, 'infinity'::timestamptz)", dir: 'DESC' },
};

const ID_PATTERN = /^[0-9A-Z]{24}$/;

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly temporal: Client,
    private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly offices: OfficesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly calendar: BusinessCalendar = new BusinessCalendar(),
  ) {}

  async submit(principal: Principal, dto: SubmitApplicationDto, idempotencyKey: string, requestId?: string): Promise<{ created: boolean; application: ApplicationResponse }> {
    const def = this.catalog.require(dto.permitType);
    this.catalog.validateData(def, dto.data);
    const receiving = this.offices.requireReceiving(dto.receivingOfficeId);
    const jurisdiction = this.offices.jurisdictionOf(dto.location.kelurahanCode);
    const { applicationId, trackingCode } = applicationIdsFor(principal.sub, idempotencyKey);
    const input: PermitInput = {
      applicationId,
      trackingCode,
      permitType: def.code,
      definitionVersion: def.version,
      submittedBy: principal.sub,
      receivingOfficeId: receiving.id,
      applicant: { ...dto.applicant },
      location: { ...dto.location },
      jurisdiction,
      data: dto.data,
      documents: dto.documents.map((d) => ({ ...d })),
      requestId,
      // The working calendar of today: the engine plans the first deadlines with it, no calendar activity needed.
      calendar: this.calendar.snapshotAround(new Date()),
    };
    try {
      await this.temporal.workflow.start(workflowTypeOf(def), {
        workflowId: workflowIdOf(applicationId),
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: [
          { key: PermitTypeKey, value: def.code },
          { key: ReceivingOfficeKey, value: receiving.id },
          { key: TrackingCodeKey, value: trackingCode },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      return { created: false, application: await this.get(principal, applicationId) };
    }
    return { created: true, application: { ...this.provisionalView(input), applicant: input.applicant } };
  }

  /** What the caller can know right after the start, before the engine assigns the first steps. */
  private provisionalView(input: PermitInput): ApplicationView {
    const now = new Date().toISOString();
    return {
      id: input.applicationId,
      trackingCode: input.trackingCode,
      permitType: input.permitType,
      definitionVersion: input.definitionVersion,
      status: 'in_review',
      deemedGranted: false,
      submittedBy: input.submittedBy,
      receivingOfficeId: input.receivingOfficeId,
      location: input.location,
      submittedAt: now,
      dueAt: null,
      applicantDueAt: null,
      decidedAt: null,
      openTasks: [],
      tasks: [],
      timeline: [{ seq: 1, at: now, type: 'submitted', actor: input.submittedBy, role: 'integrator', statusBefore: 'in_review', statusAfter: 'in_review' }],
      revision: 0,
    };
  }

  /** The read model first; the workflow itself when the projection has not landed yet. */
  async get(principal: Principal, id: string): Promise<ApplicationResponse> {
    const notFound = problems.notFound('Application', `No application ${id} is visible to this token.`);
    if (!ID_PATTERN.test(id)) throw notFound;
    const rows: Array<{ view: ApplicationView; applicant: Applicant }> = await this.db.query(`SELECT view, applicant FROM application WHERE id = $1`, [id]);
    let view: ApplicationView;
    let applicant: Applicant | undefined;
    if (rows.length > 0) {
      ({ view, applicant } = rows[0]);
    } else {
      try {
        view = await this.temporal.workflow.getHandle(workflowIdOf(id)).query(viewQuery);
      } catch (err) {
        throw toProblem(err, `No application ${id} is visible to this token.`) ?? err;
      }
    }
    // Someone else's application answers exactly like one that does not exist: ids cannot be probed.
    if (principal.role === 'integrator' && view.submittedBy !== principal.sub) throw notFound;
    if (principal.role === 'approver' && !view.tasks.some((t) => maySee(principal, t))) throw notFound;
    return this.present(view, principal.role === 'approver' ? undefined : applicant);
  }

  present(view: ApplicationView, applicant?: Applicant): ApplicationResponse {
    const now = Date.now();
    const mark = <T extends { status: string; dueAt: string | null; overdue: boolean }>(t: T): T => ({
      ...t,
      overdue: isOverdue(t, now),
    });
    return { ...view, openTasks: view.openTasks.map(mark), tasks: view.tasks.map(mark), ...(applicant ? { applicant } : {}) };
  }

  async list(principal: Principal, f: ListFilter): Promise<{ items: ApplicationResponse[]; nextCursor: string | null }> {
    const sortName: ApplicationSort = f.sort ?? '-submittedAt';
    const sort = SORTS[sortName];
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      let i = 0;
      where.push(sql.replace(/\?/g, () => `$${params.push(values[i++])}`));
    };
    if (principal.role === 'integrator') add('submitted_by = ?', principal.sub);
    if (principal.role === 'approver') {
      if (principal.office) add('EXISTS (SELECT 1 FROM task t WHERE t.application_id = application.id AND t.agency = ? AND t.office_id = ?)', principal.agency, principal.office);
      else add('EXISTS (SELECT 1 FROM task t WHERE t.application_id = application.id AND t.agency = ?)', principal.agency);
    }
    if (f.status) add('status = ?', f.status);
    if (f.permitType) add('permit_type = ?', f.permitType);
    if (f.office) add('receiving_office_id = ?', f.office);
    if (f.submittedFrom) add('submitted_at >= ?::timestamptz', f.submittedFrom);
    if (f.submittedTo) add('submitted_at < ?::timestamptz', f.submittedTo);
    if (f.cursor) {
      const c = decodeCursor(f.cursor, sortName);
      add(`(${sort.expr}, id) ${sort.dir === 'ASC' ? '>' : '<'} (?::timestamptz, ?)`, c.at, c.id);
    }
    params.push(f.limit + 1);
    const rows: Array<{ view: ApplicationView; applicant: Applicant; sort_key: Date | string; id: string }> = await this.db.query(
      `SELECT id, ${sort.expr} AS sort_key, view, applicant FROM application ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${sort.expr} ${sort.dir}, id ${sort.dir} LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    const at = (k: Date | string) => (k instanceof Date && Number.isFinite(k.getTime()) ? k.toISOString() : 'infinity');
    return {
      items: page.map((r) => this.present(r.view, principal.role === 'approver' ? undefined : r.applicant)),
      nextCursor: rows.length > f.limit && last ? encodeCursor({ at: at(last.sort_key), id: last.id, sort: sortName }) : null,
    };
  }

  // Resubmit and withdraw go straight to the workflow, which refuses them on a closed application: a
  // retry of one that already succeeded gets its first answer back from Temporal (same Update id).
  async resubmit(principal: Principal, id: string, dto: ResubmitDto, request: { idempotencyKey: string; requestId?: string }): Promise<ApplicationResponse> {
    const current = await this.get(principal, id);
    const actor: Actor = { sub: principal.sub, role: principal.role };
    try {
      const view = await this.temporal.workflow.getHandle(workflowIdOf(id)).executeUpdate(resubmitUpdate, {
        updateId: updateIdOf('resubmit', principal.sub, request.idempotencyKey),
        args: [{ note: dto.note, documents: dto.documents, actor, requestId: request.requestId }],
      });
      return this.present(view, current.applicant);
    } catch (err) {
      throw toProblem(err, `No application ${id}.`) ?? err;
    }
  }

  async withdraw(principal: Principal, id: string, dto: WithdrawDto, request: { idempotencyKey: string; requestId?: string }): Promise<ApplicationResponse> {
    const current = await this.get(principal, id);
    const actor: Actor = { sub: principal.sub, role: principal.role };
    try {
      const view = await this.temporal.workflow.getHandle(workflowIdOf(id)).executeUpdate(withdrawUpdate, {
        updateId: updateIdOf('withdraw', principal.sub, request.idempotencyKey),
        args: [{ reason: dto.reason, actor, requestId: request.requestId }],
      });
      return this.present(view, current.applicant);
    } catch (err) {
      throw toProblem(err, `No application ${id}.`) ?? err;
    }
  }
}
