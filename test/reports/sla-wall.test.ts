// Story: the head of a kelurahan opens the SLA wall. Its badges come from GET /v1/reports/open-steps:
// per permit type, version and step, the attempts open now and those overdue by the platform's one
// rule (marked by the engine, or past their due instant); closed attempts never count. Its chart comes
// from GET /v1/reports/sla/weeks: the on-time rate per Jakarta week. Officers and integrators are
// refused; bad parameters get a problem+json naming the field. Admins read the versions of a permit
// type with the applications running on each.
import { reportsSuite } from './support';
import { loadWallFixture, WALL_COUNTS } from './wall-fixture';

const JUNE = 'from=2026-06-01&to=2026-06-30';

describe('the SLA wall reads', () => {
  const suite = reportsSuite('sla_wall', loadWallFixture);
  const head = () => suite.api.token({ role: 'approver', agency: 'KELURAHAN', office: 'kel-31.74.04.1003', position: 'head', sub: 'lurah' });

  it('counts open and overdue attempts per permit type, version and step, closed ones left out', async () => {
    const r = await suite.api.http('GET', '/v1/reports/open-steps', { token: await head() });
    expect(r.status).toBe(200);
    expect(r.body.items.map(({ permitType, version, stepId, open, overdue }: Record<string, unknown>) => ({ permitType, version, stepId, open, overdue }))).toEqual(WALL_COUNTS);
    expect(r.body.items.find((i: { stepId: string; version: number }) => i.stepId === 'site_visit')).toMatchObject({ stepName: 'Peninjauan lokasi usaha', agency: 'KELURAHAN' });
    expect(Date.parse(r.body.asOf)).toBeLessThanOrEqual(Date.now());
  });

  it('narrows to one permit type, and to one of its versions', async () => {
    const admin = { token: suite.admin };
    const skdu = await suite.api.http('GET', '/v1/reports/open-steps?permitType=SKDU', admin);
    expect(skdu.body.items.map((i: { stepId: string }) => i.stepId)).toEqual(['lurah_signature', 'kelurahan_verification', 'lurah_signature', 'site_visit']);
    const v1 = await suite.api.http('GET', '/v1/reports/open-steps?permitType=SKDU&version=1', admin);
    expect([v1.body.permitType, v1.body.version, v1.body.items.length]).toEqual(['SKDU', 1, 1]);
    expect(v1.body.items[0]).toMatchObject({ stepId: 'lurah_signature', open: 1, overdue: 1 });
  });

  it('refuses officers, integrators and callers without a token; admins and heads may read', async () => {
    const officer = await suite.api.token({ role: 'approver', agency: 'KELURAHAN', office: 'kel-31.74.04.1003', position: 'officer', sub: 'staff' });
    const integrator = await suite.api.token({ role: 'integrator', sub: 'kiosk' });
    for (const path of ['/v1/reports/open-steps', `/v1/reports/sla/weeks?${JUNE}`, `/v1/reports/sla/agencies?${JUNE}`, `/v1/reports/sla/offices?${JUNE}`]) {
      const asOfficer = await suite.api.http('GET', path, { token: officer });
      expect([path, asOfficer.status, asOfficer.body.type]).toEqual([path, 403, 'https://satupintu.jakarta.go.id/problems/forbidden']);
      expect(asOfficer.body.detail).toMatch(/position is head; yours is officer/);
      expect((await suite.api.http('GET', path, { token: integrator })).status).toBe(403);
      expect((await suite.api.http('GET', path)).status).toBe(401);
      expect((await suite.api.http('GET', path, { token: await head() })).status).toBe(200);
      expect((await suite.api.http('GET', path, { token: suite.admin })).status).toBe(200);
    }
  });

  it('answers bad parameters with a problem+json that names the field', async () => {
    const admin = { token: suite.admin };
    const cases: Array<[string, number, string]> = [
      ['/v1/reports/open-steps?permitType=NOPE', 422, 'permitType'],
      ['/v1/reports/open-steps?version=2', 400, 'version'],
      ['/v1/reports/open-steps?permitType=SKDU&version=two', 400, 'version'],
      ['/v1/reports/open-steps?permitType=SKDU&version=0', 400, 'version'],
      ['/v1/reports/open-steps?permitType=SKDU&version=9', 400, 'version'],
      [`/v1/reports/sla/weeks?from=2026-06-30&to=2026-06-01`, 400, 'to'],
      [`/v1/reports/sla/weeks?${JUNE}&agency=NOPE`, 400, 'agency'],
      [`/v1/reports/sla/weeks?${JUNE}&office=nope`, 422, 'office'],
    ];
    for (const [path, status, field] of cases) {
      const r = await suite.api.http('GET', path, admin);
      expect([path, r.status, r.headers.get('content-type')?.split(';')[0], r.body.errors?.[0]?.field]).toEqual([path, status, 'application/problem+json', field]);
    }
  });

  it('gives the on-time rate per Jakarta week, every week of the period, empty ones included', async () => {
    const r = await suite.api.http('GET', `/v1/reports/sla/weeks?${JUNE}`, { token: await head() });
    expect(r.status).toBe(200);
    expect(r.body.weeks).toEqual([
      { weekStart: '2026-05-31T17:00:00.000Z', tasksDecided: 3, onTime: 2, breaches: 1, onTimeRate: 0.6667 },
      { weekStart: '2026-06-07T17:00:00.000Z', tasksDecided: 1, onTime: 1, breaches: 0, onTimeRate: 1 },
      { weekStart: '2026-06-14T17:00:00.000Z', tasksDecided: 0, onTime: 0, breaches: 0, onTimeRate: null },
      { weekStart: '2026-06-21T17:00:00.000Z', tasksDecided: 1, onTime: 0, breaches: 1, onTimeRate: 0 },
      { weekStart: '2026-06-28T17:00:00.000Z', tasksDecided: 1, onTime: 1, breaches: 0, onTimeRate: 1 },
    ]);
    const dcktrp = await suite.api.http('GET', `/v1/reports/sla/weeks?${JUNE}&agency=DCKTRP`, { token: suite.admin });
    expect(dcktrp.body.weeks.map((w: { tasksDecided: number }) => w.tasksDecided)).toEqual([0, 0, 0, 1, 1]);
    expect(dcktrp.body.agency).toBe('DCKTRP');
    const office = await suite.api.http('GET', `/v1/reports/sla/weeks?${JUNE}&office=kel-31.74.04.1003`, { token: suite.admin });
    expect(office.body.weeks.map((w: { tasksDecided: number }) => w.tasksDecided)).toEqual([3, 1, 0, 0, 0]);
  });

  it('shows admins the versions of a permit type with the applications running on each; nobody else', async () => {
    const r = await suite.api.http('GET', '/v1/permit-types/SKDU/versions', { token: suite.admin });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      code: 'SKDU',
      name: expect.any(String),
      versions: [
        { version: 2, latest: true, deployed: true, retired: false, inReview: 2, awaitingApplicant: 1, running: 3 },
        { version: 1, latest: false, deployed: true, retired: false, inReview: 1, awaitingApplicant: 0, running: 1 },
      ],
    });
    expect((await suite.api.http('GET', '/v1/permit-types/NOPE/versions', { token: suite.admin })).status).toBe(404);
    expect((await suite.api.http('GET', '/v1/permit-types/SKDU/versions', { token: await head() })).status).toBe(403);
    expect((await suite.api.http('GET', '/v1/permit-types/SKDU/versions')).status).toBe(401);
  });
});
