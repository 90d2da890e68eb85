// The OpenAPI document at /docs-json is the contract integrators generate clients from: it must be
// valid OpenAPI 3 (checked by a standard validator), and every operation must say what it takes,
// what it answers, and which problems it may answer, with examples.
import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROBLEM_BASE, PROBLEM_TYPES } from '../../apps/api/src/common/problem';
import { startPlatform, Platform } from '../support/platform';

type Operation = {
  summary?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown; examples?: Record<string, unknown> }> }>;
  security?: unknown[];
};

const PUBLIC = new Set(['GET /health', 'GET /metrics', 'GET /v1/permit-types', 'GET /v1/permit-types/{code}', 'GET /v1/permit-types/{code}/bpmn', 'GET /v1/track/{trackingCode}', 'GET /v1/public/accountability', 'POST /v1/complaints', 'GET /v1/complaints/{trackingCode}', 'POST /v1/complaints/{trackingCode}/reopen', 'GET /v1/dev/sign-in', 'POST /v1/dev/tokens', 'GET /v1/console/config']);
/** POSTs that change nothing, so take no Idempotency-Key: minting a development token. */
const NO_KEY = new Set(['POST /v1/dev/tokens']);

describe('the OpenAPI document', () => {
  let p: Platform;
  let doc: any;
  beforeAll(async () => {
    p = await startPlatform({ worker: false });
    const r = await p.http('GET', '/docs-json');
    expect(r.status).toBe(200);
    doc = r.body;
  });
  afterAll(async () => {
    await p?.close();
  });

  const operations = (): Array<[string, Operation]> =>
    Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map(([m, op]) => [`${m.toUpperCase()} ${path}`, op] as [string, Operation]),
    );

  it('is a valid OpenAPI 3 document (swagger-parser)', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
  });

  it('documents for every operation a summary, its success answer with a schema, and its problems as problem+json with examples', () => {
    const gaps: string[] = [];
    for (const [name, op] of operations()) {
      if (!op.summary) gaps.push(`${name}: no summary`);
      const success = Object.entries(op.responses).filter(([s]) => /^2\d\d$/.test(s));
      if (success.length === 0) gaps.push(`${name}: no 2xx answer`);
      for (const [status, r] of success) {
        if (status !== '204' && !Object.values(r.content ?? {}).some((c) => c.schema)) gaps.push(`${name}: ${status} has no schema`);
      }
      const wanted = PUBLIC.has(name) ? ['429', '500'] : ['401', '429', '500'];
      if (name.startsWith('POST ')) wanted.push('400');
      for (const status of wanted) {
        const problem = op.responses[status]?.content?.['application/problem+json'];
        if (!problem?.schema) gaps.push(`${name}: no problem+json answer ${status}`);
        else if (!problem.examples || Object.keys(problem.examples).length === 0) gaps.push(`${name}: problem ${status} without examples`);
      }
      for (const [status, r] of Object.entries(op.responses).filter(([s]) => /^[45]\d\d$/.test(s))) {
        if (!r.content?.['application/problem+json']) gaps.push(`${name}: ${status} is not problem+json`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('documents the Idempotency-Key header and a JSON request body on every POST, and bearer auth where a token is needed', () => {
    const gaps: string[] = [];
    for (const [name, op] of operations()) {
      if (name.startsWith('POST ')) {
        if (!NO_KEY.has(name) && !op.parameters?.some((prm) => prm.in === 'header' && prm.name === 'Idempotency-Key' && prm.required)) gaps.push(`${name}: no required Idempotency-Key header`);
        if (!op.requestBody?.content?.['application/json']?.schema) gaps.push(`${name}: no JSON request body schema`);
      }
      if (!PUBLIC.has(name) && !(op.security ?? []).some((s: any) => 'bearer' in s)) gaps.push(`${name}: no bearer security`);
    }
    expect(gaps).toEqual([]);
  });

  it('gives the request and answer schemas examples integrators can start from', () => {
    const schemas = doc.components.schemas as Record<string, { properties?: Record<string, { example?: unknown; $ref?: string; items?: unknown; enum?: unknown; type?: string }> }>;
    const submit = schemas.SubmitApplicationDto.properties!;
    expect(submit.permitType.example).toBe('SKDU');
    expect(schemas.ApplicantDto.properties!.nik.example).toBe('3171011505900001');
    expect(schemas.ProblemDto.properties!.type.example).toBe(`${PROBLEM_BASE}validation`);
    expect(schemas.ApplicationDto.properties!.status.enum).toEqual(['in_review', 'awaiting_applicant', 'issued', 'rejected', 'withdrawn', 'lapsed']);
    expect(schemas.DecisionDto.properties!.decision.enum).toEqual(['approve', 'reject', 'request_revision']);
    // A resubmission may correct the data and replace documents; the timeline and the task read name what changed.
    expect(schemas.ResubmitDto.properties!.data).toMatchObject({ type: 'object', example: { businessName: expect.any(String) } });
    expect(schemas.ResubmitDto.properties!.documents.items).toEqual({ $ref: '#/components/schemas/DocumentDto' });
    expect(Object.keys(schemas.TimelineEventDto.properties!)).toEqual(expect.arrayContaining(['changedFields', 'changedDocuments']));
    expect(schemas.TaskApplicationDto.properties!.resubmissions.items).toEqual({ $ref: '#/components/schemas/ResubmissionDto' });
  });

  it('documents the outlet sessions and the open offices (issue 15, point 4)', () => {
    const ops = new Set(operations().map(([name]) => name));
    for (const name of ['POST /v1/outlet-sessions', 'GET /v1/outlet-sessions', 'GET /v1/outlet-sessions/{id}', 'PUT /v1/outlet-sessions/{id}', 'DELETE /v1/outlet-sessions/{id}', 'GET /v1/offices/open']) {
      expect([name, ops.has(name)]).toEqual([name, true]);
    }
    const schemas = doc.components.schemas;
    expect(schemas.OpenOfficeDto.allOf ?? schemas.OpenOfficeDto.properties).toBeDefined();
    expect(schemas.ApplicationFilingDto.properties.outsideOpeningHours.type).toBe('boolean');
    expect(schemas.OfficeRowDto.properties.filedOutsideOpeningHours.type).toBe('integer');
  });

  it('answers no CORS headers by default: browsers on other origins cannot read the API', async () => {
    const r = await fetch(`${p.baseUrl}/v1/permit-types`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps docs/api.md in step with the problem types the API answers', () => {
    const md = readFileSync(join(__dirname, '../../docs/api.md'), 'utf8');
    const missing = Object.entries(PROBLEM_TYPES).filter(([kind, t]) => !new RegExp(`\\|\\s*\`${kind}\`\\s*\\|\\s*${t.status}\\s*\\|`).test(md));
    expect(missing.map(([k]) => k)).toEqual([]);
  });
});
