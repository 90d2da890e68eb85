import { correctedData, isOverdue, maySee } from '../../../../libs/domain';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Principal } from '../../../../libs/auth/token';
import { BusinessCalendar, type CalendarSource, fixedCalendar } from '../../../../libs/calendar';
import { CALENDAR_SOURCE } from '../calendar/calendar.provider';
import { workflowTypeOf } from '../../../../libs/permit-dsl/definition';
import type { Actor, Applicant, ApplicationView, PermitInput } from '../../../../workflows/messages';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { NotFoundError } from '../common/errors';
import type { WriteRequest } from '../common/request-context';
import { OfficesService } from '../offices/offices.service';
import { OutletSessionsService } from '../offices/outlet-sessions.service';
import { CatalogService } from '../permit-types/catalog.service';
import { ApplicationWorkflows } from '../temporal/application-workflows';
import { updateIdOf } from '../temporal/workflow-errors';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationSort, ListApplicationsQueryDto } from './dto/list-applications.query';
import { ResubmitDto, SubmitApplicationDto, WithdrawDto } from './dto/submit-application.dto';
import { applicationIdsFor } from './ids';

export type ApplicationResponse = ApplicationView & { applicant?: Applicant; filing?: { outsideOpeningHours: boolean; outletSessionId: string | null } };

export type ListFilter = ListApplicationsQueryDto & { limit: number };

const ID_PATTERN = /^[0-9A-Z]{24}$/;

/** The current time, replaceable in tests. */
export const NOW = Symbol('NOW');

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly repository: ApplicationsRepository,
    private readonly workflows: ApplicationWorkflows,
    private readonly catalog: CatalogService,
    private readonly offices: OfficesService,
    private readonly outletSessions: OutletSessionsService,
    @Optional() @Inject(CALENDAR_SOURCE) private readonly calendar: CalendarSource = fixedCalendar(new BusinessCalendar()),
    @Optional() @Inject(NOW) private readonly now: () => Date = () => new Date(),
  ) {}

  async submit(principal: Principal, dto: SubmitApplicationDto, request: WriteRequest): Promise<{ created: boolean; application: ApplicationResponse }> {
    const def = this.catalog.require(dto.permitType);
    this.catalog.validateData(def, dto.data);
    const receiving = this.offices.requireReceiving(dto.receivingOfficeId);
    const jurisdiction = this.offices.jurisdictionOf(dto.location.kelurahanCode);
    const { applicationId, trackingCode } = applicationIdsFor(principal.sub, request.idempotencyKey);
    const calendar = await this.calendar.current();
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
      requestId: request.requestId,
      // The working calendar of today: the engine plans the first deadlines with it, no calendar activity needed.
      calendar: calendar.snapshotAround(this.now()),
    };
    // An outlet outside its schedule and sessions still takes the application, flagged (docs/api.md, Outlets
    // and opening hours). Recorded before the start and keyed by application id: a retry keeps the first
    // record. Other offices take filings at any hour (integrators file online): nothing to record.
    const outlet = receiving.type === 'outlet';
    const filing = outlet ? await this.outletSessions.recordFiling(receiving, applicationId, this.now()) : undefined;
    // The workflow id derives from (caller, key): the same submission again finds the application it started.
    if (!(await this.workflows.start(workflowTypeOf(def), input))) return { created: false, application: await this.get(principal, applicationId) };
    return { created: true, application: { ...this.provisionalView(input), applicant: input.applicant, ...(filing ? { filing } : {}) } };
  }

  /** The admin-run calendar's revision now: decisions carry it to the engine (docs/calendar.md). */
  calendarRevision(): Promise<number> {
    return this.calendar.revision();
  }

  /** What the caller can know right after the start, before the engine assigns the first steps. */
  private provisionalView(input: PermitInput): ApplicationView {
    const now = this.now().toISOString();
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
    const notFound = new NotFoundError('Application', `No application ${id} is visible to this token.`);
    if (!ID_PATTERN.test(id)) throw notFound;
    const row = await this.repository.findById(id);
    const view = row?.view ?? (await this.workflows.view(id));
    // Someone else's application answers exactly like one that does not exist: ids cannot be probed.
    if (!this.sees(principal, view)) throw notFound;
    const filing = await this.outletSessions.filingOf(id);
    return { ...this.present(view, principal.role === 'approver' ? undefined : (row?.applicant ?? undefined)), ...(filing ? { filing } : {}) };
  }

  private sees(principal: Principal, view: ApplicationView): boolean {
    if (principal.role === 'integrator') return view.submittedBy === principal.sub;
    if (principal.role === 'approver') return view.tasks.some((t) => maySee(principal, t));
    return true;
  }

  /** The view as answered: a task whose due time has passed is overdue even before the workflow marks it. */
  present(view: ApplicationView, applicant?: Applicant): ApplicationResponse {
    const now = this.now().getTime();
    const mark = <T extends { status: string; dueAt: string | null; overdue: boolean }>(t: T): T => ({
      ...t,
      overdue: isOverdue(t, now),
    });
    return { ...view, openTasks: view.openTasks.map(mark), tasks: view.tasks.map(mark), ...(applicant ? { applicant } : {}) };
  }

  async list(principal: Principal, f: ListFilter): Promise<{ items: ApplicationResponse[]; nextCursor: string | null }> {
    const sort: ApplicationSort = f.sort ?? '-submittedAt';
    const after = f.cursor ? decodeCursor(f.cursor, sort) : undefined;
    const rows = await this.repository.list({
      submittedBy: principal.role === 'integrator' ? principal.sub : undefined,
      withTaskOf: principal.role === 'approver' ? { agency: principal.agency!, office: principal.office } : undefined,
      status: f.status,
      permitType: f.permitType,
      receivingOfficeId: f.office,
      submittedFrom: f.submittedFrom,
      submittedTo: f.submittedTo,
      sort,
      after: after && { at: after.at, id: after.id },
      limit: f.limit + 1,
    });
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => this.present(r.view, principal.role === 'approver' ? undefined : (r.applicant ?? undefined))),
      nextCursor: rows.length > f.limit && last ? encodeCursor({ at: last.sortKey, id: last.id, sort }) : null,
    };
  }

  // Resubmit and withdraw go straight to the workflow, which refuses them on a closed application: a
  // retry of one that already succeeded gets its first answer back from Temporal (same Update id).
  //
  // Corrected data is checked here, against the schema of the application's own definition version,
  // as the data stands in the workflow with the corrections applied; the workflow applies the same
  // corrections (a second resubmission is refused until another revision is requested, so the data
  // cannot move in between).
  async resubmit(principal: Principal, id: string, dto: ResubmitDto, request: WriteRequest): Promise<ApplicationResponse> {
    const current = await this.get(principal, id);
    if (dto.data) {
      const def = this.catalog.require(current.permitType, current.definitionVersion);
      const { data } = await this.workflows.dossier(id);
      this.catalog.validateData(def, correctedData(data, dto.data));
    }
    const view = await this.workflows.resubmit(id, updateIdOf('resubmit', principal.sub, request.idempotencyKey), {
      note: dto.note,
      ...(dto.data ? { data: dto.data } : {}),
      documents: dto.documents,
      actor: actorOf(principal),
      requestId: request.requestId,
      calendarRevision: await this.calendar.revision(),
    });
    return this.present(view, current.applicant);
  }

  async withdraw(principal: Principal, id: string, dto: WithdrawDto, request: WriteRequest): Promise<ApplicationResponse> {
    const current = await this.get(principal, id);
    const view = await this.workflows.withdraw(id, updateIdOf('withdraw', principal.sub, request.idempotencyKey), {
      reason: dto.reason,
      actor: actorOf(principal),
      requestId: request.requestId,
    });
    return this.present(view, current.applicant);
  }
}

function actorOf(principal: Principal): Actor {
  return { sub: principal.sub, role: principal.role };
}
