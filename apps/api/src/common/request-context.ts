import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthedRequest } from '../auth/auth.guard';
import { problems } from './problem';

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<AuthedRequest>().principal);

export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<AuthedRequest>().id);

/** Every write carries an Idempotency-Key (IETF draft): 1-255 visible ASCII characters. */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const raw = ctx.switchToHttp().getRequest<AuthedRequest>().headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key) throw problems.validation([{ field: 'Idempotency-Key', message: 'header is required on every POST' }], 'Send an Idempotency-Key header (a UUID is fine) so a retried request is not applied twice.');
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw problems.validation([{ field: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }]);
  return key;
});
