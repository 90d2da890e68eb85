import type { Principal } from '../../../../libs/auth/token';
import { encodeCursor } from '../common/cursor';
import { NotFoundError, UnprocessableError, ValidationError } from '../common/errors';
import { applicationsOverFakes, aTask, aView, FakeApplicationsRepository, FakeOutletSessions, FakeWorkflows } from '../testing/fakes';
import { updateIdOf } from '../temporal/workflow-errors';
import { ApplicationsService } from './applications.service';
import type { PermitInput } from '../../../../workflows/messages';
import { SubmitApplicationDto } from './dto/submit-application.dto';
import { applicationIdsFor } from './ids';

const kiosk: Principal = { sub: 'kiosk-gambir', role: 'integrator' };
const otherIntegrator: Principal = { sub: 'oss-nasional', role: 'integrator' };
const dinkes: Principal = { sub: 'officer-1', role: 'approver', agency: 'DINKES' };
const admin: Principal = { sub: 'admin-1', role: 'admin' };
const NOW = new Date('2025-03-04T03:00:00.000Z');

function sipDokter(overrides: Partial<SubmitApplicationDto> = {}): SubmitApplicationDto {
  return {
    permitType: 'SIP_DOKTER',
    applicant: { nik: '3171011505900001', name: 'dr. Siti Rahayu', email: 'siti.rahayu@example.id', phone: '081234567890' },
    receivingOfficeId: 'kel-31.71.01.1001',
    location: { kelurahanCode: '31.71.01.1001', address: 'Jl. Kebon Sirih No. 22' },
    data: { profession: 'dokter', strNumber: 'STR-2024-778812', practiceKind: 'fasyankes', facilityName: 'Puskesmas Gambir', practicePlaceNumber: 1 },
    documents: [{ type: 'ktp', url: 'https://files.example.id/ktp.pdf', sha256: 'a'.repeat(64) }],
    ...overrides,
  } as SubmitApplicationDto;
}

describe(ApplicationsService.name, () => {
  let repository: FakeApplicationsRepository;
  let workflows: FakeWorkflows;
  let sut: ApplicationsService;

  let sessions: FakeOutletSessions;

  beforeEach(async () => {
    ({ sut, repository, workflows, sessions } = await applicationsOverFakes(() => NOW));
  });

  describe('submit', () => {
    it('starts one workflow named by the caller and the Idempotency-Key, with the jurisdiction of the kelurahan', async () => {
      const { created, application } = await sut.submit(kiosk, sipDokter(), { idempotencyKey: 'k-1', requestId: 'r-1' });

      const { applicationId, trackingCode } = applicationIdsFor('kiosk-gambir', 'k-1');
      expect(created).toBe(true);
      expect(application).toMatchObject({ id: applicationId, trackingCode, status: 'in_review', submittedAt: NOW.toISOString(), applicant: { name: 'dr. Siti Rahayu' } });
      expect(workflows.started.get(applicationId)).toMatchObject({
        submittedBy: 'kiosk-gambir',
        requestId: 'r-1',
        jurisdiction: { kelurahan: 'kel-31.71.01.1001', kecamatan: 'kec-31.71.01', city: 'kota-31.71', province: 'prov-31' },
      });
    });

    it('answers the application already started when the same submission comes again, without a second workflow', async () => {
      const first = await sut.submit(kiosk, sipDokter(), { idempotencyKey: 'k-1' });
      repository.rows.set(first.application.id, { view: aView({ id: first.application.id, revision: 3 }), applicant: sipDokter().applicant });

      const again = await sut.submit(kiosk, sipDokter(), { idempotencyKey: 'k-1' });

      expect(again).toMatchObject({ created: false, application: { id: first.application.id, revision: 3 } });
      expect(workflows.started.size).toBe(1);
    });

    it('gives two integrators using the same key two applications', async () => {
      const a = await sut.submit(kiosk, sipDokter(), { idempotencyKey: 'same' });
      const b = await sut.submit(otherIntegrator, sipDokter(), { idempotencyKey: 'same' });

      expect(a.application.id).not.toBe(b.application.id);
    });

    it.each([
      ['an unknown permit type', sipDokter({ permitType: 'NOPE' }), 'unknown-permit-type'],
      ['an unknown office', sipDokter({ receivingOfficeId: 'kel-99' }), 'unknown-office'],
      ['a kelurahan outside Jakarta', sipDokter({ location: { kelurahanCode: '32.01.01.1001', address: 'Bogor' } }), 'unknown-kelurahan'],
      ['data that does not fit the schema', sipDokter({ data: { profession: 'dokter' } }), 'invalid-data'],
    ])('refuses %s before starting anything', async (_, dto, kind) => {
      await expect(sut.submit(kiosk, dto, { idempotencyKey: 'k' })).rejects.toMatchObject({ constructor: UnprocessableError, kind });
      expect(workflows.started.size).toBe(0);
    });
  });

  describe('a filing at an outlet', () => {
    // NOW is Tuesday 4 March 2025, 10:00 in Jakarta: the outlet's Tuesday hours (08:00-09:00) are over.
    const atOutlet = () => sipDokter({ receivingOfficeId: 'outlet-gambir' });

    it('is taken outside the outlet hours, flagged, and the flag stays with the application on a retry', async () => {
      const { created, application } = await sut.submit(kiosk, atOutlet(), { idempotencyKey: 'late' });
      expect([created, application.filing]).toEqual([true, { outsideOpeningHours: true, outletSessionId: null }]);
      repository.rows.set(application.id, { view: aView({ id: application.id, receivingOfficeId: 'outlet-gambir' }), applicant: atOutlet().applicant });
      // The session an admin adds afterwards does not rewrite what the first submission recorded.
      sessions.sessions.push({ id: 'ses_1', officeId: 'outlet-gambir', date: '2025-03-04', opens: '09:30', closes: '12:00', venue: null });
      expect((await sut.submit(kiosk, atOutlet(), { idempotencyKey: 'late' })).application.filing).toEqual({ outsideOpeningHours: true, outletSessionId: null });
    });

    it('names the session that took it', async () => {
      sessions.sessions.push({ id: 'ses_1', officeId: 'outlet-gambir', date: '2025-03-04', opens: '09:30', closes: '12:00', venue: null });
      expect((await sut.submit(kiosk, atOutlet(), { idempotencyKey: 'in-session' })).application.filing).toEqual({ outsideOpeningHours: false, outletSessionId: 'ses_1' });
    });

    it('records nothing for an office, which takes filings at any hour', async () => {
      const { application } = await sut.submit(kiosk, sipDokter(), { idempotencyKey: 'office' });
      expect(application.filing).toBeUndefined();
      expect(sessions.filings.size).toBe(0);
    });
  });

  describe('get', () => {
    const id = '0123456789ABCDEFGHJKMNPQ';
    const view = aView({ id, tasks: [aTask({ agency: 'DINKES' })] });

    it('answers another integrator exactly like an id that does not exist', async () => {
      repository.rows.set(id, { view, applicant: sipDokter().applicant });

      const someoneElses = await sut.get(otherIntegrator, id).catch((e: unknown) => e);
      const missing = await sut.get(otherIntegrator, '0123456789ABCDEFGHJKMNPZ').catch((e: unknown) => e);

      expect(someoneElses).toBeInstanceOf(NotFoundError);
      expect(missing).toBeInstanceOf(NotFoundError);
      expect((someoneElses as Error).message).toBe(`No application ${id} is visible to this token.`);
    });

    it('shows an approver the application of a task of its agency, without the applicant', async () => {
      repository.rows.set(id, { view, applicant: sipDokter().applicant });

      await expect(sut.get(dinkes, id)).resolves.not.toHaveProperty('applicant');
      await expect(sut.get({ ...dinkes, agency: 'DCKTRP' }, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(sut.get({ ...dinkes, office: 'kota-31.72' }, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(sut.get(admin, id)).resolves.toHaveProperty('applicant.nik', '3171011505900001');
    });

    it('answers from the workflow while the read model has not caught up, without the applicant', async () => {
      workflows.views.set(id, view);

      await expect(sut.get(kiosk, id)).resolves.toMatchObject({ id, revision: 1 });
      await expect(sut.get(kiosk, id)).resolves.not.toHaveProperty('applicant');
    });

    it('refuses a malformed id without asking anyone', async () => {
      await expect(sut.get(kiosk, 'not-an-id')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('marks an open task overdue once its due time has passed, before the workflow does', async () => {
      const late = aTask({ id: 'late', dueAt: '2025-03-04T02:59:59.000Z' });
      const onTime = aTask({ id: 'on-time', dueAt: '2025-03-04T03:00:01.000Z' });
      repository.rows.set(id, { view: aView({ id, openTasks: [late, onTime], tasks: [late, onTime] }), applicant: null });

      const app = await sut.get(kiosk, id);

      expect(app.openTasks.map((t) => [t.id, t.overdue])).toEqual([['late', true], ['on-time', false]]);
    });
  });

  describe('list', () => {
    it('shows an integrator its own applications and an approver those with a task of its agency and office', async () => {
      await sut.list(kiosk, { limit: 10 });
      await sut.list({ ...dinkes, office: 'kec-31.71.01' }, { limit: 10, status: 'in_review' });
      await sut.list(admin, { limit: 10 });

      expect(repository.queries).toEqual([
        expect.objectContaining({ submittedBy: 'kiosk-gambir', withTaskOf: undefined, sort: '-submittedAt', limit: 11 }),
        expect.objectContaining({ submittedBy: undefined, withTaskOf: { agency: 'DINKES', office: 'kec-31.71.01' }, status: 'in_review' }),
        expect.objectContaining({ submittedBy: undefined, withTaskOf: undefined }),
      ]);
    });

    it('pages with a cursor that names the last item and its sort, and starts the next page after it', async () => {
      repository.listed = ['A', 'B', 'C'].map((suffix, i) => ({
        id: `0123456789ABCDEFGHJKMNP${suffix}`,
        sortKey: i === 2 ? 'infinity' : `2025-03-0${i + 1}T00:00:00.000Z`,
        view: aView({ id: `0123456789ABCDEFGHJKMNP${suffix}` }),
        applicant: null,
      }));

      const first = await sut.list(kiosk, { limit: 2, sort: 'dueAt' });
      await sut.list(kiosk, { limit: 2, sort: 'dueAt', cursor: first.nextCursor! });

      expect(first.items.map((i) => i.id)).toEqual(['0123456789ABCDEFGHJKMNPA', '0123456789ABCDEFGHJKMNPB']);
      expect(first.nextCursor).toBe(encodeCursor({ at: '2025-03-02T00:00:00.000Z', id: '0123456789ABCDEFGHJKMNPB', sort: 'dueAt' }));
      expect(repository.queries[1].after).toEqual({ at: '2025-03-02T00:00:00.000Z', id: '0123456789ABCDEFGHJKMNPB' });
    });

    it('ends with no cursor when nothing follows the page', async () => {
      repository.listed = [{ id: 'X', sortKey: '2025-03-01T00:00:00.000Z', view: aView(), applicant: null }];

      await expect(sut.list(kiosk, { limit: 1 })).resolves.toMatchObject({ nextCursor: null });
    });

    it('refuses a cursor made for another sort', async () => {
      const cursor = encodeCursor({ at: '2025-03-01T00:00:00.000Z', id: 'X', sort: '-submittedAt' });

      await expect(sut.list(kiosk, { limit: 5, sort: 'dueAt', cursor })).rejects.toBeInstanceOf(ValidationError);
    });
  });

  describe('resubmit and withdraw', () => {
    const id = '0123456789ABCDEFGHJKMNPQ';

    beforeEach(() => {
      repository.rows.set(id, { view: aView({ id }), applicant: sipDokter().applicant });
      workflows.views.set(id, aView({ id, status: 'withdrawn' }));
    });

    it('sends an Update whose id derives from the caller and the Idempotency-Key, so a retry reaches the same Update', async () => {
      await sut.resubmit(kiosk, id, { note: 'KTP baru' }, { idempotencyKey: 'r-1' });
      await sut.resubmit(kiosk, id, { note: 'KTP baru' }, { idempotencyKey: 'r-1' });
      await sut.withdraw(kiosk, id, { reason: 'batal' }, { idempotencyKey: 'w-1' });

      expect(workflows.updates.map((u) => [u.name, u.updateId])).toEqual([
        ['resubmit', updateIdOf('resubmit', 'kiosk-gambir', 'r-1')],
        ['resubmit', updateIdOf('resubmit', 'kiosk-gambir', 'r-1')],
        ['withdraw', updateIdOf('withdraw', 'kiosk-gambir', 'w-1')],
      ]);
    });

    it("refuses another integrator's application before the workflow hears of it", async () => {
      await expect(sut.withdraw(otherIntegrator, id, {}, { idempotencyKey: 'w' })).rejects.toBeInstanceOf(NotFoundError);
      expect(workflows.updates).toEqual([]);
    });

    describe('with corrected data', () => {
      beforeEach(() => {
        workflows.views.set(id, aView({ id, status: 'awaiting_applicant' }));
        workflows.started.set(id, { applicationId: id, data: { ...sipDokter().data }, documents: [] } as unknown as PermitInput);
      });

      it('sends only the corrections once the data they make fits the schema of the application version', async () => {
        await sut.resubmit(kiosk, id, { note: 'STR diperpanjang', data: { strNumber: 'STR-2025-000001', practicePlaceNumber: 2 } }, { idempotencyKey: 'r' });

        expect(workflows.updates.map((u) => u.args)).toEqual([expect.objectContaining({ note: 'STR diperpanjang', data: { strNumber: 'STR-2025-000001', practicePlaceNumber: 2 } })]);
      });

      it('refuses corrections that break the schema with invalid-data naming each field, and sends nothing', async () => {
        const refusal = await sut.resubmit(kiosk, id, { data: { strNumber: 'STR', facilityName: null, parking: true } }, { idempotencyKey: 'r' }).catch((e: unknown) => e);

        expect(refusal).toBeInstanceOf(UnprocessableError);
        expect((refusal as UnprocessableError).kind).toBe('invalid-data');
        expect(((refusal as UnprocessableError).extensions.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['data.facilityName', 'data.parking', 'data.strNumber']);
        expect(workflows.updates).toEqual([]);
      });

      it('leaves the data alone when the resubmission brings only a note and documents', async () => {
        workflows.started.delete(id);
        await sut.resubmit(kiosk, id, { note: 'KTP baru' }, { idempotencyKey: 'r' });

        expect(workflows.updates[0].args).not.toHaveProperty('data');
      });
    });
  });
});
