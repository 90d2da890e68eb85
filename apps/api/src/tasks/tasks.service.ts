import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Principal } from '../../../../libs/auth/token';
import { BusinessCalendar, type CalendarSource, fixedCalendar } from '../../../../libs/calendar';
import { CALENDAR_SOURCE } from '../calendar/calendar.provider';
import { type Actor, type Applicant, type ApplicationView, type Dossier, parseTaskId } from '../../../../workflows/messages';
import { DUE_SOON_BUSINESS_MINUTES, type DueWindow, dueWindowOf, mayDecide, maySee } from '../../../../libs/domain';
import { ApplicationResponse, ApplicationsService, NOW } from '../applications/applications.service';
import type { WriteRequest } from '../common/request-context';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { ForbiddenError, NotFoundError, UnavailableError } from '../common/errors';
import { ApplicationWorkflows } from '../temporal/application-workflows';
import { updateIdOf } from '../temporal/workflow-errors';
import { DecisionDto } from './dto/decision.dto';
import { type Queue, type QueueCounts, type TaskFilters, TaskRow, type TaskScope, TasksRepository } from './tasks.repository';

/** A task as listed: with its due window and the business minutes left until its due time (negative once past). */
export type ListedTask = TaskRow & { dueWindow: DueWindow; businessMinutesLeft: number | null };

/** A task as read by one of its holders: with what it takes to decide it. */
export type TaskResponse = ListedTask & { application?: Dossier & { applicant: Applicant } };

export interface QueueFilter {
  permitType?: string;
  step?: string;
  office?: string;
  due?: DueWindow;
}

export interface InboxFilter extends QueueFilter {
  agency?: string;
  status?: string;
  queue?: Queue;
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
    @Optional() @Inject(CALENDAR_SOURCE) calendar: BusinessCalendar | CalendarSource = new BusinessCalendar(),
    @Optional() @Inject(NOW) private readonly now: () => Date = () => new Date(),
  ) {
    this.calendars = calendar instanceof BusinessCalendar ? fixedCalendar(calendar) : calendar;
  }

  /** The admin-run calendar (docs/calendar.md): business time left counts the office's own closed days. */
  private readonly calendars: CalendarSource;

  /**
   * An agency's inbox, most urgent first: one queue (mine, unclaimed, open, done) or, without one, the
   * tasks of a status. Approvers see only their own agency (and office, when their token names one).
   */
  async inbox(principal: Principal, f: InboxFilter): Promise<{ items: ListedTask[]; nextCursor: string | null }> {
    if (principal.role === 'approver' && f.agency && f.agency !== principal.agency) {
      throw new ForbiddenError(`your token is for ${principal.agency}; you can only read its inbox`);
    }
    const after = f.cursor ? decodeCursor(f.cursor) : undefined;
    const now = this.now();
    const calendar = await this.calendars.current();
    const rows = await this.repository.inbox({
      ...this.scopeOf(principal, f),
      ...this.filtersOf(f, now, calendar),
      ...(f.queue ? { queue: f.queue, me: principal.sub } : { status: f.status ?? 'open' }),
      overdue: f.overdue,
      after: after && { at: after.at, id: after.id },
      limit: f.limit + 1,
    });
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => this.listed(r, now, calendar)),
      nextCursor: rows.length > f.limit && last ? encodeCursor({ at: last.dueAt?.toISOString() ?? 'infinity', id: last.id }) : null,
    };
  }

  /** How many tasks each queue holds, with the same filters as the list. */
  async counts(principal: Principal, f: QueueFilter & { agency?: string }): Promise<QueueCounts> {
    if (principal.role === 'approver' && f.agency && f.agency !== principal.agency) {
      throw new ForbiddenError(`your token is for ${principal.agency}; you can only count its inbox`);
    }
    return this.repository.counts({ ...this.scopeOf(principal, f), ...this.filtersOf(f, this.now(), await this.calendars.current()), me: principal.sub });
  }

  /** An approver's scope is its agency, and its office when its token names one: an office filter may only narrow it. */
  private scopeOf(principal: Principal, f: { agency?: string; office?: string }): TaskScope {
    if (principal.role !== 'approver') return { agency: f.agency, officeId: f.office };
    if (principal.office && f.office && f.office !== principal.office) {
      throw new ForbiddenError(`your token is for office ${principal.office}; you can only read its tasks (leave office out, or name ${principal.office})`);
    }
    return { agency: principal.agency, officeId: principal.office || f.office };
  }

  private filtersOf(f: QueueFilter, now: Date, calendar: BusinessCalendar): TaskFilters {
    return { permitType: f.permitType, stepId: f.step, due: f.due, soonUntil: this.soonUntil(now, calendar).toISOString() };
  }

  /** Where "due soon" ends: one business day from now, on the province's business calendar. */
  private soonUntil(now: Date, calendar: BusinessCalendar): Date {
    return calendar.addBusinessMinutes(now, DUE_SOON_BUSINESS_MINUTES);
  }

  private listed(row: TaskRow, now: Date, province: BusinessCalendar): ListedTask {
    const calendar = province.forOffice(row.officeId);
    const facts = { status: row.status, dueAt: row.dueAt?.toISOString() ?? null, overdue: row.overdue };
    const due = row.dueAt;
    let businessMinutesLeft: number | null = null;
    if (due && row.status === 'open') {
      businessMinutesLeft = due > now ? calendar.businessMinutesBetween(now, due) : -calendar.businessMinutesBetween(due, now);
      businessMinutesLeft = Math.round(businessMinutesLeft);
    }
    return { ...row, dueWindow: dueWindowOf(facts, now.getTime(), this.soonUntil(now, province).getTime()), businessMinutesLeft };
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
    const found = await this.repository.findById(taskId);
    if (!found || (principal.role === 'approver' && !maySee(principal, found))) throw notFound;
    const row = this.listed(found, this.now(), await this.calendars.current());
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
    // A worker of an earlier release answers the query without resubmissions.
    const resubmissions = dossier.resubmissions ?? [];
    return { ...row, application: { data: dossier.data, documents: dossier.documents, resubmissions, applicant: owner.applicant } };
  }

  /** A decision is a Temporal Update: the workflow's validator refuses a wrong agency, a closed step or another officer's claim, leaving no trace. */
  async decide(principal: Principal, taskId: string, dto: DecisionDto, request: WriteRequest): Promise<ApplicationResponse> {
    const calendarRevision = await this.applications.calendarRevision();
    return this.update(
      taskId,
      (applicationId, actor) =>
        this.workflows.decide(applicationId, updateIdOf('decision', principal.sub, request.idempotencyKey), { taskId, decision: dto.decision, note: dto.note, actor, requestId: request.requestId, calendarRevision }),
      principal,
    );
  }

  /** Claims the open task for the caller: other officers' claims and decisions on it are refused until it is released. */
  async claim(principal: Principal, taskId: string, note: string | undefined, request: WriteRequest): Promise<ApplicationResponse> {
    return this.update(taskId, (applicationId, actor) => this.workflows.claim(applicationId, updateIdOf('claim', principal.sub, request.idempotencyKey), { taskId, actor, note, requestId: request.requestId }), principal);
  }

  /** Releases the claim: by the officer who holds it, or by a head of the task's agency (and office). */
  async unclaim(principal: Principal, taskId: string, note: string | undefined, request: WriteRequest): Promise<ApplicationResponse> {
    return this.update(taskId, (applicationId, actor) => this.workflows.unclaim(applicationId, updateIdOf('unclaim', principal.sub, request.idempotencyKey), { taskId, actor, note, requestId: request.requestId }), principal);
  }

  /** A head hands the open task to one officer, who then holds it as if claimed. */
  async assign(principal: Principal, taskId: string, officerId: string, request: WriteRequest): Promise<ApplicationResponse> {
    return this.update(
      taskId,
      (applicationId, actor) => this.workflows.assign(applicationId, updateIdOf('assign', principal.sub, request.idempotencyKey), { taskId, officerId, actor, requestId: request.requestId }),
      principal,
    );
  }

  private async update(taskId: string, send: (applicationId: string, actor: Actor) => Promise<ApplicationView>, principal: Principal): Promise<ApplicationResponse> {
    const parsed = parseTaskId(taskId);
    if (!parsed) throw new NotFoundError('Task', `No task ${taskId}: task ids look like <applicationId>.<stepId>.<attempt>, as listed by GET /v1/tasks.`);
    try {
      const actor: Actor = { sub: principal.sub, role: principal.role, agency: principal.agency, office: principal.office, position: principal.position };
      return this.applications.present(await send(parsed.applicationId, actor));
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
