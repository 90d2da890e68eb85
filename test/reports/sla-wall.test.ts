// Story: the head of a kelurahan opens the SLA wall. Its badges come from GET /v1/reports/open-steps:
// per permit type, version and step, the attempts open now and those overdue by the platform's one
// rule (marked by the engine, or past their due instant); closed attempts never count. Its chart comes
// from GET /v1/reports/sla/weeks: the on-time rate per Jakarta week. Officers and integrators are
// refused; bad parameters get a problem+json naming the field. Admins read the versions of a permit
// type with the applications running on each.
import { Client as PgClient } from 'pg';
import { ReportsService } from '../../apps/api/src/reports/reports.service';
import { eventually } from '../support/time-skipping';
import { reportsSuite, ScratchDatabase, scratchDatabase } from './support';
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

// The counts come from task_open_count, kept by triggers as the projection writes attempts; a read
// counts from the rows only the attempts due today before now. Whatever is written, the counts must
// equal those of every open attempt counted one by one (the rollups off).
describe('the SLA wall counts kept by the triggers', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await scratchDatabase('open_counts');
    await loadWallFixture(scratch.db);
  });
  afterAll(() => scratch?.drop());

  const counts = async (service: ReportsService, permitType?: string) =>
    (await service.openSteps({ permitType })).items.map(({ permitType, version, stepId, open, overdue }) => ({ permitType, version, stepId, open, overdue }));
  /** The kept counts, checked against every open attempt counted one by one. */
  const kept = async (permitType?: string) => {
    const fromCounts = await counts(new ReportsService(scratch.db), permitType);
    expect(fromCounts).toEqual(await counts(new ReportsService(scratch.db, { useRollups: false }), permitType));
    return fromCounts;
  };
  const cityApproval = async () => (await kept('PBG')).find((c) => c.stepId === 'city_approval');
  const addTask = (id: string, due: Date | null) =>
    scratch.db.query(
      `INSERT INTO task (id, application_id, step_id, step_name, attempt, agency, office_id, role, status, assigned_at, due_at,
         deadline_minutes, revision, permit_type, receiving_office_id, definition_version)
       VALUES ($1, 'WALL-A4', 'city_approval', 'city_approval', 1, 'DCKTRP', 'kota-31.74', 'officer', 'open', now(), $2, 450, 1, 'PBG', 'kel-31.74.04.1003', 1)`,
      [id, due],
    );

  it('count attempts due earlier and later today, marked, decided, reopened and removed, one by one and many at once', async () => {
    expect(await kept()).toEqual(WALL_COUNTS);
    const now = Date.now();
    const dayStart = now - (now % 86_400_000);
    await addTask('TODAY-EARLIER', new Date(dayStart + (now - dayStart) / 2));
    await addTask('TODAY-LATER', new Date(now + (dayStart + 86_400_000 - now) / 2));
    await addTask('NO-DUE', null);
    expect(await cityApproval()).toMatchObject({ open: 7, overdue: 2 });

    await scratch.db.query(`UPDATE task SET overdue = true WHERE id = 'TODAY-LATER'`);
    expect(await cityApproval()).toMatchObject({ open: 7, overdue: 3 });
    await scratch.db.query(`UPDATE task SET status = 'approved', decided_at = now() WHERE id = 'TODAY-EARLIER'`);
    expect(await cityApproval()).toMatchObject({ open: 6, overdue: 2 });
    await scratch.db.query(`UPDATE task SET status = 'open', decided_at = NULL WHERE id = 'TODAY-EARLIER'`);
    expect(await cityApproval()).toMatchObject({ open: 7, overdue: 3 });
    await scratch.db.query(`UPDATE task SET due_at = now() - interval '2 days' WHERE id = 'NO-DUE'`);
    expect(await cityApproval()).toMatchObject({ open: 7, overdue: 4 });

    await scratch.db.query(`DELETE FROM task WHERE id IN ('TODAY-EARLIER', 'TODAY-LATER', 'NO-DUE')`);
    expect(await kept()).toEqual(WALL_COUNTS);

    // One statement closing every open SKDU version 2 attempt, then one reopening them.
    const open = await scratch.db.query(`SELECT id FROM task WHERE permit_type = 'SKDU' AND definition_version = 2 AND status = 'open'`);
    await scratch.db.query(`UPDATE task SET status = 'cancelled', decided_at = now() WHERE id = ANY($1)`, [open.map((r: { id: string }) => r.id)]);
    expect((await kept('SKDU')).map((c) => c.version)).toEqual([1]);
    await scratch.db.query(`UPDATE task SET status = 'open', decided_at = NULL WHERE id = ANY($1)`, [open.map((r: { id: string }) => r.id)]);
    expect(await kept()).toEqual(WALL_COUNTS);

    // A count that falls to zero leaves no row behind.
    const [{ n }] = await scratch.db.query(`SELECT count(*)::int AS n FROM task_open_count WHERE n <= 0`);
    expect(n).toBe(0);
  });

  it('let two transactions of one permit type count two steps in opposite orders: the second waits for the first, neither deadlocks', async () => {
    const before = await kept('PBG');
    const [a, b] = [new PgClient({ connectionString: scratch.url }), new PgClient({ connectionString: scratch.url })];
    await Promise.all([a.connect(), b.connect()]);
    const open = (client: PgClient, id: string, step: string) =>
      client.query(
        `INSERT INTO task (id, application_id, step_id, step_name, attempt, agency, office_id, role, status, assigned_at, due_at,
           deadline_minutes, revision, permit_type, receiving_office_id, definition_version)
         VALUES ($1, 'WALL-A4', $2, $2, 1, 'DCKTRP', 'kota-31.74', 'officer', 'open', now(), NULL, 450, 1, 'PBG', 'kel-31.74.04.1003', 1)`,
        [id, step],
      );
    try {
      await a.query('BEGIN');
      await b.query('BEGIN');
      await open(a, 'ORDER-A1', 'city_approval');
      // b's first change of a PBG attempt waits for a's transaction: the permit type's lock, taken before any count row.
      const bFirst = open(b, 'ORDER-B1', 'fire_safety_review');
      await eventually(
        () => scratch.db.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`),
        (rows: Array<{ n: number }>) => rows[0].n === 1,
        'b waiting on the permit type',
      );
      // Without it, a would now wait on b's uncommitted count of fire_safety_review, and b below on a's city_approval.
      await open(a, 'ORDER-A2', 'fire_safety_review');
      await a.query('COMMIT');
      await bFirst;
      await open(b, 'ORDER-B2', 'city_approval');
      await b.query('COMMIT');
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    const count = (step: string, list: typeof before) => list.find((c) => c.stepId === step)?.open ?? 0;
    const after = await kept('PBG');
    expect([count('city_approval', after) - count('city_approval', before), count('fire_safety_review', after) - count('fire_safety_review', before)]).toEqual([2, 2]);
    await scratch.db.query(`DELETE FROM task WHERE id LIKE 'ORDER-%'`);
    expect(await kept()).toEqual(WALL_COUNTS);
  });
});
