// The authorization matrix: every endpoint × every kind of caller × own or someone else's resource.
// Only the allowed combinations succeed; the rest get the documented status (docs/api.md):
//   401 without a token · 403 when the role may not call the endpoint at all (or an approver names
//   another agency's inbox, or decides another agency's task: the workflow refuses it) · 404 for a
//   resource that belongs to someone else, exactly as for one that does not exist.
// A last check compares the matrix with the OpenAPI document, so a new endpoint cannot slip by.
import { randomUUID } from 'node:crypto';
import { startPlatform, Platform } from '../support/platform';
import { eventually } from '../support/time-skipping';
import { openTaskOf, sipDokter, submit } from './fixtures/applications';

type Caller = 'none' | 'integrator' | 'otherIntegrator' | 'approver' | 'otherApprover' | 'admin';
const CALLERS: Caller[] = ['none', 'integrator', 'otherIntegrator', 'approver', 'otherApprover', 'admin'];

interface Row {
  /** As in the OpenAPI document, e.g. 'GET /v1/applications/{id}'. */
  endpoint: string;
  /** The concrete path; a function when the resource must be fresh for each caller (the call changes it). */
  path: string | ((caller: Caller) => Promise<string>);
  body?: unknown;
  expect: Record<Caller, number | 'ok'>;
}

const PROBLEM_OF: Record<number, string[]> = { 401: ['unauthorized'], 403: ['forbidden', 'wrong-agency', 'wrong-position'], 404: ['not-found'] };

describe('authorization matrix', () => {
  let p: Platform;
  const tokens = {} as Record<Exclude<Caller, 'none'>, string>;
  let appId: string;
  let taskId: string;
  let trackingCode: string;

  beforeAll(async () => {
    p = await startPlatform();
    tokens.integrator = await p.token({ role: 'integrator', sub: `kiosk-a-${randomUUID()}` });
    tokens.otherIntegrator = await p.token({ role: 'integrator', sub: `kiosk-b-${randomUUID()}` });
    tokens.approver = await p.token({ role: 'approver', agency: 'DINKES', sub: `dinkes-${randomUUID()}` });
    tokens.otherApprover = await p.token({ role: 'approver', agency: 'DCKTRP', sub: `dcktrp-${randomUUID()}` });
    tokens.admin = await p.token({ role: 'admin', sub: `admin-${randomUUID()}` });
    const app = await submit(p, tokens.integrator);
    appId = app.body.id;
    trackingCode = app.body.trackingCode;
    taskId = (await openTaskOf(p, tokens.integrator, appId, 'DINKES')).id;
  });
  afterAll(async () => {
    await p?.close();
  });

  /** A fresh application of the integrator, with its DINKES task open. */
  const freshApplication = async () => {
    const r = await submit(p, tokens.integrator);
    await openTaskOf(p, tokens.integrator, r.body.id, 'DINKES');
    return r.body.id as string;
  };
  /** A fresh application of the integrator waiting for it to answer a revision request. */
  const awaitingApplicant = async () => {
    const id = await freshApplication();
    const task = await openTaskOf(p, tokens.integrator, id, 'DINKES');
    const r = await p.http('POST', `/v1/tasks/${task.id}/decision`, { token: tokens.approver, body: { decision: 'request_revision', note: 'Lampirkan STR' } });
    expect(r.body.status).toBe('awaiting_applicant');
    return id;
  };
  /** A fresh DINKES task claimed by the matrix's DINKES approver. */
  const claimedTask = async () => {
    const task = await openTaskOf(p, tokens.integrator, await freshApplication(), 'DINKES');
    expect((await p.http('POST', `/v1/tasks/${task.id}/claim`, { token: tokens.approver })).status).toBe(200);
    return task.id as string;
  };
  const hookOf = async (owner: 'integrator' | 'otherIntegrator') => {
    const r = await p.http('POST', '/v1/webhooks', { token: tokens[owner], body: { url: 'https://hooks.example.id/x', secret: 'x'.repeat(40) } });
    return r.body.id as string;
  };

  /** A fresh complaint about a kelurahan office (answered by its kecamatan); its PIN is kept for the reopen row. */
  let complaintPin = '';
  const freshComplaint = async () => {
    const r = await p.http('POST', '/v1/complaints', { body: { channel: 'web', officeId: 'kel-31.71.01.1001', category: 'other' } });
    complaintPin = r.body.followUpPin;
    return r.body.trackingCode as string;
  };

  /** A Sunday long past at the MPP outlet: no other suite files then. */
  const SESSION = { officeId: 'outlet-mpp-jakarta', date: '2020-01-12', opens: '06:00', closes: '11:00' };
  const sessionId = async () => {
    const r = await p.http('POST', '/v1/outlet-sessions', { token: tokens.admin, body: SESSION });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };

  const DAY = 'from=2025-01-01&to=2025-01-31';
  const rows = (): Row[] => [
    { endpoint: 'GET /health', path: '/health', expect: { none: 200, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    { endpoint: 'GET /metrics', path: '/metrics', expect: { none: 200, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    { endpoint: 'GET /v1/permit-types', path: '/v1/permit-types', expect: { none: 200, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    { endpoint: 'GET /v1/permit-types/{code}', path: '/v1/permit-types/SIP_DOKTER', expect: { none: 200, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    { endpoint: 'GET /v1/permit-types/{code}/bpmn', path: '/v1/permit-types/SIP_DOKTER/bpmn', expect: { none: 200, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    { endpoint: 'GET /v1/offices', path: '/v1/offices?limit=5', expect: { none: 401, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    { endpoint: 'GET /v1/offices/{id}', path: '/v1/offices/kel-31.71.01.1001', expect: { none: 401, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    { endpoint: 'GET /v1/offices/open', path: '/v1/offices/open?near=31.71.01', expect: { none: 401, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    // Outlet sessions: everyone with a token reads them; only admins write them.
    { endpoint: 'POST /v1/outlet-sessions', path: '/v1/outlet-sessions', body: SESSION, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 201 } },
    { endpoint: 'GET /v1/outlet-sessions', path: '/v1/outlet-sessions?from=2020-01-01&to=2020-01-31', expect: { none: 401, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    { endpoint: 'GET /v1/outlet-sessions/{id}', path: async () => `/v1/outlet-sessions/${await sessionId()}`, expect: { none: 401, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    { endpoint: 'PUT /v1/outlet-sessions/{id}', path: async () => `/v1/outlet-sessions/${await sessionId()}`, body: SESSION, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 200 } },
    { endpoint: 'DELETE /v1/outlet-sessions/{id}', path: async () => `/v1/outlet-sessions/${await sessionId()}`, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 204 } },
    { endpoint: 'GET /v1/track/{trackingCode}', path: `/v1/track/${trackingCode}`, expect: { none: 200, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },

    { endpoint: 'POST /v1/applications', path: '/v1/applications', body: sipDokter(), expect: { none: 401, integrator: 201, otherIntegrator: 201, approver: 403, otherApprover: 403, admin: 403 } },
    { endpoint: 'GET /v1/applications', path: '/v1/applications', expect: { none: 401, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    { endpoint: 'GET /v1/applications/{id}', path: `/v1/applications/${appId}`, expect: { none: 401, integrator: 200, otherIntegrator: 404, approver: 200, otherApprover: 404, admin: 200 } },
    {
      endpoint: 'POST /v1/applications/{id}/resubmit',
      path: async () => `/v1/applications/${await awaitingApplicant()}/resubmit`,
      body: { note: 'STR terlampir' },
      expect: { none: 401, integrator: 200, otherIntegrator: 404, approver: 403, otherApprover: 403, admin: 403 },
    },
    {
      endpoint: 'POST /v1/applications/{id}/withdraw',
      path: async () => `/v1/applications/${await freshApplication()}/withdraw`,
      body: { reason: 'Tidak jadi' },
      expect: { none: 401, integrator: 200, otherIntegrator: 404, approver: 403, otherApprover: 403, admin: 200 },
    },

    { endpoint: 'GET /v1/tasks', path: '/v1/tasks', expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 200, otherApprover: 200, admin: 200 } },
    { endpoint: 'GET /v1/tasks', path: '/v1/tasks?agency=DINKES', expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 200, otherApprover: 403, admin: 200 } },
    { endpoint: 'GET /v1/tasks/{taskId}', path: `/v1/tasks/${taskId}`, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 200, otherApprover: 404, admin: 200 } },
    {
      endpoint: 'POST /v1/tasks/{taskId}/decision',
      path: async () => `/v1/tasks/${(await openTaskOf(p, tokens.integrator, await freshApplication(), 'DINKES')).id}/decision`,
      body: { decision: 'approve', note: 'Lengkap' },
      expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 200, otherApprover: 403, admin: 403 },
    },

    { endpoint: 'GET /v1/tasks/counts', path: '/v1/tasks/counts', expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 200, otherApprover: 200, admin: 200 } },
    {
      endpoint: 'POST /v1/tasks/{taskId}/claim',
      path: async () => `/v1/tasks/${(await openTaskOf(p, tokens.integrator, await freshApplication(), 'DINKES')).id}/claim`,
      expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 200, otherApprover: 403, admin: 403 },
    },
    {
      endpoint: 'POST /v1/tasks/{taskId}/unclaim',
      path: async () => `/v1/tasks/${await claimedTask()}/unclaim`,
      expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 200, otherApprover: 403, admin: 403 },
    },
    // Heads only: the matrix's approvers are officers (refused 403 wrong-position), a head of another agency is refused 403 wrong-agency.
    {
      endpoint: 'POST /v1/tasks/{taskId}/assign',
      path: async () => `/v1/tasks/${await claimedTask()}/assign`,
      body: { officerId: 'dinkes-officer-2' },
      expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 403 },
    },
    { endpoint: 'POST /v1/webhooks', path: '/v1/webhooks', body: { url: 'https://hooks.example.id/x', secret: 'x'.repeat(40) }, expect: { none: 401, integrator: 201, otherIntegrator: 201, approver: 403, otherApprover: 403, admin: 403 } },
    { endpoint: 'GET /v1/webhooks', path: '/v1/webhooks', expect: { none: 401, integrator: 200, otherIntegrator: 200, approver: 403, otherApprover: 403, admin: 403 } },
    { endpoint: 'GET /v1/webhooks/{id}', path: async () => `/v1/webhooks/${await hookOf('integrator')}`, expect: { none: 401, integrator: 200, otherIntegrator: 404, approver: 403, otherApprover: 403, admin: 403 } },
    {
      endpoint: 'GET /v1/webhooks/{id}/deliveries',
      path: async () => `/v1/webhooks/${await hookOf('integrator')}/deliveries`,
      expect: { none: 401, integrator: 200, otherIntegrator: 404, approver: 403, otherApprover: 403, admin: 403 },
    },
    { endpoint: 'DELETE /v1/webhooks/{id}', path: async () => `/v1/webhooks/${await hookOf('integrator')}`, expect: { none: 401, integrator: 204, otherIntegrator: 404, approver: 403, otherApprover: 403, admin: 403 } },

    // Management reports: admins only. 'ok' = authorization passed (the report's own validation may still answer 4xx).
    { endpoint: 'GET /v1/reports/sla/agencies', path: `/v1/reports/sla/agencies?${DAY}`, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 'ok' } },
    { endpoint: 'GET /v1/reports/sla/offices', path: `/v1/reports/sla/offices?${DAY}`, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 'ok' } },
    { endpoint: 'GET /v1/reports/points', path: `/v1/reports/points?by=agency&${DAY}`, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 'ok' } },
    { endpoint: 'GET /v1/reports/offices/merge-candidates', path: `/v1/reports/offices/merge-candidates?${DAY}`, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 'ok' } },
    { endpoint: 'GET /v1/reports/offices/{id}/load', path: `/v1/reports/offices/kel-31.71.01.1001/load?${DAY}`, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 'ok' } },
    { endpoint: 'GET /v1/reports/complaints', path: `/v1/reports/complaints?${DAY}`, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 'ok' } },
    // The SLA wall's reads: admins and heads (the approvers here are officers: refused).
    { endpoint: 'GET /v1/reports/open-steps', path: '/v1/reports/open-steps', expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 200 } },
    { endpoint: 'GET /v1/reports/sla/weeks', path: `/v1/reports/sla/weeks?${DAY}`, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 200 } },
    // The admin catalogue view: versions with their running applications.
    { endpoint: 'GET /v1/permit-types/{code}/versions', path: '/v1/permit-types/SIP_DOKTER/versions', expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 200 } },
    // The calendar run by admins: admins only. The writes send bodies the endpoint refuses ('ok'), so the shared database keeps its calendar.
    { endpoint: 'GET /v1/calendar/years/{year}', path: '/v1/calendar/years/2027', expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 200 } },
    { endpoint: 'POST /v1/calendar/years/{year}/decree', path: '/v1/calendar/years/2027/decree', body: {}, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 'ok' } },
    { endpoint: 'GET /v1/calendar/closures', path: '/v1/calendar/closures', expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 200 } },
    { endpoint: 'POST /v1/calendar/closures', path: '/v1/calendar/closures', body: {}, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 'ok' } },
    { endpoint: 'POST /v1/calendar/closures/{id}/cancel', path: '/v1/calendar/closures/cl_NONE/cancel', body: { reason: 'x' }, expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 'ok' } },
    // The console's sign-in settings: read before anyone signs in.
    { endpoint: 'GET /v1/console/config', path: '/v1/console/config', expect: { none: 200, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    // The governor's late list and the agencies' missed deadlines are public: no token, no personal data.
    { endpoint: 'GET /v1/public/accountability', path: '/v1/public/accountability', expect: { none: 200, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    // Complaints (pengaduan) are public: any citizen, no token.
    { endpoint: 'POST /v1/complaints', path: '/v1/complaints', body: {}, expect: { none: 'ok', integrator: 'ok', otherIntegrator: 'ok', approver: 'ok', otherApprover: 'ok', admin: 'ok' } },
    { endpoint: 'GET /v1/complaints/{trackingCode}', path: '/v1/complaints/ADU-0000-0000', expect: { none: 'ok', integrator: 'ok', otherIntegrator: 'ok', approver: 'ok', otherApprover: 'ok', admin: 'ok' } },
    // Complaints: filed and followed in public; the office inbox, answer and close need an approver of the
    // answering office (the matrix's approvers sit in no office: 403) or an admin ('ok': the complaint's
    // own state may still answer 409); reopening takes the code and the filer's PIN, no token.
    { endpoint: 'GET /v1/complaints/inbox', path: '/v1/complaints/inbox', expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 200 } },
    {
      endpoint: 'POST /v1/complaints/{trackingCode}/answer',
      path: async () => `/v1/complaints/${await freshComplaint()}/answer`,
      body: { text: 'Sudah kami tindak lanjuti.' },
      expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 'ok' },
    },
    {
      endpoint: 'POST /v1/complaints/{trackingCode}/close',
      path: async () => `/v1/complaints/${await freshComplaint()}/close`,
      body: {},
      expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 'ok' },
    },
    {
      endpoint: 'POST /v1/complaints/{trackingCode}/reopen',
      path: async () => `/v1/complaints/${await freshComplaint()}/reopen`,
      get body() {
        return { pin: complaintPin, reason: 'Belum selesai' };
      },
      expect: { none: 'ok', integrator: 'ok', otherIntegrator: 'ok', approver: 'ok', otherApprover: 'ok', admin: 'ok' },
    },
    // The kecamatan scorecard: admins, and approvers of the kecamatan's own offices (not the matrix's).
    {
      endpoint: 'GET /v1/reports/kecamatan-scorecard',
      path: '/v1/reports/kecamatan-scorecard?kecamatan=kec-31.71.01',
      expect: { none: 401, integrator: 403, otherIntegrator: 403, approver: 403, otherApprover: 403, admin: 200 },
    },
    // The console's development sign-in: open while the development secret signs tokens (404 in production).
    { endpoint: 'GET /v1/dev/sign-in', path: '/v1/dev/sign-in', expect: { none: 200, integrator: 200, otherIntegrator: 200, approver: 200, otherApprover: 200, admin: 200 } },
    { endpoint: 'POST /v1/dev/tokens', path: '/v1/dev/tokens', body: { role: 'admin' }, expect: { none: 201, integrator: 201, otherIntegrator: 201, approver: 201, otherApprover: 201, admin: 201 } },
  ];

  it('allows exactly the documented combinations, and answers the rest with the documented status and problem type', async () => {
    const mismatches: string[] = [];
    for (const row of rows()) {
      for (const caller of CALLERS) {
        const path = typeof row.path === 'string' ? row.path : await row.path(caller);
        const method = row.endpoint.split(' ')[0];
        const r = await p.http(method, path, { token: caller === 'none' ? undefined : tokens[caller], body: row.body });
        const want = row.expect[caller];
        const denied = [401, 403].includes(r.status) || (r.status === 404 && want !== 'ok');
        const ok = want === 'ok' ? !denied && r.status < 500 : r.status === want;
        if (!ok) mismatches.push(`${row.endpoint} as ${caller}: expected ${want}, got ${r.status} ${r.text.slice(0, 160)}`);
        if (typeof want === 'number' && PROBLEM_OF[want] && r.status === want) {
          const kind = String(r.body?.type ?? '').split('/').pop();
          if (!PROBLEM_OF[want].includes(kind!) || !r.headers.get('content-type')?.startsWith('application/problem+json')) {
            mismatches.push(`${row.endpoint} as ${caller}: ${want} with problem type ${r.body?.type}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses a territorial approver whose token names no office on every endpoint that takes a token', async () => {
    const unscoped = await p.token({ role: 'approver', agency: 'KELURAHAN', sub: `kelurahan-${randomUUID()}`, position: 'head' });
    const mismatches: string[] = [];
    for (const row of rows()) {
      const open = row.expect.none !== 401;
      const path = typeof row.path === 'string' ? row.path : await row.path('approver');
      const r = await p.http(row.endpoint.split(' ')[0], path, { token: unscoped, body: row.body });
      const forbidden = r.status === 403 && String(r.body?.type).endsWith('/forbidden');
      // Where approvers may go, the refusal says the office is missing; elsewhere the role is refused first.
      const forApprovers = row.expect.approver !== 403;
      const refused = forbidden && (!forApprovers || /must name its office/.test(r.body.detail));
      if (open ? forbidden || r.status === 401 : !refused) mismatches.push(`${row.endpoint}: ${r.status} ${r.text.slice(0, 160)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('opens the SLA wall and the league tables to heads of an agency or office, not to its officers', async () => {
    const head = await p.token({ role: 'approver', agency: 'DINKES', sub: `dinkes-head-${randomUUID()}`, position: 'head' });
    for (const path of ['/v1/reports/open-steps', `/v1/reports/sla/weeks?${DAY}`, `/v1/reports/sla/agencies?${DAY}`, `/v1/reports/sla/offices?${DAY}`]) {
      expect([path, (await p.http('GET', path, { token: head })).status]).toEqual([path, 200]);
      expect([path, (await p.http('GET', path, { token: tokens.approver })).status]).toEqual([path, 403]);
    }
    expect((await p.http('GET', '/v1/permit-types/SIP_DOKTER/versions', { token: head })).status).toBe(403);
    expect((await p.http('GET', `/v1/reports/points?by=agency&${DAY}`, { token: head })).status).toBe(403);
  });

  it("lets only a head of the agency decide a head's step; an officer gets 403 wrong-position", async () => {
    const id = await freshApplication();
    const verification = await openTaskOf(p, tokens.integrator, id, 'DINKES');
    expect((await p.http('POST', `/v1/tasks/${verification.id}/decision`, { token: tokens.approver, body: { decision: 'approve', note: 'Lengkap' } })).status).toBe(200);
    const issuance = await openTaskOf(p, tokens.integrator, id, 'DPMPTSP');
    expect(issuance.role).toBe('head');
    const officer = await p.token({ role: 'approver', agency: 'DPMPTSP', sub: `dpmptsp-staff-${randomUUID()}`, position: 'officer' });
    const head = await p.token({ role: 'approver', agency: 'DPMPTSP', sub: `dpmptsp-head-${randomUUID()}`, position: 'head' });
    const asOfficer = await p.http('POST', `/v1/tasks/${issuance.id}/decision`, { token: officer, body: { decision: 'approve', note: 'Terbit' } });
    expect([asOfficer.status, asOfficer.body.type]).toEqual([403, 'https://satupintu.jakarta.go.id/problems/wrong-position']);
    expect((await p.http('POST', `/v1/tasks/${issuance.id}/decision`, { token: head, body: { decision: 'approve', note: 'Terbit' } })).status).toBe(200);
  });

  it("gives the application's data, documents and applicant in GET /v1/tasks/{taskId} only to the task's holders", async () => {
    const holder = await p.http('GET', `/v1/tasks/${taskId}`, { token: tokens.approver });
    expect(holder.body.application).toMatchObject({ data: expect.any(Object), documents: expect.any(Array), applicant: { nik: '3171011505900001' } });
    expect((await p.http('GET', `/v1/tasks/${taskId}`, { token: tokens.admin })).body.application).toBeUndefined();
    expect((await p.http('GET', `/v1/tasks/${taskId}`, { token: tokens.otherApprover })).status).toBe(404);
  });

  it('lists to each caller only what it may see', async () => {
    const idsFor = async (caller: Exclude<Caller, 'none'>) => (await p.http('GET', '/v1/applications?limit=200', { token: tokens[caller] })).body.items.map((a: any) => a.id);
    expect(await idsFor('integrator')).toContain(appId);
    expect(await idsFor('otherIntegrator')).not.toContain(appId);
    expect(await idsFor('approver')).toContain(appId);
    expect(await idsFor('otherApprover')).not.toContain(appId);
    expect(await idsFor('admin')).toContain(appId);
    const inboxFor = async (caller: Exclude<Caller, 'none'>) => (await p.http('GET', '/v1/tasks?limit=200', { token: tokens[caller] })).body.items.map((t: any) => t.id);
    expect(await inboxFor('approver')).toContain(taskId);
    expect(await inboxFor('otherApprover')).not.toContain(taskId);
    expect(await inboxFor('admin')).toContain(taskId);
  });

  it('never shows the applicant block to approvers', async () => {
    const asApprover = await p.http('GET', `/v1/applications/${appId}`, { token: tokens.approver });
    expect(asApprover.body.applicant).toBeUndefined();
    expect(asApprover.text).not.toContain('3171011505900001');
    const asOwner = await p.http('GET', `/v1/applications/${appId}`, { token: tokens.integrator });
    expect(asOwner.body.applicant.nik).toBe('3171011505900001');
  });

  it("scopes complaints to the office that answers them: its approvers, not another office's", async () => {
    const code = await freshComplaint();
    const camat = await p.token({ role: 'approver', agency: 'KECAMATAN', office: 'kec-31.71.01', sub: `camat-${randomUUID()}` });
    const lurah = await p.token({ role: 'approver', agency: 'KELURAHAN', office: 'kel-31.71.01.1001', sub: `lurah-${randomUUID()}` });
    const assigned = await eventually(async () => (await p.http('GET', `/v1/complaints/${code}`)).body, (c) => c.status === 'assigned', `complaint ${code} assigned`);
    expect(assigned.responsibleOfficeId).toBe('kec-31.71.01');
    expect((await p.http('GET', '/v1/complaints/inbox?limit=200', { token: camat })).body.items.map((c: any) => c.trackingCode)).toContain(code);
    expect((await p.http('GET', '/v1/complaints/inbox?limit=200', { token: lurah })).body.items.map((c: any) => c.trackingCode)).not.toContain(code);
    expect((await p.http('GET', '/v1/complaints/inbox?office=kec-31.71.01', { token: lurah })).status).toBe(403);
    const wrong = await p.http('POST', `/v1/complaints/${code}/answer`, { token: lurah, body: { text: 'Bukan kantor kami.' } });
    expect([wrong.status, wrong.body.type]).toEqual([403, 'https://satupintu.jakarta.go.id/problems/wrong-office']);
    expect((await p.http('POST', `/v1/complaints/${code}/answer`, { token: camat, body: { text: 'Sudah kami tindak lanjuti.' } })).status).toBe(200);
    const card = (k: string) => p.http('GET', `/v1/reports/kecamatan-scorecard?kecamatan=${k}`, { token: lurah });
    expect([(await card('kec-31.71.01')).status, (await card('kec-31.74.01')).status]).toEqual([200, 403]);
  });

  it('covers every endpoint of the OpenAPI document', async () => {
    const doc = (await p.http('GET', '/docs-json')).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const covered = new Set(rows().map((r) => r.endpoint));
    expect(documented.filter((e) => !covered.has(e))).toEqual([]);
  });
});
