// In-memory stand-ins for the repositories and the workflow gateway, for the services' unit specs.
// Integration tests (test/e2e) run the same services on PostgreSQL and Temporal.
import type { ApplicationView, AssignArgs, ClaimArgs, DecideArgs, PermitInput, ResubmitArgs, TaskView, WithdrawArgs } from '../../../../workflows/messages';
import type { ApplicationListRow, ApplicationQuery, ApplicationRow, ApplicationsRepository } from '../applications/applications.repository';
import { NotFoundError } from '../common/errors';
import type { Office, OfficesRepository } from '../offices/offices.repository';
import { OfficesService } from '../offices/offices.service';
import type { OutletSession } from '../offices/opening';
import type { OutletSessionsRepository } from '../offices/outlet-sessions.repository';
import { OutletSessionsService } from '../offices/outlet-sessions.service';
import { CatalogService } from '../permit-types/catalog.service';
import type { ApplicationWorkflows } from '../temporal/application-workflows';
import { ApplicationsService } from '../applications/applications.service';

export function aTask(overrides: Partial<TaskView> = {}): TaskView {
  return {
    id: 'APP.verify.1',
    stepId: 'verify',
    stepName: 'Verifikasi',
    agency: 'DINKES',
    officeId: 'prov-31',
    role: 'officer',
    attempt: 1,
    status: 'open',
    assignedAt: '2025-03-03T01:00:00.000Z',
    dueAt: '2025-03-05T09:00:00.000Z',
    overdue: false,
    businessMinutesUsed: 0,
    deadlineMinutes: 900,
    escalations: [],
    ...overrides,
  };
}

export function aView(overrides: Partial<ApplicationView> = {}): ApplicationView {
  return {
    id: '0123456789ABCDEFGHJKMNPQ',
    trackingCode: 'AAAA-BBBB-CCCC',
    permitType: 'SIP_DOKTER',
    definitionVersion: 1,
    status: 'in_review',
    deemedGranted: false,
    submittedBy: 'kiosk-gambir',
    receivingOfficeId: 'kel-31.71.01.1001',
    location: { kelurahanCode: '31.71.01.1001', address: 'Jl. Kebon Sirih No. 22' },
    submittedAt: '2025-03-03T01:00:00.000Z',
    dueAt: null,
    applicantDueAt: null,
    decidedAt: null,
    openTasks: [],
    tasks: [],
    timeline: [],
    revision: 1,
    ...overrides,
  };
}

/** The offices of one kelurahan's chain, up to the province, and an outlet. */
export const OFFICES: Office[] = [
  { id: 'prov-31', name: 'PTSP Provinsi DKI Jakarta', type: 'province', areaCode: '31', parentId: null, address: null, schedule: null },
  { id: 'kota-31.71', name: 'PTSP Jakarta Pusat', type: 'city', areaCode: '31.71', parentId: 'prov-31', address: null, schedule: null },
  { id: 'kec-31.71.01', name: 'PTSP Kecamatan Gambir', type: 'kecamatan', areaCode: '31.71.01', parentId: 'kota-31.71', address: null, schedule: null },
  { id: 'kel-31.71.01.1001', name: 'PTSP Kelurahan Gambir', type: 'kelurahan', areaCode: '31.71.01.1001', parentId: 'kec-31.71.01', address: null, schedule: null },
  // An outlet open on Tuesday mornings only.
  { id: 'outlet-gambir', name: 'Gerai PTSP Stasiun Gambir', type: 'outlet', areaCode: '31.71.01', parentId: 'kec-31.71.01', address: null, schedule: { tue: [['08:00', '09:00']] } },
];

export function fakeOffices(offices: Office[] = OFFICES): OfficesRepository {
  return { all: async () => offices } as Pick<OfficesRepository, 'all'> as OfficesRepository;
}

async function loadedOffices(): Promise<OfficesService> {
  const service = new OfficesService(fakeOffices());
  await service.reload();
  return service;
}

/** Outlet sessions and filings kept in memory. */
export class FakeOutletSessions implements Pick<OutletSessionsRepository, 'list' | 'recordFiling' | 'filing'> {
  readonly sessions: OutletSession[] = [];
  readonly filings = new Map<string, { outsideOpeningHours: boolean; sessionId: string | null }>();

  async list(q: { officeId?: string; from: string; to: string }) {
    return this.sessions.filter((s) => (!q.officeId || s.officeId === q.officeId) && s.date >= q.from && s.date <= q.to);
  }

  async recordFiling(f: { applicationId: string; outsideOpeningHours: boolean; sessionId: string | null }) {
    if (!this.filings.has(f.applicationId)) this.filings.set(f.applicationId, { outsideOpeningHours: f.outsideOpeningHours, sessionId: f.sessionId });
    return this.filings.get(f.applicationId)!;
  }

  async filing(applicationId: string) {
    return this.filings.get(applicationId);
  }

  as(): OutletSessionsRepository {
    return this as unknown as OutletSessionsRepository;
  }
}

/** An ApplicationsService over fakes (the real catalogue, the offices of OFFICES), with the fakes to arrange and inspect. */
export async function applicationsOverFakes(now?: () => Date) {
  const repository = new FakeApplicationsRepository();
  const workflows = new FakeWorkflows();
  const offices = await loadedOffices();
  const sessions = new FakeOutletSessions();
  const sut = new ApplicationsService(repository.as(), workflows.as(), new CatalogService(), offices, new OutletSessionsService(sessions.as(), offices), undefined, now);
  return { sut, repository, workflows, sessions };
}

/** The read model's applications, and the queries the service sent. */
export class FakeApplicationsRepository implements Pick<ApplicationsRepository, 'findById' | 'findByTrackingCode' | 'list'> {
  readonly rows = new Map<string, ApplicationRow>();
  readonly queries: ApplicationQuery[] = [];
  /** What list() answers, in order. */
  listed: ApplicationListRow[] = [];

  async findById(id: string) {
    return this.rows.get(id);
  }

  async findByTrackingCode(code: string) {
    const row = [...this.rows.values()].find((r) => r.view.trackingCode === code);
    return row && { ...row, id: row.view.id };
  }

  async list(q: ApplicationQuery) {
    this.queries.push(q);
    return this.listed.slice(0, q.limit);
  }

  as(): ApplicationsRepository {
    return this as unknown as ApplicationsRepository;
  }
}

/** Workflows that exist only in memory: views by application id, and every Update sent. */
type UpdateName = 'decide' | 'resubmit' | 'withdraw' | 'claim' | 'unclaim' | 'assign';
type UpdateArgs = DecideArgs | ResubmitArgs | WithdrawArgs | ClaimArgs | AssignArgs;

export class FakeWorkflows implements Pick<ApplicationWorkflows, 'start' | 'view' | 'dossier' | 'decide' | 'resubmit' | 'withdraw' | 'claim' | 'unclaim' | 'assign'> {
  readonly started = new Map<string, PermitInput>();
  readonly views = new Map<string, ApplicationView>();
  readonly updates: Array<{ name: UpdateName; applicationId: string; updateId: string; args: UpdateArgs }> = [];
  /** Thrown by the next Update instead of answering, when set. */
  refuseNextWith?: Error;

  async start(_workflowType: string, input: PermitInput) {
    if (this.started.has(input.applicationId)) return false;
    this.started.set(input.applicationId, input);
    return true;
  }

  async view(applicationId: string) {
    const view = this.views.get(applicationId);
    if (!view) throw new NotFoundError('Application', `No application ${applicationId} is visible to this token.`);
    return view;
  }

  /** The data and documents of an application this fake started. */
  async dossier(applicationId: string) {
    const input = this.started.get(applicationId);
    if (!input) throw new NotFoundError('Application', `No application ${applicationId}.`);
    return { data: input.data, documents: input.documents, resubmissions: [] };
  }

  // Each Update is recorded in `updates` and answers the current view, unless a refusal was queued.
  readonly decide = this.updater<DecideArgs>('decide');
  readonly resubmit = this.updater<ResubmitArgs>('resubmit');
  readonly withdraw = this.updater<WithdrawArgs>('withdraw');
  readonly claim = this.updater<ClaimArgs>('claim');
  readonly unclaim = this.updater<ClaimArgs>('unclaim');
  readonly assign = this.updater<AssignArgs>('assign');

  as(): ApplicationWorkflows {
    return this as unknown as ApplicationWorkflows;
  }

  private updater<A extends UpdateArgs>(name: UpdateName) {
    return async (applicationId: string, updateId: string, args: A) => {
      const refusal = this.refuseNextWith;
      this.refuseNextWith = undefined;
      if (refusal) throw refusal;
      this.updates.push({ name, applicationId, updateId, args });
      return this.view(applicationId);
    };
  }
}
