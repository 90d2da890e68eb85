import { applyDecorators, Delete, HttpCode, Post, type Type } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiParam, type ApiParamOptions } from '@nestjs/swagger';
import { ApiIdempotent, ApiProblems } from './openapi';
import type { ProblemKind } from './problem';

export interface ChangesOptions {
  /** The route below the controller's, e.g. `:id/withdraw`. */
  path: string;
  /** The request body. */
  body: Type<unknown>;
  /** When the body may be left out altogether. */
  optionalBody?: boolean;
  /** The resource answered, as it stands after the change. */
  type: Type<unknown>;
  /** What the 200 answer holds, where the type alone does not say it. */
  answer?: string;
  /** Every problem the operation may answer, besides the idempotency ones. */
  problems: ProblemKind[];
}

/**
 * A POST that acts on a resource that exists (answer, close, withdraw, load): 200 with the resource as
 * it stands after the change, an Idempotency-Key, and its problems, documented in one place. Who may
 * call it, what it does (ApiOperation) and its path parameters stay with the handler.
 */
export function Changes(o: ChangesOptions) {
  return applyDecorators(
    Post(o.path),
    HttpCode(200),
    ApiBody(o.optionalBody ? { type: o.body, required: false } : { type: o.body }),
    ApiOkResponse(o.answer ? { type: o.type, description: o.answer } : { type: o.type }),
    ApiIdempotent(),
    ApiProblems(...o.problems),
  );
}

/** A DELETE of one resource by its `:id` (described by `id`): 204 without a body, 404 when there is none. */
export function Deletes(id: ApiParamOptions) {
  return applyDecorators(Delete(':id'), HttpCode(204), ApiParam(id), ApiNoContentResponse({ description: 'Deleted' }), ApiProblems('unauthorized', 'forbidden', 'not-found'));
}
