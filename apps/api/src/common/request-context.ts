import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthedRequest } from '../auth/auth.guard';
import { readIdempotencyKey } from '../idempotency/idempotency.interceptor';

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<AuthedRequest>().principal);

export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<AuthedRequest>().id);

/** The Idempotency-Key of the request (checked by IdempotencyInterceptor before the handler runs). */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  readIdempotencyKey(ctx.switchToHttp().getRequest<AuthedRequest>().headers['idempotency-key']),
);

/** What a write needs to be idempotent and traceable: the request's Idempotency-Key and its id. */
export interface WriteRequest {
  idempotencyKey: string;
  requestId?: string;
}

/** The request's {@link WriteRequest}, for a handler that hands it to a service. */
export const Write = createParamDecorator((_: unknown, ctx: ExecutionContext): WriteRequest => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  return { idempotencyKey: readIdempotencyKey(req.headers['idempotency-key']), requestId: req.id };
});
