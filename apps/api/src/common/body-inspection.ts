import type { NextFunction, Request, Response } from 'express';
import { FieldError, ValidationError } from './errors';
import { HttpProblem } from './problem';

/** Deeper JSON than any permit's data needs; deeper still would only feed recursion in validators. */
export const MAX_BODY_DEPTH = 32;
const MAX_NODES = 50_000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string of a JSON body cannot be stored or shown safely, if it cannot. */
export function unsafeStringReason(s: string): string | undefined {
  // PostgreSQL jsonb and text refuse U+0000; a lone surrogate is not Unicode and breaks every encoder after us.
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'contains a lone UTF-16 surrogate: not valid Unicode';
  return undefined;
}

function inspect(value: unknown, path: string, depth: number, budget: { nodes: number }, errors: FieldError[]): void {
  if (--budget.nodes < 0) throw new ValidationError([{ field: path || 'body', message: `has more than ${MAX_NODES} values` }], { detail: `The body has more than ${MAX_NODES} values.` });
  if (typeof value === 'string') {
    const reason = unsafeStringReason(value);
    if (reason) errors.push({ field: path || 'body', message: reason });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth >= MAX_BODY_DEPTH) {
    throw new ValidationError([{ field: path || 'body', message: `nests deeper than ${MAX_BODY_DEPTH} levels` }], {
      detail: `The body nests objects or arrays deeper than ${MAX_BODY_DEPTH} levels.`,
    });
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [k, v] of entries) {
    const field = path ? `${path}.${k}` : k;
    const keyReason = Array.isArray(value) ? undefined : k === '__proto__' ? 'is __proto__' : unsafeStringReason(k);
    if (keyReason) errors.push({ field: path || 'body', message: `has a field name that ${keyReason}` });
    inspect(v, field, depth + 1, budget, errors);
  }
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Runs after the JSON parser, before routing: a body that is not JSON, nests absurdly deep or carries
 * strings PostgreSQL or a browser cannot hold is refused here with a 4xx, never a 500 further in.
 */
export function inspectBody(req: Request, _res: Response, next: NextFunction): void {
  try {
    if (hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
      throw new HttpProblem('unsupported-media-type', `This API reads JSON only: send Content-Type: application/json (got ${req.headers['content-type'] ?? 'none'}).`);
    }
    if (req.body !== undefined && req.body !== null && typeof req.body === 'object') {
      const errors: FieldError[] = [];
      inspect(req.body, '', 0, { nodes: MAX_NODES }, errors);
      if (errors.length > 0) throw new ValidationError(errors.slice(0, 50));
    }
    next();
  } catch (err) {
    next(err);
  }
}

/**
 * Runs before routing: a path segment or query value carrying what PostgreSQL or a browser cannot hold
 * (U+0000, a lone surrogate) is refused here with a 400, as a body string is, and never reaches a query.
 * A segment that is not valid percent-encoding is left to the router.
 */
export function inspectUrl(req: Request, _res: Response, next: NextFunction): void {
  try {
    const errors: FieldError[] = [];
    for (const segment of req.path.split('/')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        continue;
      }
      const reason = unsafeStringReason(decoded);
      if (reason) errors.push({ field: 'path', message: `has a segment that ${reason}` });
    }
    if (req.query && typeof req.query === 'object') inspect(req.query, '', 0, { nodes: MAX_NODES }, errors);
    if (errors.length > 0) throw new ValidationError(errors.slice(0, 50));
    next();
  } catch (err) {
    next(err);
  }
}

/**
 * The JSON parser's errors, as problems: Nest would turn a SyntaxError into a bare 400 and lose
 * which kind of problem it was. Registered as an error middleware right after the parser.
 */
export function bodyParserProblems(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const e = err as { type?: string; limit?: number; message?: string; charset?: string };
  switch (e?.type) {
    case 'entity.parse.failed':
      return next(new HttpProblem('malformed-json', `The request body could not be parsed as JSON (${e.message ?? 'syntax error'}): check quoting, commas and brackets.`));
    case 'entity.too.large':
      return next(new HttpProblem('payload-too-large', `The request body exceeds the limit of ${e.limit ?? 1048576} bytes; send documents as URLs, not inline.`));
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return next(new HttpProblem('unsupported-media-type', 'Send the body as UTF-8 JSON (Content-Type: application/json), without content encoding.'));
    default:
      return next(err);
  }
}
