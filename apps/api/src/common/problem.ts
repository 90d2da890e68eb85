import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';

export const PROBLEM_BASE = 'https://satupintu.jakarta.go.id/problems/';

export interface FieldError {
  field: string;
  message: string;
}

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

/** A refusal the caller can act on, rendered as RFC 9457 problem+json with a stable `type` per kind. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly kind: string,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }
}

export const problems = {
  validation: (errors: FieldError[], detail?: string) =>
    new ProblemException(400, 'validation', 'The request is not valid', detail ?? `${errors.length} field(s) failed validation: ${errors.map((e) => e.field).join(', ')}`, { errors }),
  unprocessable: (kind: string, title: string, detail: string, errors?: FieldError[]) =>
    new ProblemException(422, kind, title, detail, errors ? { errors } : {}),
  notFound: (what: string, detail: string) => new ProblemException(404, 'not-found', `${what} not found`, detail),
  forbidden: (detail: string) => new ProblemException(403, 'forbidden', 'Not allowed for this token', detail),
  unauthorized: (detail: string) => new ProblemException(401, 'unauthorized', 'Authentication required', detail),
  conflict: (kind: string, title: string, detail: string) => new ProblemException(409, kind, title, detail),
  unavailable: (detail: string) => new ProblemException(503, 'unavailable', 'A backing service is unavailable', detail),
};

function slug(status: number): string {
  return (HttpStatus[status] ?? 'error').toLowerCase().replace(/_/g, '-');
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
    if (problem.status === 429 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', '60');
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): Problem {
    if (exception instanceof ProblemException) {
      return { type: PROBLEM_BASE + exception.kind, title: exception.title, status: exception.getStatus(), detail: exception.message, ...exception.extensions };
    }
    const parserError = exception as { type?: string; status?: number; expose?: boolean; limit?: number };
    if (parserError?.type === 'entity.parse.failed') {
      return { type: PROBLEM_BASE + 'malformed-json', title: 'The body is not valid JSON', status: 400, detail: 'The request body could not be parsed as JSON: check quoting, commas and brackets.' };
    }
    if (parserError?.type === 'entity.too.large') {
      return { type: PROBLEM_BASE + 'payload-too-large', title: 'The body is too large', status: 413, detail: `The request body exceeds the limit of ${parserError.limit ?? 1048576} bytes; send documents as URLs, not inline.` };
    }
    if (parserError?.type === 'encoding.unsupported' || parserError?.type === 'charset.unsupported') {
      return { type: PROBLEM_BASE + 'unsupported-encoding', title: 'Unsupported body encoding', status: 415, detail: 'Send the body as UTF-8 JSON (Content-Type: application/json).' };
    }
    if (exception instanceof BadRequestException) {
      const body = exception.getResponse() as { message?: unknown };
      const messages = Array.isArray(body.message) ? (body.message as string[]) : [String(body.message ?? exception.message)];
      return { type: PROBLEM_BASE + 'validation', title: 'The request is not valid', status: 400, detail: messages.join('; ') };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { type: PROBLEM_BASE + slug(status), title: HttpStatus[status] ? slug(status).replace(/-/g, ' ') : 'Error', status, detail: exception.message };
    }
    if (parserError && typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500 && parserError.expose) {
      return { type: PROBLEM_BASE + slug(parserError.status), title: 'Bad request', status: parserError.status, detail: (exception as Error).message };
    }
    return { type: PROBLEM_BASE + 'internal', title: 'Internal error', status: 500, detail: 'Something failed on our side; the request id identifies it in our logs. Retry later with the same Idempotency-Key.' };
  }
}
