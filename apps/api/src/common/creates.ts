import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, Type, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { map } from 'rxjs/operators';
import { ApiIdempotent, ApiProblems } from './openapi';
import type { ProblemKind } from './problem';

/**
 * What a creating POST answers when the resource was there already (the same request sent again after
 * its idempotency record expired, or after a crash with another key): 200 instead of 201.
 */
export class Found<T> {
  constructor(readonly resource: T) {}
}

/** The resource a creating POST made (201), or found (200). */
export function madeOrFound<T>(resource: T, created: boolean): T | Found<T> {
  return created ? resource : new Found(resource);
}

/** Answers 201 (or 200 for a `Found`) with a Location header filled from the resource's field. */
@Injectable()
class LocationInterceptor implements NestInterceptor {
  constructor(
    private readonly template: string,
    private readonly field: string,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = ctx.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((out: unknown) => {
        const resource = (out instanceof Found ? out.resource : out) as Record<string, unknown>;
        res.status(out instanceof Found ? 200 : 201).setHeader('Location', this.template.replace(`{${this.field}}`, String(resource[this.field])));
        return resource;
      }),
    );
  }
}

export interface CreatesOptions {
  /** The request body. */
  body: Type<unknown>;
  /** The resource answered. */
  type: Type<unknown>;
  /** Where the resource is read, with one `{field}` of the resource: `/v1/webhooks/{id}`. */
  location: string;
  /** Every problem the operation may answer, besides the idempotency ones. */
  problems: ProblemKind[];
  /** What the 201 means, when more than "created". */
  created?: string;
  /** When the operation may find the resource instead of making it: what its 200 means. */
  found?: string;
}

/**
 * A POST that creates a resource: its body, 201 with a Location header naming what it made (200 when
 * the handler answers `Found`), an Idempotency-Key, and its problems, documented and done in one place.
 */
export function Creates(o: CreatesOptions) {
  const field = /\{(\w+)\}/.exec(o.location)?.[1];
  if (!field) throw new Error(`Creates: the location ${o.location} names no {field} of the resource`);
  return applyDecorators(
    ApiBody({ type: o.body }),
    ApiCreatedResponse({ type: o.type, description: o.created, headers: { Location: { description: o.location, schema: { type: 'string' } } } }),
    ...(o.found ? [ApiOkResponse({ type: o.type, description: o.found })] : []),
    ApiIdempotent(),
    ApiProblems(...o.problems),
    UseInterceptors(new LocationInterceptor(o.location, field)),
  );
}
