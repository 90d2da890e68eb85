// Story: an integrator generated its client from /docs-json. Every endpoint of the API is called here on
// the real platform (API, worker, Temporal, PostgreSQL), through successes and refusals, and every
// answer is checked against the document: its status documented for the operation, its media type
// documented for that status, its body valid against the schema. A drift fails the test that met it.
import { randomUUID } from 'node:crypto';
import { conformance, Conformance } from '../support/openapi-conformance';
import type { HttpAnswer } from '../support/http';
import { startPlatform, Platform } from '../support/platform';
import { eventually } from '../support/time-skipping';
import { NIK, openTaskOf, projected, sipDokter, submit } from '../e2e/fixtures/applications';

const PERIOD = 'from=2026-06-01&to=2026-06-30';

describe('every endpoint answers as the OpenAPI document says', () => {
  let p: Platform;
  let doc: Conformance;
  let served: { components: { schemas: Record<string, unknown> } };
  const drift: string[] = [];
  const tokens: Record<'kiosk' | 'otherKiosk' | 'dinkes' | 'dpmptsp' | 'admin', string> = {} as never;
  let http: (method: string, path: string, o?: Parameters<Platform['http']>[2]) => Promise<HttpAnswer>;

  beforeAll(async () => {
    p = await startPlatform();
    const answer = await p.http('GET', '/docs-json');
    expect(answer.status).toBe(200);
    served = answer.body;
    doc = conformance(answer.body);
    http = async (method, path, o) => {
      const answer = await p.http(method, path, o);
      drift.push(...doc.check(method, path, answer));
      return answer;
    };
    tokens.kiosk = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    tokens.otherKiosk = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    tokens.dinkes = await p.token({ role: 'approver', agency: 'DINKES', sub: 'dinkes-officer' });
    tokens.dpmptsp = await p.token({ role: 'approver', agency: 'DPMPTSP', sub: 'dpmptsp-head', position: 'head' });
    tokens.admin = await p.token({ role: 'admin', sub: 'governor-office' });
  });
  afterEach(() => {
    expect(drift.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await p?.close();
  });

  it('the check has teeth: a wrong type, a missing field, an undocumented field or status, a wrong media type', async () => {
    const real = await p.http('GET', '/v1/permit-types', { token: tokens.kiosk });
    expect(doc.check('GET', '/v1/permit-types', real)).toEqual([]);
    const broken = (body: unknown, status = 200, type = 'application/json') => ({ status, body, text: JSON.stringify(body), headers: new Headers({ 'content-type': type }) });
    const [first, ...rest] = real.body.items;
    expect(doc.check('GET', '/v1/permit-types', broken({ ...real.body, items: [{ ...first, version: 'one' }, ...rest] }))).not.toEqual([]);
    const { name: _dropped, ...nameless } = first;
    expect(doc.check('GET', '/v1/permit-types', broken({ ...real.body, items: [nameless] }))).not.toEqual([]);
    expect(doc.check('GET', '/v1/permit-types', broken({ ...real.body, surprise: true }))).not.toEqual([]);
    expect(doc.check('GET', '/v1/permit-types', broken(real.body, 418))).not.toEqual([]);
    expect(doc.check('GET', '/v1/permit-types', broken(real.body, 200, 'text/html'))).not.toEqual([]);
    const complaint = { trackingCode: 'ADU-AAAA-BBBB', status: 'received', channel: 'web', category: 'other', officeId: 'x', officeName: null, applicationTrackingCode: null, createdAt: new Date().toISOString(), escalatedTo: null,
      responsibleOfficeId: null, responsibleOfficeName: null, dueAt: null, overdue: false, answer: null, answeredAt: null, reopened: false, reopenUntil: null, closedAt: null, timeline: [] };
    expect(doc.check('GET', '/v1/complaints/ADU-AAAA-BBBB', broken({ ...complaint, escalatedAt: null }))).toEqual([]);
    expect(doc.check('GET', '/v1/complaints/ADU-AAAA-BBBB', broken({ ...complaint, escalatedAt: { at: 1 } }))).not.toEqual([]);
  });

  it('health, metrics, the permit catalogue (JSON and BPMN XML) and the offices', async () => {
    /** GETs the path as `who` (none: without a token) and answers [path, status], so a failure names the path. */
    const read = async (path: string, who?: keyof typeof tokens) => [path, (await http('GET', path, { token: who && tokens[who] })).status];
    const types = await http('GET', '/v1/permit-types', { token: tokens.kiosk });
    expect(types.status).toBe(200);
    for (const t of types.body.items as Array<{ code: string }>) {
      expect(await read(`/v1/permit-types/${t.code}`, 'kiosk')).toEqual([`/v1/permit-types/${t.code}`, 200]);
      expect(await read(`/v1/permit-types/${t.code}/bpmn`, 'kiosk')).toEqual([`/v1/permit-types/${t.code}/bpmn`, 200]);
    }
    expect((await http('GET', '/v1/permit-types/SIP_DOKTER?version=99', { token: tokens.kiosk })).status).toBeGreaterThanOrEqual(400);
    const page = await http('GET', '/v1/offices?limit=3', { token: tokens.kiosk });
    expect(page.status).toBe(200);
    const expected: Array<[string, keyof typeof tokens | undefined, number]> = [
      ['/health', undefined, 200],
      ['/metrics', undefined, 200],
      ['/v1/permit-types/SKDU/versions', 'admin', 200],
      ['/v1/permit-types/NOPE/versions', 'admin', 404],
      ['/v1/permit-types/SKDU/versions', 'kiosk', 403],
      ['/v1/permit-types/NOPE', 'kiosk', 404],
      ['/v1/permit-types/NOPE/bpmn', 'kiosk', 404],
      // The catalogue is public (the console's /layanan): no token needed.
      ['/v1/permit-types', undefined, 200],
      ['/v1/offices', undefined, 401],
      [`/v1/offices?limit=3&cursor=${page.body.nextCursor}`, 'kiosk', 200],
      ['/v1/offices?type=outlet', 'kiosk', 200],
      ['/v1/offices?limit=0', 'kiosk', 400],
      ['/v1/offices/outlet-mpp-jakarta', 'kiosk', 200],
      ['/v1/offices/kel-31.71.01.1001', 'kiosk', 200],
      ['/v1/offices/nope', 'kiosk', 404],
    ];
    for (const [path, who, status] of expected) expect(await read(path, who)).toEqual([path, status]);
  });

  it('outlet sessions: create, retry, list, read, change, delete, the offices open at a time, and their refusals', async () => {
    // A Sunday long past: no other suite files at the MPP outlet then.
    const session = { officeId: 'outlet-mpp-jakarta', date: '2020-01-05', opens: '06:00', closes: '11:00', venue: 'Car-free day' };
    const key = randomUUID();
    const write = (token: string, body: unknown, k = randomUUID()) => http('POST', '/v1/outlet-sessions', { token, body, headers: { 'idempotency-key': k } });
    const created = await write(tokens.admin, session, key);
    expect(created.status).toBe(201);
    expect((await write(tokens.admin, session, key)).status).toBe(201);
    expect((await write(tokens.admin, { ...session, closes: '05:00' })).status).toBe(400);
    expect((await write(tokens.admin, { ...session, officeId: 'nope' })).status).toBe(422);
    // Days PostgreSQL refuses or that do not exist: a 400 naming the date, not a failed query.
    for (const date of ['0000-01-01', '2026-02-30', '2101-01-01']) {
      const refused = await write(tokens.admin, { ...session, date });
      expect([refused.status, refused.body.errors?.[0]?.field]).toEqual([400, 'date']);
    }
    expect((await write(tokens.kiosk, session)).status).toBe(403);
    const path = `/v1/outlet-sessions/${created.body.id}`;
    expect((await http('GET', '/v1/outlet-sessions?office=outlet-mpp-jakarta&from=2020-01-01&to=2020-01-31', { token: tokens.kiosk })).status).toBe(200);
    expect((await http('GET', '/v1/outlet-sessions?from=January', { token: tokens.kiosk })).status).toBe(400);
    expect((await http('GET', path, { token: tokens.kiosk })).status).toBe(200);
    expect((await http('PUT', path, { token: tokens.admin, body: { ...session, closes: '12:00' } })).status).toBe(200);
    expect((await http('PUT', path, { token: tokens.admin, body: { ...session, opens: 'noon' } })).status).toBe(400);
    expect((await http('PUT', '/v1/outlet-sessions/ses_NONE', { token: tokens.admin, body: session })).status).toBe(404);
    expect((await http('GET', '/v1/offices/open?near=31.74.02&at=2020-01-05T07:00:00%2B07:00', { token: tokens.kiosk })).status).toBe(200);
    expect((await http('GET', '/v1/offices/open?near=31.74', { token: tokens.kiosk })).status).toBe(200);
    expect((await http('GET', '/v1/offices/open?near=nowhere', { token: tokens.kiosk })).status).toBe(400);
    expect((await http('DELETE', path, { token: tokens.admin })).status).toBe(204);
    expect((await http('DELETE', path, { token: tokens.admin })).status).toBe(404);
    expect((await http('GET', path, { token: tokens.kiosk })).status).toBe(404);
  });

  it('an application through revision, resubmission and decisions; another withdrawn; the inbox and the public page', async () => {
    const key = randomUUID();
    const filed = await http('POST', '/v1/applications', { token: tokens.kiosk, body: sipDokter(), headers: { 'idempotency-key': key } });
    expect(filed.status).toBe(201);
    expect((await http('POST', '/v1/applications', { token: tokens.kiosk, body: sipDokter(), headers: { 'idempotency-key': key } })).status).toBe(201);
    const id: string = filed.body.id;
    const task = await openTaskOf(p, tokens.kiosk, id, 'DINKES');

    const read = await http('GET', `/v1/applications/${id}`, { token: tokens.kiosk });
    expect(read.status).toBe(200);
    expect((await http('GET', `/v1/applications/${id}`, { token: tokens.kiosk, headers: { 'if-none-match': read.headers.get('etag')! } })).status).toBe(304);
    expect((await http('GET', `/v1/applications/${id}`, { token: tokens.otherKiosk })).status).toBe(404);
    expect((await http('GET', `/v1/applications/${id}`, { token: tokens.dinkes })).status).toBe(200);
    expect((await http('GET', '/v1/applications?limit=1', { token: tokens.kiosk })).status).toBe(200);
    expect((await http('GET', '/v1/applications?status=in_review&sort=dueAt', { token: tokens.admin })).status).toBe(200);
    expect((await http('GET', '/v1/applications?sort=sideways', { token: tokens.admin })).status).toBe(400);

    expect((await http('GET', '/v1/tasks', { token: tokens.dinkes })).status).toBe(200);
    expect((await http('GET', '/v1/tasks?agency=DCKTRP', { token: tokens.dinkes })).status).toBe(403);
    expect((await http('GET', '/v1/tasks', { token: tokens.kiosk })).status).toBe(403);
    const held = await http('GET', `/v1/tasks/${task.id}`, { token: tokens.dinkes });
    expect(held.status).toBe(200);
    expect(held.body.application.applicant.nik).toBe(NIK);
    const unscoped = await p.token({ role: 'approver', agency: 'KELURAHAN', sub: 'kelurahan-without-office' });
    expect((await http('GET', '/v1/tasks', { token: unscoped })).status).toBe(403);
    expect((await http('GET', `/v1/tasks/${task.id}`, { token: tokens.dpmptsp })).status).toBe(404);

    expect((await http('POST', `/v1/tasks/${task.id}/decision`, { token: tokens.dpmptsp, body: { decision: 'approve', note: 'bukan tugas saya' } })).status).toBe(403);
    expect((await http('POST', `/v1/tasks/${task.id}/decision`, { token: tokens.dinkes, body: { decision: 'maybe', note: 'x' } })).status).toBe(400);
    expect((await http('POST', `/v1/applications/${id}/resubmit`, { token: tokens.kiosk, body: { note: 'belum diminta' } })).status).toBe(409);
    expect((await http('POST', `/v1/tasks/${task.id}/decision`, { token: tokens.dinkes, body: { decision: 'request_revision', note: 'STR kedaluwarsa' } })).status).toBe(200);
    expect((await http('POST', `/v1/tasks/${task.id}/decision`, { token: tokens.dinkes, body: { decision: 'approve', note: 'terlalu cepat' } })).status).toBe(409);
    expect((await http('POST', `/v1/applications/${id}/resubmit`, { token: tokens.kiosk, body: { data: { strNumber: 'STR' } } })).status).toBe(422);
    expect((await http('POST', `/v1/applications/${id}/resubmit`, { token: tokens.kiosk, body: { data: 'STR-2025-000001' } })).status).toBe(400);
    const str = { type: 'str', url: 'https://files.example.id/str-2025.pdf', sha256: 'd'.repeat(64) };
    const resubmitted = await http('POST', `/v1/applications/${id}/resubmit`, { token: tokens.kiosk, body: { note: 'STR baru terlampir', data: { strNumber: 'STR-2025-000001' }, documents: [str] } });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.timeline.find((e: { type: string }) => e.type === 'resubmitted').changedFields).toEqual(['strNumber']);
    const second = await openTaskOf(p, tokens.kiosk, id, 'DINKES');
    const reread = await http('GET', `/v1/tasks/${second.id}`, { token: tokens.dinkes });
    expect(reread.body.application.resubmissions).toEqual([expect.objectContaining({ changedFields: ['strNumber'], changedDocuments: ['str'] })]);
    expect((await http('POST', `/v1/tasks/${second.id}/decision`, { token: tokens.dinkes, body: { decision: 'approve', note: 'Lengkap' } })).status).toBe(200);
    expect((await http('POST', `/v1/tasks/${second.id}/decision`, { token: tokens.dinkes, body: { decision: 'approve', note: 'lagi' } })).status).toBe(409);
    const issuance = await openTaskOf(p, tokens.kiosk, id, 'DPMPTSP');
    const dpmptspOfficer = await p.token({ role: 'approver', agency: 'DPMPTSP', sub: 'dpmptsp-officer' });
    expect((await http('POST', `/v1/tasks/${issuance.id}/decision`, { token: dpmptspOfficer, body: { decision: 'approve', note: 'bukan kepala' } })).status).toBe(403);

    const track = await http('GET', `/v1/track/${filed.body.trackingCode}`);
    expect(track.status).toBe(200);
    expect((await http('GET', '/v1/track/AAAA-BBBB-CCCC')).status).toBe(404);
    expect((await http('GET', '/v1/public/accountability')).status).toBe(200);
    expect((await http('GET', '/v1/public/accountability?month=2026-13')).status).toBe(400);

    const other = await submit(p, tokens.kiosk);
    expect(other.status).toBe(201);
    await projected(p, other.body.id);
    expect((await http('POST', `/v1/applications/${other.body.id}/withdraw`, { token: tokens.kiosk, body: { reason: 'Pindah kota' } })).status).toBe(200);
    expect((await http('POST', `/v1/applications/${other.body.id}/withdraw`, { token: tokens.kiosk, body: { reason: 'lagi' } })).status).toBe(409);
    expect((await http('POST', `/v1/applications/${other.body.id}/withdraw`, { token: tokens.dinkes, body: { reason: 'x' } })).status).toBe(403);
  });

  it('the queues, their counts, and claim, release, assign and decide on a claimed task, with their refusals', async () => {
    const filed = await submit(p, tokens.kiosk);
    const task = await openTaskOf(p, tokens.kiosk, filed.body.id, 'DINKES');
    const colleague = await p.token({ role: 'approver', agency: 'DINKES', sub: 'dinkes-colleague' });
    const head = await p.token({ role: 'approver', agency: 'DINKES', sub: 'dinkes-head', position: 'head' });
    const path = `/v1/tasks/${task.id}`;

    for (const queue of ['mine', 'unclaimed', 'open', 'done']) expect((await http('GET', `/v1/tasks?queue=${queue}&permitType=SIP_DOKTER&due=soon&sort=due`, { token: tokens.dinkes })).status).toBe(200);
    expect((await http('GET', '/v1/tasks/counts?step=dinkes_verification&office=prov-31', { token: tokens.dinkes })).status).toBe(200);
    expect((await http('GET', '/v1/tasks/counts?due=someday', { token: tokens.dinkes })).status).toBe(400);
    expect((await http('GET', '/v1/tasks/counts', { token: tokens.kiosk })).status).toBe(403);

    expect((await http('POST', `${path}/claim`, { token: tokens.dinkes })).status).toBe(200);
    expect((await http('GET', path, { token: tokens.dinkes })).body.claimedBy).toBe('dinkes-officer');
    expect((await http('POST', `${path}/claim`, { token: colleague })).status).toBe(409);
    expect((await http('POST', `${path}/decision`, { token: colleague, body: { decision: 'approve' } })).status).toBe(409);
    expect((await http('POST', `${path}/unclaim`, { token: colleague })).status).toBe(409);
    expect((await http('POST', `${path}/claim`, { token: tokens.dpmptsp })).status).toBe(403);
    expect((await http('POST', `${path}/unclaim`, { token: tokens.dinkes })).status).toBe(200);
    expect((await http('POST', `${path}/unclaim`, { token: tokens.dinkes })).status).toBe(409);
    expect((await http('POST', `${path}/assign`, { token: tokens.dinkes, body: { officerId: 'dinkes-colleague' } })).status).toBe(403);
    expect((await http('POST', `${path}/assign`, { token: head, body: { officerId: '' } })).status).toBe(400);
    expect((await http('POST', `${path}/assign`, { token: head, body: { officerId: 'dinkes-colleague' } })).status).toBe(200);
    expect((await http('GET', '/v1/tasks?queue=mine', { token: colleague })).body.items.map((t: { id: string }) => t.id)).toContain(task.id);
    expect((await http('POST', `${path}/decision`, { token: colleague, body: { decision: 'approve' } })).status).toBe(200);
    expect((await http('POST', `${path}/claim`, { token: colleague })).status).toBe(409);
    expect((await http('POST', `/v1/tasks/${filed.body.id}.nope.1/claim`, { token: colleague })).status).toBe(404);
  });

  it('refusals of a submission: validation, unknown permit type, role, token, media type, JSON, idempotency key', async () => {
    expect((await http('POST', '/v1/applications', { token: tokens.kiosk, body: sipDokter({ applicant: { nik: '123', name: 'x' } }) })).status).toBe(400);
    expect((await http('POST', '/v1/applications', { token: tokens.kiosk, body: sipDokter({ permitType: 'NOPE' }) })).status).toBe(422);
    expect((await http('POST', '/v1/applications', { token: tokens.dinkes, body: sipDokter() })).status).toBe(403);
    expect((await http('POST', '/v1/applications', { body: sipDokter() })).status).toBe(401);
    expect((await http('POST', '/v1/applications', { token: tokens.kiosk, rawBody: 'permitType=SKDU', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await http('POST', '/v1/applications', { token: tokens.kiosk, rawBody: '{"permitType":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await http('POST', '/v1/applications', { token: tokens.kiosk, body: sipDokter(), headers: { 'idempotency-key': '' } })).status).toBe(400);
    expect((await http('POST', '/v1/applications', { token: tokens.kiosk, rawBody: JSON.stringify({ pad: 'x'.repeat(1_100_000) }), headers: { 'content-type': 'application/json' } })).status).toBe(413);
    const key = randomUUID();
    expect((await http('POST', '/v1/applications', { token: tokens.kiosk, body: sipDokter(), headers: { 'idempotency-key': key } })).status).toBe(201);
    expect((await http('POST', '/v1/applications', { token: tokens.kiosk, body: sipDokter({ data: { ...sipDokter().data, practicePlaceNumber: 2 } }), headers: { 'idempotency-key': key } })).status).toBe(422);
    expect((await http('GET', '/v1/nowhere', { token: tokens.kiosk })).status).toBe(404);
    drift.splice(drift.findIndex((d) => d.startsWith('GET /v1/nowhere')), 1);
  });

  it('webhooks: register, list, read, deliveries, delete', async () => {
    const hook = await http('POST', '/v1/webhooks', { token: tokens.kiosk, body: { url: 'http://127.0.0.1:9/satupintu', secret: `whsec_${randomUUID()}`, description: 'back office' } });
    expect(hook.status).toBe(201);
    expect((await http('POST', '/v1/webhooks', { token: tokens.kiosk, body: { url: 'ftp://example.id', secret: 'short' } })).status).toBe(400);
    expect((await http('POST', '/v1/webhooks', { token: tokens.dinkes, body: { url: 'http://127.0.0.1:9/x', secret: `whsec_${randomUUID()}` } })).status).toBe(403);
    expect((await http('GET', '/v1/webhooks', { token: tokens.kiosk })).status).toBe(200);
    expect((await http('GET', `/v1/webhooks/${hook.body.id}`, { token: tokens.kiosk })).status).toBe(200);
    expect((await http('GET', `/v1/webhooks/${hook.body.id}`, { token: tokens.otherKiosk })).status).toBe(404);
    expect((await http('GET', `/v1/webhooks/${hook.body.id}/deliveries?limit=5`, { token: tokens.kiosk })).status).toBe(200);
    expect((await http('GET', '/v1/webhooks', { token: tokens.dinkes })).status).toBe(403);
    expect((await http('DELETE', `/v1/webhooks/${hook.body.id}`, { token: tokens.kiosk })).status).toBe(204);
    expect((await http('DELETE', `/v1/webhooks/${hook.body.id}`, { token: tokens.kiosk })).status).toBe(404);
  });

  it('development sign-in: the seeded roles, agencies and offices, and a token for one of them', async () => {
    const config = await http('GET', '/v1/console/config');
    expect([config.status, config.body]).toEqual([200, { devSignIn: true, oidc: null }]);
    const options = await http('GET', '/v1/dev/sign-in');
    expect(options.status).toBe(200);
    const minted = await http('POST', '/v1/dev/tokens', { body: { role: 'approver', agency: 'KELURAHAN', office: 'kel-31.71.01.1001' } });
    expect(minted.status).toBe(201);
    expect((await http('GET', '/v1/tasks?limit=1', { token: minted.body.token })).status).toBe(200);
    expect((await http('POST', '/v1/dev/tokens', { body: { role: 'approver', agency: 'KELURAHAN' } })).status).toBe(400);
  });

  it('complaints: filed in public, escalated when money was asked, read back by tracking code', async () => {
    const filed = await http('POST', '/v1/complaints', { body: { channel: 'web', officeId: 'kel-31.71.01.1001', category: 'illegal_fee', description: 'Diminta uang pelicin' } });
    expect(filed.status).toBe(201);
    expect(filed.headers.get('location')).toBe(`/v1/complaints/${filed.body.trackingCode}`);
    const quiet = await http('POST', '/v1/complaints', { body: { channel: 'sms', officeId: 'outlet-mpp-jakarta', category: 'slow_service' } });
    expect(quiet.status).toBe(201);
    expect((await http('GET', `/v1/complaints/${filed.body.trackingCode}`)).status).toBe(200);
    expect((await http('GET', `/v1/complaints/${quiet.body.trackingCode}`)).status).toBe(200);
    expect((await http('GET', '/v1/complaints/ADU-AAAA-BBBB')).status).toBe(404);
    expect((await http('POST', '/v1/complaints', { body: { channel: 'pigeon', officeId: 'kel-31.71.01.1001', category: 'other' } })).status).toBe(400);
    expect((await http('POST', '/v1/complaints', { body: { channel: 'web', officeId: 'nope', category: 'other' } })).status).toBe(422);
  });

  it("complaints: the office's inbox, the answer, the close, the filer's reopening, and their refusals; the kecamatan scorecard", async () => {
    const camat = { token: await p.token({ role: 'approver', agency: 'KECAMATAN', office: 'kec-31.71.01', sub: 'camat-gambir' }) };
    const admin = { token: tokens.admin };
    const filed = await http('POST', '/v1/complaints', { body: { channel: 'web', officeId: 'kel-31.71.01.1001', category: 'slow_service', description: 'Lama sekali' } });
    const code = filed.body.trackingCode as string;
    await eventually(async () => (await p.http('GET', `/v1/complaints/${code}`)).body.status, (s) => s === 'assigned', `${code} assigned`);
    expect((await http('GET', '/v1/complaints/inbox?status=assigned&limit=1', camat)).status).toBe(200);
    expect((await http('GET', '/v1/complaints/inbox?status=lost', camat)).status).toBe(400);
    expect((await http('GET', '/v1/complaints/inbox?office=kec-31.74.01', camat)).status).toBe(403);
    expect((await http('GET', '/v1/complaints/inbox', admin)).status).toBe(200);
    expect((await http('POST', `/v1/complaints/${code}/close`, { ...camat, body: {} })).status).toBe(409);
    expect((await http('POST', `/v1/complaints/${code}/reopen`, { body: { pin: filed.body.followUpPin, reason: 'Belum' } })).status).toBe(409);
    expect((await http('POST', `/v1/complaints/${code}/answer`, { ...camat, body: {} })).status).toBe(400);
    expect((await http('POST', `/v1/complaints/${code}/answer`, { ...camat, body: { text: 'Sudah diproses.' } })).status).toBe(200);
    expect((await http('POST', `/v1/complaints/${code}/answer`, { ...camat, body: { text: 'Lagi.' } })).status).toBe(409);
    expect((await http('POST', `/v1/complaints/${code}/reopen`, { body: { pin: 'WRONGPIN', reason: 'Belum' } })).status).toBe(403);
    expect((await http('POST', `/v1/complaints/${code}/reopen`, { body: { pin: filed.body.followUpPin, reason: 'Belum selesai' } })).status).toBe(200);
    expect((await http('POST', `/v1/complaints/${code}/answer`, { ...camat, body: { text: 'Sudah terbit.' } })).status).toBe(200);
    expect((await http('POST', `/v1/complaints/${code}/close`, { ...camat, body: { note: 'Selesai' } })).status).toBe(200);
    expect((await http('POST', `/v1/complaints/${code}/close`, { ...camat, body: {} })).status).toBe(409);
    expect((await http('POST', '/v1/complaints/ADU-AAAA-BBBB/answer', { ...camat, body: { text: 'x' } })).status).toBe(404);
    expect((await http('GET', `/v1/complaints/${code}`)).status).toBe(200);

    expect((await http('GET', '/v1/reports/kecamatan-scorecard?kecamatan=kec-31.71.01&month=2026-06', camat)).status).toBe(200);
    expect((await http('GET', '/v1/reports/kecamatan-scorecard?kecamatan=kec-31.71.01', admin)).status).toBe(200);
    expect((await http('GET', '/v1/reports/kecamatan-scorecard?kecamatan=kec-31.71.01&month=2026-13', admin)).status).toBe(400);
    expect((await http('GET', '/v1/reports/kecamatan-scorecard?kecamatan=kel-31.71.01.1001', admin)).status).toBe(422);
    expect((await http('GET', '/v1/reports/kecamatan-scorecard', admin)).status).toBe(400);
    expect((await http('GET', '/v1/reports/kecamatan-scorecard?kecamatan=kec-31.74.01', camat)).status).toBe(403);
  });

  it('the calendar run by admins: closures, a year and its decree, and their refusals', async () => {
    // Far-future days of an office no other suite files at: the suites share one database.
    const admin = { token: tokens.admin };
    const closure = { date: '2099-01-05', officeId: 'kel-31.75.01.1003', name: 'Banjir', decree: 'Ingub 7/2099', reason: 'Kantor terendam' };
    const closed = await http('POST', '/v1/calendar/closures', { ...admin, body: closure });
    expect(closed.status).toBe(201);
    expect((await http('POST', '/v1/calendar/closures', { ...admin, body: closure })).status).toBe(409);
    expect((await http('POST', '/v1/calendar/closures', { ...admin, body: { ...closure, officeId: 'nope' } })).status).toBe(422);
    expect((await http('POST', '/v1/calendar/closures', { ...admin, body: { ...closure, date: '2099-01-03' } })).status).toBe(400);
    expect((await http('GET', '/v1/calendar/closures?year=2099', admin)).status).toBe(200);
    expect((await http('GET', '/v1/calendar/closures', admin)).status).toBe(200);
    expect((await http('GET', '/v1/calendar/closures?year=1999', admin)).status).toBe(400);
    expect((await http('POST', `/v1/calendar/closures/${closed.body.id}/cancel`, { ...admin, body: { reason: 'Surut' } })).status).toBe(200);
    expect((await http('POST', '/v1/calendar/closures/cl_NONE/cancel', { ...admin, body: { reason: 'Surut' } })).status).toBe(404);
    expect((await http('GET', '/v1/calendar/years/2027', admin)).status).toBe(200);
    expect((await http('GET', '/v1/calendar/years/2099', admin)).status).toBe(200);
    expect((await http('GET', '/v1/calendar/years/20x7', admin)).status).toBe(400);
    const decree = { decree: 'SKB Nomor 1 Tahun 2097', days: [{ date: '2098-01-01', name: 'Tahun Baru 2098 Masehi', kind: 'national' }] };
    expect((await http('POST', '/v1/calendar/years/2098/decree', { ...admin, body: decree })).status).toBe(200);
    expect((await http('POST', '/v1/calendar/years/2098/decree', { ...admin, body: decree })).body.changed).toBe(false);
    expect((await http('POST', '/v1/calendar/years/2098/decree', { ...admin, body: { ...decree, days: [{ date: '2098-02-30', name: 'x', kind: 'national' }] } })).status).toBe(400);
    expect((await http('GET', '/v1/calendar/years/2027', { token: tokens.dinkes })).status).toBe(403);
  });

  it('reports: JSON and CSV, with a period and without, and their refusals', async () => {
    const admin = { token: tokens.admin };
    const csv = { token: tokens.admin, headers: { accept: 'text/csv' } };
    for (const period of [PERIOD, '']) {
      expect((await http('GET', `/v1/reports/sla/agencies?${period}`, admin)).status).toBe(200);
      expect((await http('GET', `/v1/reports/sla/offices?${period}`, admin)).status).toBe(200);
      expect((await http('GET', `/v1/reports/points?by=officer&${period}`, admin)).status).toBe(200);
      expect((await http('GET', `/v1/reports/offices/merge-candidates?${period}`, admin)).status).toBe(200);
      expect((await http('GET', `/v1/reports/offices/kel-31.71.01.1001/load?${period}`, admin)).status).toBe(200);
      expect((await http('GET', `/v1/reports/offices/outlet-mpp-jakarta/load?${period}`, admin)).status).toBe(200);
      expect((await http('GET', `/v1/reports/complaints?${period}`, admin)).status).toBe(200);
      expect((await http('GET', `/v1/reports/sla/weeks?${period}`, admin)).status).toBe(200);
    }
    expect((await http('GET', `/v1/reports/sla/weeks?${PERIOD}&agency=DINKES&permitType=SIP_DOKTER`, admin)).status).toBe(200);
    expect((await http('GET', `/v1/reports/sla/weeks?${PERIOD}&office=nope`, admin)).status).toBe(422);
    expect((await http('GET', '/v1/reports/open-steps', admin)).status).toBe(200);
    expect((await http('GET', '/v1/reports/open-steps?permitType=SIP_DOKTER&version=1', { token: tokens.dpmptsp })).status).toBe(200);
    expect((await http('GET', '/v1/reports/open-steps?permitType=NOPE', admin)).status).toBe(422);
    expect((await http('GET', '/v1/reports/open-steps?version=1', admin)).status).toBe(400);
    expect((await http('GET', '/v1/reports/open-steps', { token: tokens.dinkes })).status).toBe(403);
    for (const path of ['sla/agencies', 'sla/offices', 'points?by=agency', 'complaints']) expect((await http('GET', `/v1/reports/${path}`, csv)).status).toBe(200);
    expect((await http('GET', '/v1/reports/sla/agencies?from=2026-06-30&to=2026-06-01', admin)).status).toBe(400);
    expect((await http('GET', '/v1/reports/sla/agencies?from=2025-01-01&to=2026-06-30', admin)).body.maxRangeDays).toBe(366);
    expect((await http('GET', '/v1/reports/points?by=officer&cursor=bm9wZQ', admin)).status).toBe(400);
    expect((await http('GET', `/v1/reports/sla/agencies?permitType=NOPE`, admin)).status).toBe(422);
    expect((await http('GET', `/v1/reports/sla/offices?permitType=NOPE`, admin)).status).toBe(422);
    expect((await http('GET', '/v1/reports/points?by=officer&office=nope', admin)).status).toBe(422);
    expect((await http('GET', '/v1/reports/points?by=kecamatan', admin)).status).toBe(400);
    expect((await http('GET', '/v1/reports/offices/nope/load', admin)).status).toBe(404);
    expect((await http('GET', '/v1/reports/offices/merge-candidates?from=2026-06-01', admin)).status).toBe(400);
    expect((await http('GET', '/v1/reports/complaints?to=x', admin)).status).toBe(400);
    expect((await http('GET', '/v1/reports/sla/agencies', { token: tokens.dinkes })).status).toBe(403);
    expect((await http('GET', '/v1/reports/sla/agencies')).status).toBe(401);
  });

  it('types every property of every schema: no bare `object` standing for a string, a number or a date', () => {
    const schemas = served.components.schemas as Record<string, { properties?: Record<string, Record<string, unknown>> }>;
    const bare = Object.entries(schemas).flatMap(([name, s]) =>
      Object.entries(s.properties ?? {})
        // A free-form object (a JSON Schema, the permit data) says so with additionalProperties.
        .filter(([, prop]) => prop.type === 'object' && !prop.properties && !prop.allOf && prop.additionalProperties === undefined)
        .map(([field]) => `${name}.${field}`),
    );
    expect(bare).toEqual([]);
  });

  it('left no operation of the document unexercised', () => {
    const succeeded = new Set([...doc.seen].filter((s) => /\s[23]\d\d$/.test(s)).map((s) => s.replace(/\s\d{3}$/, '')));
    expect(doc.operations.filter((op) => !succeeded.has(op))).toEqual([]);
  });
});
