import type { Principal } from '../../../../libs/auth/token';
import { decodeCursor } from '../common/cursor';
import { BusinessCalendar } from '../../../../libs/calendar';
import { ConflictError, ForbiddenError, NotFoundError, UnavailableError } from '../common/errors';
import { updateIdOf } from '../temporal/workflow-errors';
import { applicationsOverFakes, aView, FakeWorkflows } from '../testing/fakes';
import type { PermitInput } from '../../../../workflows/messages';
import { InboxQuery, PersonalDataRead, TaskRow, TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

const APP = '0123456789ABCDEFGHJKMNPQ';
const dinkes: Principal = { sub: 'officer-1', role: 'approver', agency: 'DINKES' };
const admin: Principal = { sub: 'admin-1', role: 'admin' };

function aRow(overrides: Partial<TaskRow> = {}): TaskRow {
  return {
    id: `${APP}.verify.1`,
    applicationId: APP,
    trackingCode: 'AAAA-BBBB-CCCC',
    permitType: 'SIP_DOKTER',
    stepId: 'verify',
    stepName: 'Verifikasi',
    attempt: 1,
    agency: 'DINKES',
    officeId: 'prov-31',
    role: 'officer',
    status: 'open',
    assignedAt: new Date('2025-03-03T01:00:00.000Z'),
    dueAt: new Date('2025-03-05T09:00:00.000Z'),
    decidedAt: null,
    decidedBy: null,
    overdue: false,
    claimedBy: null,
    claimedAt: null,
    escalationLevel: 0,
    escalationRung: null,
    ...overrides,
  };
}

/** The read model's tasks, and the inbox queries the service sent. */
class FakeTasksRepository implements Pick<TasksRepository, 'inbox' | 'counts' | 'findById' | 'exists' | 'applicantOf' | 'recordPersonalDataRead'> {
  rows: TaskRow[] = [];
  readonly queries: InboxQuery[] = [];
  readonly audit: PersonalDataRead[] = [];

  async applicantOf(_applicationId: string) {
    return { applicant: { nik: '3171011505900001', name: 'dr. Siti Rahayu', phone: '081234567890' }, status: 'in_review' };
  }

  async recordPersonalDataRead(read: PersonalDataRead) {
    this.audit.push(read);
  }

  async inbox(q: InboxQuery) {
    this.queries.push(q);
    return this.rows.slice(0, q.limit);
  }

  async counts(q: Parameters<TasksRepository['counts']>[0]) {
    this.queries.push({ ...q, limit: 0 });
    return { mine: 1, unclaimed: 2, open: 3, done: 4 };
  }

  async findById(id: string) {
    return this.rows.find((r) => r.id === id);
  }

  async exists(id: string) {
    return this.rows.some((r) => r.id === id);
  }
}

describe(TasksService.name, () => {
  let repository: FakeTasksRepository;
  let workflows: FakeWorkflows;
  let sut: TasksService;

  beforeEach(async () => {
    repository = new FakeTasksRepository();
    const applications = await applicationsOverFakes();
    workflows = applications.workflows;
    sut = new TasksService(repository as unknown as TasksRepository, workflows.as(), applications.sut);
  });

  describe('inbox', () => {
    it("shows an approver its own agency's open tasks, of its office when its token names one", async () => {
      await sut.inbox({ ...dinkes, office: 'kec-31.71.01' }, { limit: 20 });

      expect(repository.queries).toEqual([{ agency: 'DINKES', officeId: 'kec-31.71.01', status: 'open', soonUntil: expect.any(String), overdue: undefined, after: undefined, limit: 21 }]);
    });

    it("refuses an approver who asks for another agency's inbox", async () => {
      await expect(sut.inbox(dinkes, { agency: 'DCKTRP', limit: 20 })).rejects.toBeInstanceOf(ForbiddenError);
      expect(repository.queries).toEqual([]);
    });

    it("lets an admin read any agency's inbox, with its filters", async () => {
      await sut.inbox(admin, { agency: 'DCKTRP', status: 'approved', overdue: true, limit: 5 });

      expect(repository.queries[0]).toMatchObject({ agency: 'DCKTRP', officeId: undefined, status: 'approved', overdue: true });
    });

    it('continues after the last task of the page, a task without due time sorting last', async () => {
      repository.rows = [aRow({ id: `${APP}.a.1` }), aRow({ id: `${APP}.b.1`, dueAt: null }), aRow({ id: `${APP}.c.1`, dueAt: null })];

      const page = await sut.inbox(dinkes, { limit: 2 });
      await sut.inbox(dinkes, { limit: 2, cursor: page.nextCursor! });

      expect(decodeCursor(page.nextCursor!)).toEqual({ at: 'infinity', id: `${APP}.b.1`, sort: undefined });
      expect(repository.queries[1].after).toEqual({ at: 'infinity', id: `${APP}.b.1` });
    });
  });

  describe('get', () => {
    const id = `${APP}.verify.1`;
    const dossier = { data: { strNumber: 'STR-2024-778812' }, documents: [{ type: 'ktp', url: 'https://files.example.id/ktp.pdf', sha256: 'a'.repeat(64) }] };

    beforeEach(() => workflows.started.set(APP, { applicationId: APP, ...dossier } as unknown as PermitInput));

    it('answers a task of another agency or office exactly like one that does not exist', async () => {
      repository.rows = [aRow({ officeId: 'kec-31.71.01' })];

      await expect(sut.get(dinkes, id)).resolves.toMatchObject({ id });
      await expect(sut.get({ ...dinkes, agency: 'DCKTRP' }, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(sut.get({ ...dinkes, office: 'kec-31.71.02' }, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(sut.get(dinkes, 'not a task id')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('gives the holder of an open task the data, documents and applicant, and audits the read with its task and request', async () => {
      repository.rows = [aRow()];

      const task = await sut.get(dinkes, id, 'req-7');

      expect(task.application).toEqual({ ...dossier, resubmissions: [], applicant: { nik: '3171011505900001', name: 'dr. Siti Rahayu', phone: '081234567890' } });
      expect(repository.audit).toEqual([{ applicationId: APP, taskId: id, stepId: 'verify', actor: 'officer-1', agency: 'DINKES', status: 'in_review', requestId: 'req-7' }]);
    });

    it('gives no personal data, and audits nothing, to an admin or for a task that is no longer open', async () => {
      repository.rows = [aRow()];
      await expect(sut.get(admin, id)).resolves.not.toHaveProperty('application');
      repository.rows = [aRow({ status: 'approved' })];
      await expect(sut.get(dinkes, id)).resolves.not.toHaveProperty('application');
      expect(repository.audit).toEqual([]);
    });
  });

  describe('decide', () => {
    const taskId = `${APP}.verify.1`;

    beforeEach(() => workflows.views.set(APP, aView({ id: APP, revision: 2 })));

    it("sends the decision as an Update named by the approver's Idempotency-Key, with who decides", async () => {
      const app = await sut.decide({ ...dinkes, office: 'prov-31' }, taskId, { decision: 'approve', note: 'lengkap' }, { idempotencyKey: 'd-1', requestId: 'r-9' });

      expect(app).toMatchObject({ id: APP, revision: 2 });
      expect(workflows.updates).toEqual([
        {
          name: 'decide',
          applicationId: APP,
          updateId: updateIdOf('decision', 'officer-1', 'd-1'),
          args: { taskId, decision: 'approve', note: 'lengkap', actor: { sub: 'officer-1', role: 'approver', agency: 'DINKES', office: 'prov-31' }, requestId: 'r-9', calendarRevision: 0 },
        },
      ]);
    });

    it('refuses a malformed task id without an Update', async () => {
      await expect(sut.decide(dinkes, 'nope', { decision: 'approve' }, { idempotencyKey: 'd' })).rejects.toBeInstanceOf(NotFoundError);
      expect(workflows.updates).toEqual([]);
    });

    it('answers 503 (unavailable) for a task the read model shows but the workflow does not have again yet', async () => {
      repository.rows = [aRow({ id: taskId })];
      workflows.refuseNextWith = new NotFoundError('Task', `No task ${taskId}.`);

      await expect(sut.decide(dinkes, taskId, { decision: 'approve' }, { idempotencyKey: 'd' })).rejects.toBeInstanceOf(UnavailableError);
    });

    it('answers not found for a task neither the workflow nor the read model knows', async () => {
      workflows.refuseNextWith = new NotFoundError('Task', `No task ${taskId}.`);

      await expect(sut.decide(dinkes, taskId, { decision: 'approve' }, { idempotencyKey: 'd' })).rejects.toBeInstanceOf(NotFoundError);
    });

    it("passes the workflow's refusals on as they are", async () => {
      repository.rows = [aRow({ id: taskId })];
      workflows.refuseNextWith = new ConflictError('application-closed', 'The application has already finished; nothing more can change.');

      await expect(sut.decide(dinkes, taskId, { decision: 'approve' }, { idempotencyKey: 'd' })).rejects.toMatchObject({ kind: 'application-closed' });
    });
  });

  describe('queues', () => {
    // Monday 14 July 2025, 09:00 WIB (an ordinary week): one business day later is Tuesday 09:00 WIB.
    const monday = new Date('2025-07-14T02:00:00.000Z');
    let clocked: TasksService;

    beforeEach(async () => {
      const applications = await applicationsOverFakes();
      clocked = new TasksService(repository as unknown as TasksRepository, applications.workflows.as(), applications.sut, new BusinessCalendar(), () => monday);
    });

    it("lists the caller's own claims for queue=mine, with the filters, and due soon ending one business day from now", async () => {
      await clocked.inbox(dinkes, { queue: 'mine', permitType: 'SIP_DOKTER', step: 'verify', due: 'soon', limit: 10 });

      expect(repository.queries[0]).toMatchObject({ agency: 'DINKES', queue: 'mine', me: 'officer-1', permitType: 'SIP_DOKTER', stepId: 'verify', due: 'soon', soonUntil: '2025-07-15T02:00:00.000Z' });
      expect(repository.queries[0]).not.toHaveProperty('status');
    });

    it('marks each listed task with its due window and the business minutes left', async () => {
      repository.rows = [
        // Due at 13:00 today (three working hours left, the break from 12:00 not counted), on Friday, and at 08:00 today.
        aRow({ id: `${APP}.a.1`, dueAt: new Date('2025-07-14T06:00:00.000Z') }),
        aRow({ id: `${APP}.b.1`, dueAt: new Date('2025-07-18T06:00:00.000Z') }),
        aRow({ id: `${APP}.c.1`, dueAt: new Date('2025-07-14T01:00:00.000Z'), claimedBy: 'officer-2' }),
      ];

      const { items } = await clocked.inbox(dinkes, { queue: 'open', limit: 10 });

      expect(items.map((t) => [t.dueWindow, t.businessMinutesLeft, t.claimedBy])).toEqual([
        ['soon', 180, null],
        ['later', expect.any(Number), null],
        ['overdue', -60, 'officer-2'],
      ]);
    });

    it("narrows a sectoral approver's scope to an office, and refuses an office outside the token's", async () => {
      await clocked.inbox(dinkes, { queue: 'open', office: 'kec-31.71.01', limit: 10 });
      expect(repository.queries[0]).toMatchObject({ agency: 'DINKES', officeId: 'kec-31.71.01' });

      await expect(clocked.inbox({ ...dinkes, office: 'kec-31.71.02' }, { queue: 'open', office: 'kec-31.71.01', limit: 10 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(clocked.counts({ ...dinkes, office: 'kec-31.71.02' }, { office: 'kec-31.71.01' })).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('counts every queue with the same scope and filters', async () => {
      await expect(clocked.counts(dinkes, { permitType: 'SIP_DOKTER' })).resolves.toEqual({ mine: 1, unclaimed: 2, open: 3, done: 4 });
      expect(repository.queries[0]).toMatchObject({ agency: 'DINKES', permitType: 'SIP_DOKTER', me: 'officer-1' });
    });
  });

  describe('claim, unclaim, assign', () => {
    const taskId = `${APP}.verify.1`;

    beforeEach(() => workflows.views.set(APP, aView({ id: APP, revision: 3 })));

    it("sends each as an Update named by what it is, the caller and the Idempotency-Key", async () => {
      await sut.claim(dinkes, taskId, undefined, { idempotencyKey: 'k-1', requestId: 'r-1' });
      await sut.unclaim(dinkes, taskId, 'Cuti', { idempotencyKey: 'k-1' });
      await sut.assign({ ...dinkes, position: 'head' }, taskId, 'officer-2', { idempotencyKey: 'k-1' });

      expect(workflows.updates.map((u) => [u.name, u.updateId])).toEqual([
        ['claim', updateIdOf('claim', 'officer-1', 'k-1')],
        ['unclaim', updateIdOf('unclaim', 'officer-1', 'k-1')],
        ['assign', updateIdOf('assign', 'officer-1', 'k-1')],
      ]);
      expect(workflows.updates[0].args).toEqual({ taskId, actor: { sub: 'officer-1', role: 'approver', agency: 'DINKES' }, requestId: 'r-1' });
      expect(workflows.updates[1].args).toMatchObject({ taskId, note: 'Cuti' });
      expect(workflows.updates[2].args).toMatchObject({ taskId, officerId: 'officer-2', actor: { sub: 'officer-1', position: 'head' } });
    });

    it('refuses a malformed task id without an Update', async () => {
      await expect(sut.claim(dinkes, 'nope', undefined, { idempotencyKey: 'k' })).rejects.toBeInstanceOf(NotFoundError);
      expect(workflows.updates).toEqual([]);
    });
  });
});
