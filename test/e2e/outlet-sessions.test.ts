// Outlets and opening hours, told on a car-free-day outlet of Gambir that opens only in the sessions admins
// give it (issue 15, point 4). An admin opens it for today; a kiosk files there and the filing names the
// session; the admin moves the session to tomorrow; a filing now is accepted but flagged, in the
// application read, the office league table and the staffing report. GET /v1/offices/open lists what takes
// applications at a time in a kecamatan or a city. Bad input is a clear problem+json; writes retry safely.
// Its own database: the outlet it adds and the filings it makes touch no other suite's figures.
import { randomUUID } from 'node:crypto';
import { startPlatform, type Platform } from '../support/platform';
import { scratchDatabase, type ScratchDatabase } from '../reports/support';

const OUTLET = 'outlet-cfd-monas';
const KECAMATAN = '31.71.01';
const PROBLEM = 'https://satupintu.jakarta.go.id/problems/';

/** Today and tomorrow in Jakarta, 'YYYY-MM-DD'. */
const jakartaDate = (offsetDays = 0) => new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('outlet sessions and opening hours', () => {
  let scratch: ScratchDatabase;
  let p: Platform;
  let admin: string;
  let kiosk: string;

  const post = (token: string, path: string, body: unknown, key = randomUUID()) => p.http('POST', path, { token, body, headers: { 'idempotency-key': key } });
  const expectProblem = (r: { status: number; headers: Headers; body: any }, status: number, type: string) => {
    expect([r.status, r.body.type]).toEqual([status, PROBLEM + type]);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  };
  const file = (key = randomUUID()) =>
    post(kiosk, '/v1/applications', {
      permitType: 'SKDU',
      applicant: { nik: '3171014107880004', name: 'Dewi Lestari' },
      receivingOfficeId: OUTLET,
      location: { kelurahanCode: '31.71.01.1001', address: 'Jl. Medan Merdeka Barat 1' },
      data: { businessName: 'Kopi Keliling Dewi', businessType: 'perorangan', employees: 1 },
      documents: [],
    }, key);

  beforeAll(async () => {
    scratch = await scratchDatabase('outlet_sessions');
    // A car-free-day outlet: no weekly hours, open only in sessions.
    await scratch.db.query(
      `INSERT INTO office (id, name, type, area_code, parent_id, address, schedule) VALUES ($1, 'PTSP Car Free Day Monas', 'outlet', $2, $3, 'Silang Monas', $4)`,
      [OUTLET, KECAMATAN, `kec-${KECAMATAN}`, JSON.stringify({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] })],
    );
    p = await startPlatform({ env: { DATABASE_URL: scratch.url } });
    admin = await p.token({ role: 'admin', sub: 'admin-outlets' });
    kiosk = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
  });
  afterAll(async () => {
    await p?.close();
    await scratch?.drop();
  });

  it('refuses a session that cannot be, each with the field and what to do', async () => {
    const good = { officeId: OUTLET, date: '2026-12-06', opens: '06:00', closes: '11:00' };
    const closesFirst = await post(admin, '/v1/outlet-sessions', { ...good, closes: '05:00' });
    expectProblem(closesFirst, 400, 'validation');
    expect(closesFirst.body.errors).toEqual([{ field: 'closes', message: 'must be after opens (06:00) on the same day' }]);
    const notOutlet = await post(admin, '/v1/outlet-sessions', { ...good, officeId: `kec-${KECAMATAN}` });
    expectProblem(notOutlet, 400, 'validation');
    expect(notOutlet.body.errors[0]).toMatchObject({ field: 'officeId', message: expect.stringContaining('not an outlet') });
    expectProblem(await post(admin, '/v1/outlet-sessions', { ...good, officeId: 'outlet-nowhere' }), 422, 'unknown-office');
    const feb30 = await post(admin, '/v1/outlet-sessions', { ...good, date: '2026-02-30' });
    expectProblem(feb30, 400, 'validation');
    expect(feb30.body.errors).toEqual([{ field: 'date', message: 'is not a calendar date' }]);
    expectProblem(await post(admin, '/v1/outlet-sessions', { ...good, opens: '6am' }), 400, 'validation');
    expectProblem(await post(kiosk, '/v1/outlet-sessions', good), 403, 'forbidden');
    expect((await p.http('GET', `/v1/outlet-sessions?office=${OUTLET}`, { token: admin })).body).toEqual({ items: [], nextCursor: null });
  });

  it('lists the offices and outlets open at a time in a kecamatan or a city', async () => {
    const key = randomUUID();
    const created = await post(admin, '/v1/outlet-sessions', { officeId: OUTLET, date: '2026-12-06', opens: '06:00', closes: '11:00', venue: 'Car-free day, Silang Monas' }, key);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/outlet-sessions/${created.body.id}`);
    // The same request again names the same session: nothing is added.
    expect((await post(admin, '/v1/outlet-sessions', { officeId: OUTLET, date: '2026-12-06', opens: '06:00', closes: '11:00', venue: 'Car-free day, Silang Monas' }, key)).body.id).toBe(created.body.id);

    // Sunday 6 December 2026, 07:00: the offices are closed, the car-free day is on.
    const sunday = await p.http('GET', `/v1/offices/open?near=${KECAMATAN}&at=2026-12-06T07:00:00%2B07:00`, { token: kiosk });
    expect(sunday.status).toBe(200);
    expect(sunday.body.near).toEqual({ code: KECAMATAN, name: expect.any(String), type: 'kecamatan' });
    expect(sunday.body.items.map((o: any) => [o.id, o.openBy, o.session?.id ?? null])).toEqual([[OUTLET, 'session', created.body.id]]);
    // The city holds the kecamatan: the outlet is open in Jakarta Pusat too.
    const city = await p.http('GET', `/v1/offices/open?near=31.71&at=2026-12-06T07:00:00%2B07:00`, { token: kiosk });
    expect(city.body.items.map((o: any) => o.id)).toContain(OUTLET);
    // After the session: nothing of Gambir is open on a Sunday noon.
    expect((await p.http('GET', `/v1/offices/open?near=${KECAMATAN}&at=2026-12-06T11:00:00%2B07:00`, { token: kiosk })).body.items).toEqual([]);
    // Monday 09:00: the kecamatan and its kelurahan offices in working time, the outlet closed.
    const monday = await p.http('GET', `/v1/offices/open?near=${KECAMATAN}&at=2026-12-07T09:00:00%2B07:00`, { token: kiosk });
    const ids = monday.body.items.map((o: any) => o.id);
    expect(ids).toContain(`kec-${KECAMATAN}`);
    expect(ids).toContain('kel-31.71.01.1001');
    expect(ids).not.toContain(OUTLET);
    // Every one of them is of Gambir: its office, its kelurahan by office hours, its outlets by their weekly schedule.
    for (const o of monday.body.items) {
      if (o.type === 'outlet') expect([o.parentId, o.openBy]).toEqual([`kec-${KECAMATAN}`, 'weekly-schedule']);
      else expect([o.areaCode === KECAMATAN || o.areaCode.startsWith(`${KECAMATAN}.`), o.openBy, o.session]).toEqual([true, 'office-hours', null]);
    }

    const kelurahan = await p.http('GET', '/v1/offices/open?near=31.71.01.1001', { token: kiosk });
    expectProblem(kelurahan, 400, 'validation');
    expect(kelurahan.body.errors[0].field).toBe('near');
    expectProblem(await p.http('GET', `/v1/offices/open?near=${KECAMATAN}&at=tomorrow`, { token: kiosk }), 400, 'validation');
    expectProblem(await p.http('GET', '/v1/offices/open', { token: kiosk }), 400, 'validation');

    expect((await p.http('DELETE', `/v1/outlet-sessions/${created.body.id}`, { token: admin })).status).toBe(204);
    expectProblem(await p.http('GET', `/v1/outlet-sessions/${created.body.id}`, { token: admin }), 404, 'not-found');
    expectProblem(await p.http('DELETE', `/v1/outlet-sessions/${created.body.id}`, { token: admin }), 404, 'not-found');
  });

  it('takes a filing at a closed outlet, flagged in the application, the office report and the staffing report', async () => {
    const today = jakartaDate();
    const session = await post(admin, '/v1/outlet-sessions', { officeId: OUTLET, date: today, opens: '00:00', closes: '24:00', venue: 'Silang Monas' });
    expect(session.status).toBe(201);

    const inSession = await file();
    expect(inSession.status).toBe(201);
    expect(inSession.body.filing).toEqual({ outsideOpeningHours: false, outletSessionId: session.body.id });

    // The admin moves the session to tomorrow: the outlet is closed now, and still takes the application.
    const moved = await p.http('PUT', `/v1/outlet-sessions/${session.body.id}`, { token: admin, body: { officeId: OUTLET, date: jakartaDate(1), opens: '06:00', closes: '11:00' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ id: session.body.id, officeId: OUTLET, date: jakartaDate(1), opens: '06:00', closes: '11:00', venue: null });
    expectProblem(await p.http('PUT', `/v1/outlet-sessions/ses_NONE`, { token: admin, body: { officeId: OUTLET, date: today, opens: '06:00', closes: '11:00' } }), 404, 'not-found');
    expectProblem(await p.http('PUT', `/v1/outlet-sessions/${session.body.id}`, { token: kiosk, body: { officeId: OUTLET, date: today, opens: '06:00', closes: '11:00' } }), 403, 'forbidden');

    const key = randomUUID();
    const outside = await file(key);
    expect(outside.status).toBe(201);
    expect(outside.body.filing).toEqual({ outsideOpeningHours: true, outletSessionId: null });
    // The read shows the flag; a retried submission keeps the first record.
    expect((await p.http('GET', `/v1/applications/${outside.body.id}`, { token: kiosk })).body.filing).toEqual({ outsideOpeningHours: true, outletSessionId: null });
    expect((await file(key)).body.filing).toEqual({ outsideOpeningHours: true, outletSessionId: null });

    const range = `from=${today}&to=${jakartaDate(1)}`;
    const report = await p.http('GET', `/v1/reports/sla/offices?${range}`, { token: admin });
    expect(report.status).toBe(200);
    expect(report.body.offices.find((o: any) => o.office === OUTLET)).toMatchObject({ filedOutsideOpeningHours: 1 });

    const load = await p.http('GET', `/v1/reports/offices/${OUTLET}/load?${range}`, { token: admin });
    expect(load.status).toBe(200);
    expect(load.body.arrivals).toBe(2);
    expect(load.body.arrivalsOutsideOpeningHours).toBe(1);
    // The session, moved to tomorrow, keeps the filing it took.
    expect(load.body.sessions).toEqual([
      { id: session.body.id, date: jakartaDate(1), opens: '06:00', closes: '11:00', venue: null, arrivals: 1, arrivalsPerHour: 0.2, officers: 1 },
    ]);
  });
});
