import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath, OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_BASE, PROBLEM_TYPES, ProblemKind } from './problem';

export class FieldErrorDto {
  @ApiProperty({ example: 'applicant.nik' }) field!: string;
  @ApiProperty({ example: 'digits 7-12 of nik (320590) are not a birth date DDMMYY (women add 40 to the day)' }) message!: string;
}

/** RFC 9457 problem details, as every error of this API is answered. */
export class ProblemDto {
  @ApiProperty({ description: 'Stable URI of the kind of problem (see docs/api.md)', example: `${PROBLEM_BASE}validation` }) type!: string;
  @ApiProperty({ example: 'The request is not valid' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ description: 'What went wrong and what to do about it, for a person', example: '1 field(s) failed validation: applicant.nik' }) detail!: string;
  @ApiPropertyOptional({ description: 'The request path', example: '/v1/applications' }) instance?: string;
  @ApiPropertyOptional({ description: 'The X-Request-Id of the request, to quote to support', example: '5f0c6a3e-8a4f-4b8e-9a51-2a0d4f6b2c11' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'For validation problems: each failing field' }) errors?: FieldErrorDto[];
  @ApiPropertyOptional({ type: 'integer', description: 'For a report period over the maximum: the widest period allowed, in days', example: 366 }) maxRangeDays?: number;
}

function example(kind: ProblemKind) {
  const t = PROBLEM_TYPES[kind];
  return { summary: t.title, value: { type: PROBLEM_BASE + kind, title: t.title, status: t.status, detail: t.when, instance: '/v1/...', requestId: '5f0c6a3e-8a4f-4b8e-9a51-2a0d4f6b2c11' } };
}

/** Documents the problems an endpoint may answer, grouped by status, each kind with an example. */
export function ApiProblems(...kinds: ProblemKind[]) {
  const byStatus = new Map<number, ProblemKind[]>();
  for (const k of new Set<ProblemKind>([...kinds, 'rate-limited', 'internal'])) {
    const status = PROBLEM_TYPES[k].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), k]);
  }
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...[...byStatus.entries()].map(([status, ks]) =>
      ApiResponse({
        status,
        description: ks.map((k) => `\`${k}\`: ${PROBLEM_TYPES[k].when}`).join(' | '),
        headers: status === 429 ? { 'Retry-After': { description: 'Seconds to wait before the next request', schema: { type: 'integer' } } } : undefined,
        content: {
          'application/problem+json': {
            schema: { $ref: getSchemaPath(ProblemDto) },
            examples: Object.fromEntries(ks.map((k) => [k, example(k)])),
          },
        },
      }),
    ),
  );
}

/** Every POST: the Idempotency-Key header (its problems are added to the document by addGlobalProblems). */
export function ApiIdempotent() {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description:
        'A unique key per logical request (a UUID). A retry with the same key and body replays the first answer (header Idempotent-Replayed: true); keys are kept 24 hours per caller.',
      schema: { type: 'string', minLength: 1, maxLength: 255, example: '6f1e2d9c-3b1a-4c55-9e0b-8f7a2c1d4e5f' },
    }),
  );
}

/** What any POST with an Idempotency-Key may answer besides its own problems (added by addGlobalProblems). */
const IDEMPOTENT_PROBLEMS: ProblemKind[] = ['idempotency-key-missing', 'idempotency-key-in-use', 'idempotency-key-reused', 'malformed-json', 'payload-too-large', 'unsupported-media-type'];

type Operation = { parameters?: Array<{ name?: string; in?: string }>; responses?: Record<string, ProblemResponse>; security?: Array<Record<string, unknown>> };
type ProblemResponse = { description?: string; content?: Record<string, { schema?: unknown; examples?: Record<string, unknown> }> };

/**
 * Guards, the body parser, the idempotency interceptor and the problem filter are global, so some
 * problems can follow any operation: a rate limit (429) and an internal error (500) everywhere, a
 * missing or bad token (401) wherever a token is needed, a bad body on every POST, and the idempotency
 * problems wherever the Idempotency-Key header is taken. Added here once, each with its example, next to
 * the problems the controller listed for the same status.
 */
export function addGlobalProblems(doc: OpenAPIObject): OpenAPIObject {
  const ref = { $ref: getSchemaPath(ProblemDto) };
  for (const ops of Object.values(doc.paths)) {
    for (const [method, op] of Object.entries(ops as Record<string, Operation>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const kinds: ProblemKind[] = ['rate-limited', 'internal'];
      if ((op.security ?? []).some((s) => 'bearer' in s)) kinds.push('unauthorized');
      if (method === 'post') kinds.push('validation', 'idempotency-key-missing');
      if ((op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) kinds.push(...IDEMPOTENT_PROBLEMS);
      op.responses ??= {};
      for (const kind of new Set(kinds)) {
        const status = String(PROBLEM_TYPES[kind].status);
        const line = `\`${kind}\`: ${PROBLEM_TYPES[kind].when}`;
        const existing = op.responses[status]?.content?.['application/problem+json'];
        if (!existing) {
          op.responses[status] = { description: line, content: { 'application/problem+json': { schema: ref, examples: { [kind]: example(kind) } } } };
        } else if (!existing.examples?.[kind]) {
          existing.examples = { ...existing.examples, [kind]: example(kind) };
          op.responses[status].description = [op.responses[status].description, line].filter(Boolean).join(' | ');
        }
      }
    }
  }
  return doc;
}
