import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { ConflictError, DomainError, DomainErrorKind, FieldError, NotFoundError, UnprocessableError, UnprocessableKind, ValidationError } from './errors';

export type { FieldError } from './errors';

export const PROBLEM_BASE = 'https://satupintu.jakarta.go.id/problems/';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/**
 * Every kind of problem this API answers, with its status: the `type` URI is PROBLEM_BASE + kind and
 * never changes meaning. docs/api.md lists the same table (a test keeps them in step).
 */
export const PROBLEM_TYPES = {
  validation: { status: 400, title: 'The request is not valid', when: 'A field, query parameter or header fails validation; `errors` names each failing field.' },
  'malformed-json': { status: 400, title: 'The body is not valid JSON', when: 'The body could not be parsed as JSON.' },
  'idempotency-key-missing': { status: 400, title: 'Idempotency-Key header required', when: 'A POST came without an Idempotency-Key header, or with one that is not 1-255 visible ASCII characters.' },
  unauthorized: { status: 401, title: 'Authentication required', when: 'No bearer token, or a token that is expired, not yet valid, badly signed or lacks a required claim.' },
  forbidden: { status: 403, title: 'Not allowed for this token', when: "The token's role may not call this endpoint (for example an approver submitting), an approver asks for another agency's inbox, or an approver token of a territorial agency names no office." },
  'wrong-agency': { status: 403, title: 'This task belongs to another agency or office', when: 'An approver decides a task of another agency or office (refused by the workflow, nothing recorded).' },
  'wrong-position': { status: 403, title: "This step is signed by the agency's head", when: "An officer decides a step whose definition asks for a head (the token's position claim is not head; refused by the workflow, nothing recorded)." },
  'wrong-office': { status: 403, title: 'This complaint is answered by another office', when: 'An approver answers or closes a complaint assigned to another office (refused by the complaint workflow, nothing recorded).' },
  'wrong-pin': { status: 403, title: 'The follow-up PIN does not match', when: "A reopening whose pin is not the one given to the complaint's filer when it was filed." },
  'not-found': { status: 404, title: 'Not found', when: 'No such resource, or one the caller may not see: an application of another integrator, a task of another agency, a webhook of another integrator.' },
  'idempotency-key-in-use': { status: 409, title: 'A request with this Idempotency-Key is in progress', when: 'The first request with this key had not finished after this one waited for it; retry after it has, with the same key.' },
  'task-not-open': { status: 409, title: 'The task is not open', when: 'The task was already decided, cancelled or deemed.' },
  'application-closed': { status: 409, title: 'The application is closed', when: 'The application is issued, rejected, withdrawn or lapsed: nothing more can change.' },
  'task-claimed': { status: 409, title: 'The task is claimed by another officer', when: 'A claim, release or decision on a task another officer holds (claimed, or assigned by a head); `detail` names the holder. Ask them to release it, or a head to reassign it.' },
  'task-not-claimed': { status: 409, title: 'The task is not claimed', when: 'A release of a task nobody holds.' },
  'awaiting-applicant': { status: 409, title: 'The application waits for the applicant', when: 'A decision while a revision request is open; decide after the applicant resubmits.' },
  'no-revision-requested': { status: 409, title: 'No revision was requested', when: 'A resubmission while the application is not awaiting_applicant.' },
  'complaint-closed': { status: 409, title: 'The complaint is closed', when: 'An answer or close of a closed complaint, or a reopening after its window ended: nothing more can change.' },
  'complaint-answered': { status: 409, title: 'The complaint is already answered', when: 'A second answer in the same round; it waits for the citizen (reopen) or for closing.' },
  'complaint-not-answered': { status: 409, title: 'The complaint has no answer yet', when: 'A close or reopening of a complaint the office has not answered.' },
  'complaint-reopen-refused': { status: 409, title: 'The complaint cannot be reopened', when: 'A second reopening (a complaint is reopened once), or one after the reopen window.' },
  'complaint-not-assigned': { status: 409, title: 'The complaint is being assigned', when: 'An answer in the first moments, before the complaint reached its office; retry after Retry-After.' },
  'calendar-day-closed': { status: 409, title: 'The day is already closed', when: 'A closure for a day and scope (the province, or one office) that already has a standing closure; `detail` names it. Cancel it first to replace it.' },
  'payload-too-large': { status: 413, title: 'The body is too large', when: 'The body exceeds 1 MB.' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type', when: 'A body that is not application/json, or not UTF-8.' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused with a different request', when: 'The key was already used by this caller for a different method, path or body within 24 hours.' },
  'unknown-permit-type': { status: 422, title: 'Unknown permit type', when: 'permitType is not offered (GET /v1/permit-types).' },
  'unknown-office': { status: 422, title: 'Unknown office', when: 'receivingOfficeId is not an office or outlet (GET /v1/offices).' },
  'unknown-kelurahan': { status: 422, title: 'Unknown kelurahan', when: 'location.kelurahanCode is not a kelurahan of DKI Jakarta.' },
  'invalid-data': { status: 422, title: 'The application data does not fit the permit type', when: "`data` fails the permit type's JSON Schema; `errors` names each field." },
  'route-change': { status: 422, title: 'The correction would change the route', when: 'A resubmission whose corrected data would have chosen another branch (another office or agency) at a choice the application already passed; withdraw and file anew.' },
  'unknown-tracking-code': { status: 422, title: 'Unknown tracking code', when: 'A complaint names a trackingCode that no application has.' },
  'webhook-target-refused': { status: 422, title: 'The webhook URL is not allowed', when: 'The URL is not https, or points at a private, loopback or link-local address (production).' },
  'rate-limited': { status: 429, title: 'Too many requests', when: 'The caller exceeded its request budget; Retry-After says how many seconds to wait.' },
  internal: { status: 500, title: 'Internal error', when: 'A fault on our side; the requestId identifies it in our logs. Retry with the same Idempotency-Key.' },
  unavailable: { status: 503, title: 'A backing service is unavailable', when: 'PostgreSQL, Temporal or the token issuer\'s key set cannot be reached; retry later with the same Idempotency-Key.' },
} as const satisfies Record<string, { status: number; title: string; when: string }>;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

/** The kinds only the HTTP edge meets: a body that cannot be read, a caller over its budget, our own fault. */
export type HttpOnlyKind = Exclude<ProblemKind, DomainErrorKind>;

/** A refusal by the HTTP edge itself (body parsing, media types), before any service runs. */
export class HttpProblem extends Error {
  constructor(
    readonly kind: HttpOnlyKind,
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * For code not moved to the domain errors of ./errors yet (the reports): the same refusals, built as
 * domain errors, so the filter below still renders them in one way.
 */
export const problems = {
  validation: (errors: FieldError[], detail?: string) => new ValidationError(errors, { detail }),
  unprocessable: (kind: UnprocessableKind, _title: string, detail: string, errors?: FieldError[]) => new UnprocessableError(kind, detail, errors),
  notFound: (what: string, detail: string) => new NotFoundError(what, detail),
};

function slug(status: number): string {
  return (HttpStatus[status] ?? 'error').toLowerCase().replace(/_/g, '-');
}

// gRPC UNAVAILABLE and DEADLINE_EXCEEDED (Temporal), and PostgreSQL connection failures.
const GRPC_UNAVAILABLE = new Set([4, 14]);
const PG_CONNECTION = /^(08\d{3}|57P0[1-3])$|^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/;

/** A backing service is down: the client did nothing wrong and should retry, so 503 and not 500. */
export function isBackendUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'number' && GRPC_UNAVAILABLE.has(e.code)) return true;
    if (typeof e.code === 'string' && PG_CONNECTION.test(e.code)) return true;
    if (e instanceof Error && /Connection terminated|connect ECONNREFUSED/.test(e.message)) return true;
  }
  return false;
}

/** The one place where errors become HTTP answers. No stack trace or SQL ever leaves the process. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = req.originalUrl;
    if (req.id) problem.requestId = req.id;
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    else this.logger.log(`${problem.status} ${problem.type.slice(PROBLEM_BASE.length)}: ${problem.detail}`);
    if (exception instanceof ConflictError && exception.retryAfterSec !== undefined) res.setHeader('Retry-After', String(exception.retryAfterSec));
    if (problem.status === 429 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', '60');
    if (problem.status === 503 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', '2');
    if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="satupintu"');
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      return { ...this.catalogued(exception.kind, exception.message, exception.summary), ...exception.extensions };
    }
    if (exception instanceof HttpProblem) return this.catalogued(exception.kind, exception.message);
    const parserError = exception as { type?: string; status?: number; expose?: boolean; limit?: number };
    if (parserError?.type === 'entity.parse.failed') {
      return this.catalogued('malformed-json', 'The request body could not be parsed as JSON: check quoting, commas and brackets.');
    }
    if (parserError?.type === 'entity.too.large') {
      return this.catalogued('payload-too-large', `The request body exceeds the limit of ${parserError.limit ?? 1048576} bytes; send documents as URLs, not inline.`);
    }
    if (parserError?.type === 'encoding.unsupported' || parserError?.type === 'charset.unsupported') {
      return this.catalogued('unsupported-media-type', 'Send the body as UTF-8 JSON (Content-Type: application/json).');
    }
    if (exception instanceof ThrottlerException) {
      return this.catalogued('rate-limited', 'This caller sent more requests than its budget allows; wait the seconds given in Retry-After.');
    }
    if (exception instanceof BadRequestException) {
      const body = exception.getResponse() as { message?: unknown };
      const messages = Array.isArray(body.message) ? (body.message as string[]) : [String(body.message ?? exception.message)];
      return this.catalogued('validation', messages.join('; '));
    }
    if (exception instanceof NotFoundException) {
      return this.catalogued('not-found', `${exception.message}: see /docs for the endpoints of this API.`, 'Not found');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { type: PROBLEM_BASE + slug(status), title: HttpStatus[status] ? slug(status).replace(/-/g, ' ') : 'Error', status, detail: exception.message };
    }
    if (isBackendUnavailable(exception)) {
      return this.catalogued('unavailable', 'PostgreSQL or Temporal cannot be reached right now; retry in a few seconds with the same Idempotency-Key.');
    }
    if (parserError && typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500 && parserError.expose) {
      return { type: PROBLEM_BASE + slug(parserError.status), title: 'Bad request', status: parserError.status, detail: (exception as Error).message };
    }
    return this.catalogued('internal', 'Something failed on our side; the request id identifies it in our logs. Retry later with the same Idempotency-Key.');
  }

  private catalogued(kind: ProblemKind, detail: string, title?: string): Problem {
    const { status } = PROBLEM_TYPES[kind];
    return { type: PROBLEM_BASE + kind, title: title ?? PROBLEM_TYPES[kind].title, status, detail };
  }
}
