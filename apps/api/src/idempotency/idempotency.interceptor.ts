import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { from, Observable, of } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import type { AuthedRequest } from '../auth/auth.guard';
import { ConflictError, UnprocessableError, ValidationError } from '../common/errors';
import { ApiMetrics } from '../observability/api-metrics';
import { IdempotencyService } from './idempotency.service';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const SKIP_KEY = 'satupintu:idempotency-skip';
/** For the rare POST that changes nothing (none today); every write takes the header. */
export const SkipIdempotency = () => SetMetadata(SKIP_KEY, true);

/** Response headers worth replaying with the body. */
const REPLAYED_HEADERS = ['location'];

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The request's fingerprint: method, path and the body's JSON with keys sorted, so the same request
 * re-serialized by another client library still matches.
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n${canonical(body ?? null)}`).digest('hex');
}

export function readIdempotencyKey(raw: string | string[] | undefined): string {
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key) {
    throw new ValidationError([{ field: IDEMPOTENCY_HEADER, message: 'header is required on every POST' }], {
      kind: 'idempotency-key-missing',
      detail: 'Send an Idempotency-Key header (a UUID is fine) so a retried request is not applied twice.',
    });
  }
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ValidationError([{ field: IDEMPOTENCY_HEADER, message: 'must be 1-255 visible ASCII characters' }], {
      kind: 'idempotency-key-missing',
      detail: 'The Idempotency-Key header must be 1-255 visible ASCII characters.',
    });
  }
  return key;
}

/**
 * The IETF Idempotency-Key draft for every POST: the first answer (2xx) is stored for the caller and
 * replayed for a retry with the same key and request; a different request under the same key is a
 * 422, a retry while the first still runs a 409 with Retry-After. An error stores nothing and frees the key: the
 * request changed nothing, and the same key may be retried.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
    private readonly metrics: ApiMetrics,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    if (req.method !== 'POST' || this.reflector.getAllAndOverride<boolean>(SKIP_KEY, [ctx.getHandler(), ctx.getClass()])) return next.handle();
    const res = ctx.switchToHttp().getResponse<Response>();
    const key = readIdempotencyKey(req.headers['idempotency-key']);
    const caller = req.principal ? `sub:${req.principal.sub}` : `ip:${req.ip ?? 'unknown'}`;
    const fingerprint = requestFingerprint(req.method, req.originalUrl, req.body);
    return from(this.idempotency.claim(caller, key, fingerprint)).pipe(
      mergeMap((claim) => {
        switch (claim.kind) {
          case 'mismatch':
            this.metrics.idempotencyOutcome('key_reused');
            throw new UnprocessableError(
              'idempotency-key-reused',
              'This Idempotency-Key was already used for a different request (method, path or body); use a new key for a new request.',
            );
          case 'in-flight':
            this.metrics.idempotencyOutcome('in_flight');
            throw new ConflictError(
              'idempotency-key-in-use',
              `The first request with this Idempotency-Key is still being processed; retry with the same key in ${claim.retryAfterSec} s (Retry-After).`,
              claim.retryAfterSec,
            );
          case 'replay':
            this.metrics.idempotencyOutcome('replayed');
            res.status(claim.response.status);
            for (const [h, v] of Object.entries(claim.response.headers)) res.setHeader(h, v);
            res.setHeader('Idempotent-Replayed', 'true');
            return of(JSON.parse(claim.response.body) as unknown);
          case 'owner':
            return next.handle().pipe(
              mergeMap(async (body) => {
                const headers: Record<string, string> = {};
                for (const h of REPLAYED_HEADERS) {
                  const v = res.getHeader(h);
                  if (v !== undefined) headers[h] = String(v);
                }
                await this.idempotency.complete(caller, key, claim.fence, { status: res.statusCode, body: JSON.stringify(body ?? null), headers });
                return body;
              }),
              catchError(async (err: unknown) => {
                await this.idempotency.release(caller, key, claim.fence);
                throw err;
              }),
            );
        }
      }),
    );
  }
}
