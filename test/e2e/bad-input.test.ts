// Story: a careless or hostile client sends everything a parser can choke on. Every answer is a 4xx
// problem+json a developer can act on; nothing answers 5xx, and nothing is written anywhere.
import { randomUUID } from 'node:crypto';
import { Platform, platformSuite } from '../support/platform';
import { count, NIK, openTaskOf, projected, sipDokter, submit } from './fixtures/applications';

const PROBLEMS = 'https://satupintu.jakarta.go.id/problems/';

interface Case {
  what: string;
  method?: string;
  path?: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  status: number;
  type?: string;
  field?: string;
}

const withApplicant = (applicant: Record<string, unknown>) => sipDokter({ applicant: { ...sipDokter().applicant, ...applicant } });

function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { v };
  return v;
}

describe('bad input', () => {
  let p: Platform;
  platformSuite((platform) => (p = platform));
  const sub = `kiosk-hostile-${randomUUID()}`;
  let token: string;
  beforeAll(async () => {
    token = await p.token({ role: 'integrator', sub });
  });

  const tables = ['application', 'task', 'audit_log', 'idempotency_key', 'webhook', 'webhook_delivery'];
  const snapshot = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(p, t)] as const)));

  const cases = (): Case[] => [
    // Syntax and media type
    { what: 'malformed JSON', raw: '{"permitType": "SIP_DOKTER",', status: 400, type: 'malformed-json' },
    { what: 'JSON with a trailing comma', raw: '{"permitType": "SIP_DOKTER",}', status: 400, type: 'malformed-json' },
    { what: 'a JSON string instead of an object', raw: '"SIP_DOKTER"', status: 400, type: 'malformed-json' },
    { what: 'a JSON array instead of an object', raw: '[1,2,3]', status: 400, type: 'validation' },
    { what: 'an empty body', raw: '', status: 400, type: 'validation' },
    { what: 'a form instead of JSON', raw: 'permitType=SIP_DOKTER', contentType: 'application/x-www-form-urlencoded', status: 415, type: 'unsupported-media-type' },
    { what: 'text/plain', raw: JSON.stringify(sipDokter()), contentType: 'text/plain', status: 415, type: 'unsupported-media-type' },
    { what: 'a body over 1 MB', body: sipDokter({ data: { ...sipDokter().data, facilityName: 'x'.repeat(1_100_000) } }), status: 413, type: 'payload-too-large' },
    { what: 'UTF-8 bytes labelled UTF-16', raw: JSON.stringify(sipDokter()), contentType: 'application/json; charset=utf-16', status: 400, type: 'malformed-json' },
    { what: 'a body in Latin-1', raw: JSON.stringify(sipDokter()), contentType: 'application/json; charset=iso-8859-1', status: 415, type: 'unsupported-media-type' },
    // Types and shape
    { what: 'permitType as a number', body: sipDokter({ permitType: 42 }), status: 400, type: 'validation', field: 'permitType' },
    { what: 'applicant as a string', body: sipDokter({ applicant: 'Siti' }), status: 400, type: 'validation', field: 'applicant' },
    { what: 'location null', body: sipDokter({ location: null }), status: 400, type: 'validation', field: 'location' },
    { what: 'documents as an object', body: sipDokter({ documents: { type: 'ktp' } }), status: 400, type: 'validation', field: 'documents' },
    { what: 'data as an array', body: sipDokter({ data: [] }), status: 400, type: 'validation', field: 'data' },
    { what: 'the NIK as a number', body: withApplicant({ nik: 3171011505900001 }), status: 400, type: 'validation', field: 'applicant.nik' },
    { what: 'a missing required field', body: { ...sipDokter(), receivingOfficeId: undefined }, status: 400, type: 'validation', field: 'receivingOfficeId' },
    { what: 'data of the wrong shape for the permit type', body: sipDokter({ data: { profession: 'dukun' } }), status: 422, type: 'invalid-data' },
    { what: 'an integer beyond any range', body: sipDokter({ data: { ...sipDokter().data, practicePlaceNumber: 1e308 } }), status: 422, type: 'invalid-data' },
    // Extra fields (forbidNonWhitelisted)
    { what: 'an extra top-level field', body: sipDokter({ status: 'issued' }), status: 400, type: 'validation', field: 'status' },
    { what: 'an extra nested field', body: withApplicant({ verified: true }), status: 400, type: 'validation', field: 'applicant.verified' },
    { what: 'a notice language that is neither id nor en', body: withApplicant({ language: 'fr' }), status: 400, type: 'validation', field: 'applicant.language' },
    { what: 'an extra field in a document', body: sipDokter({ documents: [{ ...sipDokter().documents[0], trusted: true }] }), status: 400, type: 'validation', field: 'documents.0.trusted' },
    { what: 'a __proto__ key', raw: JSON.stringify(sipDokter()).replace(/^\{/, '{"__proto__":{"role":"admin"},'), status: 400, type: 'validation' },
    { what: 'an extra field in data', body: sipDokter({ data: { ...sipDokter().data, approved: true } }), status: 422, type: 'invalid-data' },
    // Nesting
    { what: 'data nested 40 levels deep', body: sipDokter({ data: nested(40) }), status: 400, type: 'validation' },
    { what: 'arrays nested 100 000 levels deep', raw: `{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, status: 400 },
    // Unicode
    { what: 'a NUL in the name', body: withApplicant({ name: 'Siti\u0000Rahayu' }), status: 400, type: 'validation', field: 'applicant.name' },
    { what: 'a NUL in a key of data', body: sipDokter({ data: { ...sipDokter().data, 'a\u0000b': 1 } }), status: 400, type: 'validation' },
    { what: 'a NUL in a data value', body: sipDokter({ data: { ...sipDokter().data, facilityName: 'Puskesmas\u0000' } }), status: 400, type: 'validation', field: 'data.facilityName' },
    { what: 'a lone high surrogate in the name', raw: JSON.stringify(withApplicant({ name: 'SITI_SURROGATE' })).replace('SITI_SURROGATE', 'Siti \\ud800 Rahayu'), status: 400, type: 'validation', field: 'applicant.name' },
    { what: 'a lone low surrogate in the address', raw: JSON.stringify(sipDokter({ location: { kelurahanCode: '31.71.01.1001', address: 'ADDR' } })).replace('ADDR', 'Jl. \\udc00 Sabang'), status: 400, type: 'validation', field: 'location.address' },
    { what: 'a right-to-left override in the name', body: withApplicant({ name: 'Siti \u202Eiyhar' }), status: 400, type: 'validation', field: 'applicant.name' },
    { what: 'a right-to-left isolate in the address', body: sipDokter({ location: { kelurahanCode: '31.71.01.1001', address: 'Jl. \u2067Sabang\u2069 1' } }), status: 400, type: 'validation', field: 'location.address' },
    { what: 'a newline in the name', body: withApplicant({ name: 'Siti\nRahayu' }), status: 400, type: 'validation', field: 'applicant.name' },
    { what: 'a blank name', body: withApplicant({ name: '   ' }), status: 400, type: 'validation', field: 'applicant.name' },
    { what: 'an escape sequence in a note', method: 'POST', path: '/v1/applications/01J9Z8Q4M3KX7T2W5R6Y8B0C1D/withdraw', body: { reason: 'ok\u001b[31m' }, status: 400, type: 'validation', field: 'reason' },
    // NIK structure: 16 digits are not enough
    { what: 'a NIK of 15 digits', body: withApplicant({ nik: '317101150590000' }), status: 400, type: 'validation', field: 'applicant.nik' },
    { what: 'a NIK with a letter', body: withApplicant({ nik: '31710115059000O1' }), status: 400, type: 'validation', field: 'applicant.nik' },
    { what: 'a NIK with province 99', body: withApplicant({ nik: '9971011505900001' }), status: 400, type: 'validation', field: 'applicant.nik' },
    { what: 'a NIK with province 20', body: withApplicant({ nik: '2071011505900001' }), status: 400, type: 'validation', field: 'applicant.nik' },
    { what: 'a NIK with regency 00', body: withApplicant({ nik: '3100011505900001' }), status: 400, type: 'validation', field: 'applicant.nik' },
    { what: 'a NIK born on the 32nd', body: withApplicant({ nik: '3171013205900001' }), status: 400, type: 'validation', field: 'applicant.nik' },
    { what: 'a NIK of a woman born on the 72nd (40 + 32)', body: withApplicant({ nik: '3171017205900001' }), status: 400, type: 'validation', field: 'applicant.nik' },
    { what: 'a NIK born in month 13', body: withApplicant({ nik: '3171011513900001' }), status: 400, type: 'validation', field: 'applicant.nik' },
    { what: 'a NIK born on 30 February', body: withApplicant({ nik: '3171013002900001' }), status: 400, type: 'validation', field: 'applicant.nik' },
    { what: 'a NIK with serial 0000', body: withApplicant({ nik: '3171011505900000' }), status: 400, type: 'validation', field: 'applicant.nik' },
    // Injection strings where an identifier or a name is expected
    { what: 'SQL in permitType', body: sipDokter({ permitType: "SIP_DOKTER'; DROP TABLE application;--" }), status: 400, type: 'validation', field: 'permitType' },
    { what: 'SQL in the office id', body: sipDokter({ receivingOfficeId: "kel' OR '1'='1" }), status: 400, type: 'validation', field: 'receivingOfficeId' },
    { what: 'SQL in the name', body: withApplicant({ name: "Robert'); DROP TABLE application;--" }), status: 400, type: 'validation', field: 'applicant.name' },
    { what: 'a script in the name', body: withApplicant({ name: '<script>alert(1)</script>' }), status: 400, type: 'validation', field: 'applicant.name' },
    { what: 'a javascript: URL as a document', body: sipDokter({ documents: [{ type: 'ktp', url: 'javascript:alert(1)', sha256: 'a'.repeat(64) }] }), status: 400, type: 'validation', field: 'documents.0.url' },
    { what: 'SQL in the kelurahan code', body: sipDokter({ location: { kelurahanCode: "31.71.01.1001' --", address: 'x' } }), status: 400, type: 'validation', field: 'location.kelurahanCode' },
    { what: 'a well-formed but unknown kelurahan', body: sipDokter({ location: { kelurahanCode: '31.99.99.9999', address: 'Jl. Sabang' } }), status: 422, type: 'unknown-kelurahan' },
    { what: 'an unknown permit type', body: sipDokter({ permitType: 'IZIN_TERBANG' }), status: 422, type: 'unknown-permit-type' },
    // Query strings
    { what: 'SQL in a status filter', method: 'GET', path: `/v1/applications?status=${encodeURIComponent("in_review' OR '1'='1")}`, status: 400, type: 'validation', field: 'status' },
    { what: 'SQL in a permitType filter', method: 'GET', path: `/v1/applications?permitType=${encodeURIComponent("x' OR 1=1--")}`, status: 400, type: 'validation', field: 'permitType' },
    { what: 'a forged cursor', method: 'GET', path: `/v1/applications?cursor=${Buffer.from(JSON.stringify(["2025-01-01T00:00:00Z' OR 1=1--", 'x'])).toString('base64url')}`, status: 400, type: 'validation', field: 'cursor' },
    { what: 'a cursor of another sort', method: 'GET', path: `/v1/applications?sort=dueAt&cursor=${Buffer.from(JSON.stringify(['2025-01-01T00:00:00.000Z', 'X', '-submittedAt'])).toString('base64url')}`, status: 400, type: 'validation', field: 'cursor' },
    { what: 'a cursor that is not base64 JSON', method: 'GET', path: '/v1/applications?cursor=%%%', status: 400, type: 'validation', field: 'cursor' },
    { what: 'limit as a word', method: 'GET', path: '/v1/applications?limit=all', status: 400, type: 'validation', field: 'limit' },
    { what: 'limit 0', method: 'GET', path: '/v1/applications?limit=0', status: 400, type: 'validation', field: 'limit' },
    { what: 'limit 1000', method: 'GET', path: '/v1/applications?limit=1000', status: 400, type: 'validation', field: 'limit' },
    { what: 'an unknown sort', method: 'GET', path: '/v1/applications?sort=nik', status: 400, type: 'validation', field: 'sort' },
    { what: 'an unknown query parameter', method: 'GET', path: '/v1/applications?nik=3171011505900001', status: 400, type: 'validation', field: 'nik' },
    { what: 'a repeated query parameter', method: 'GET', path: '/v1/applications?status=issued&status=rejected', status: 400, type: 'validation', field: 'status' },
    { what: 'a date that is not ISO 8601', method: 'GET', path: '/v1/applications?submittedFrom=yesterday', status: 400, type: 'validation', field: 'submittedFrom' },
    { what: 'a NUL in a query value', method: 'GET', path: '/v1/outlet-sessions?office=%00', status: 400, type: 'validation', field: 'office' },
    { what: 'a NUL in a report filter', method: 'GET', path: '/v1/reports/sla/weeks?agency=DCKTRP%00', status: 400, type: 'validation', field: 'agency' },
    { what: 'a NUL in a path segment', method: 'GET', path: '/v1/outlet-sessions/ses_%00', status: 400, type: 'validation', field: 'path' },
    { what: 'a NUL in the id of a deletion', method: 'DELETE', path: '/v1/outlet-sessions/a%00b', status: 400, type: 'validation', field: 'path' },
    { what: 'a day that does not exist in a date filter', method: 'GET', path: '/v1/outlet-sessions?from=2026-02-30', status: 400, type: 'validation', field: 'from' },
    { what: 'year 0 in a date filter', method: 'GET', path: '/v1/outlet-sessions?to=0000-01-01', status: 400, type: 'validation', field: 'to' },
    // Unknown ids
    { what: 'an application id of the wrong shape', method: 'GET', path: `/v1/applications/${encodeURIComponent("1' OR '1'='1")}`, status: 404, type: 'not-found' },
    { what: 'an unknown application id', method: 'GET', path: '/v1/applications/ZZZZZZZZZZZZZZZZZZZZZZZZ', status: 404, type: 'not-found' },
    { what: 'resubmitting an unknown application', method: 'POST', path: '/v1/applications/ZZZZZZZZZZZZZZZZZZZZZZZZ/resubmit', body: {}, status: 404, type: 'not-found' },
    { what: 'withdrawing an unknown application', method: 'POST', path: '/v1/applications/ZZZZZZZZZZZZZZZZZZZZZZZZ/withdraw', body: {}, status: 404, type: 'not-found' },
    { what: 'a tracking code with a script', method: 'GET', path: `/v1/track/${encodeURIComponent('<script>alert(1)</script>')}`, status: 404, type: 'not-found' },
    { what: 'an unknown tracking code', method: 'GET', path: '/v1/track/0000-0000-0000', status: 404, type: 'not-found' },
    { what: 'an unknown permit type', method: 'GET', path: '/v1/permit-types/NOPE', status: 404, type: 'not-found' },
    { what: 'a permit type version that is not a number', method: 'GET', path: '/v1/permit-types/SKDU?version=latest', status: 400, type: 'validation' },
    { what: 'an unknown office', method: 'GET', path: '/v1/offices/nope', status: 404, type: 'not-found' },
    { what: 'an unknown webhook', method: 'GET', path: '/v1/webhooks/wh_00000000000000000000000000', status: 404, type: 'not-found' },
    { what: 'an unknown route', method: 'GET', path: '/v1/admin/users', status: 404, type: 'not-found' },
    { what: 'a method the route does not take', method: 'DELETE', path: '/v1/applications', status: 404, type: 'not-found' },
  ];

  it('answers every bad request with a 4xx problem+json naming what is wrong, never a 5xx, and writes nothing', async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    for (const c of cases()) {
      const headers: Record<string, string> = { 'content-type': c.contentType ?? 'application/json' };
      const r = await p.http(c.method ?? 'POST', c.path ?? '/v1/applications', { token, body: c.body, rawBody: c.raw, headers });
      const type = String(r.body?.type ?? '').replace(PROBLEMS, '');
      const fields: string[] = (r.body?.errors ?? []).map((e: { field: string }) => e.field);
      const problems = [
        r.status !== c.status && `status ${r.status}, expected ${c.status}`,
        !r.headers.get('content-type')?.startsWith('application/problem+json') && `content-type ${r.headers.get('content-type')}`,
        c.type && type !== c.type && `type ${type}, expected ${c.type}`,
        typeof r.body?.detail !== 'string' && 'no detail',
        c.field && !fields.includes(c.field) && `fields ${JSON.stringify(fields)}, expected ${c.field}`,
        /at \w+ \(|node_modules|SELECT |INSERT |QueryFailedError/.test(r.text) && 'a stack trace or SQL in the answer',
      ].filter(Boolean);
      if (problems.length > 0) wrong.push(`${c.what}: ${problems.join('; ')} — ${r.text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a bad decision without touching the workflow', async () => {
    const kiosk = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    const app = await submit(p, kiosk);
    const task = await openTaskOf(p, kiosk, app.body.id, 'DINKES');
    const approver = await p.token({ role: 'approver', agency: 'DINKES' });
    const before = await count(p, 'audit_log WHERE application_id = $1', [app.body.id]);
    const bad = [
      { body: { decision: 'approve_all' }, field: 'decision' },
      { body: { decision: 'reject' }, field: 'note' },
      { body: { decision: 'approve', note: 42 }, field: 'note' },
      { body: { decision: 'approve', agency: 'DINKES' }, field: 'agency' },
      { body: { decision: 'approve', note: 'ok\u202E' }, field: 'note' },
    ];
    for (const b of bad) {
      const r = await p.http('POST', `/v1/tasks/${task.id}/decision`, { token: approver, body: b.body });
      expect([r.status, r.body.errors.map((e: any) => e.field)]).toEqual([400, expect.arrayContaining([b.field])]);
    }
    for (const id of [`${app.body.id}.no_such_step.1`, 'ZZZZZZZZZZZZZZZZZZZZZZZZ.dinkes_verification.1', 'not-a-task-id']) {
      const r = await p.http('POST', `/v1/tasks/${id}/decision`, { token: approver, body: { decision: 'approve' } });
      expect([id, r.status, r.body.type]).toEqual([id, 404, `${PROBLEMS}not-found`]);
    }
    const view = await p.http('GET', `/v1/applications/${app.body.id}`, { token: kiosk });
    expect(view.body.openTasks.map((t: any) => t.id)).toEqual([task.id]);
    expect(await count(p, 'audit_log WHERE application_id = $1', [app.body.id])).toBe(before);
  });

  it('accepts what looks odd but is legitimate, and stores it verbatim', async () => {
    const kiosk = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    const name = "Ni Luh Putu Dewi-Ayu O'Neil, Sp.A (Ñoño) 王秀英 محمد";
    const address = "Jl. Haji Agus Salim No. 7; RT 01/RW 02 -- belakang toko 'Maju' <depan masjid>";
    const r = await submit(p, kiosk, sipDokter({ applicant: { nik: '3171014505900002', name }, location: { kelurahanCode: '31.71.01.1001', address } }));
    expect(r.status).toBe(201);
    await projected(p, r.body.id);
    const back = await p.http('GET', `/v1/applications/${r.body.id}`, { token: kiosk });
    expect(back.body.applicant.name).toBe(name);
    expect(back.body.location.address).toBe(address);
    expect(back.body.applicant.nik).not.toBe(NIK);
  });
});
