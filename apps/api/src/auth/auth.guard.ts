import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { createVerifier, KeySetUnavailableError, Principal, Role, TokenError } from '../../../../libs/auth/token';
import { APP_CONFIG } from '../config.provider';
import type { AppConfig } from '../../../../libs/config/config';
import { missingOfficeScope, type Position } from '../../../../libs/domain/deciders';
import { ForbiddenError, UnauthorizedError, UnavailableError } from '../common/errors';

export const PUBLIC_KEY = 'satupintu:public';
export const ROLES_KEY = 'satupintu:roles';
export const POSITIONS_KEY = 'satupintu:positions';

/** No token needed: health, docs and the public tracking page. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** The roles allowed on a route; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** For approvers among the allowed roles: the positions (officer, head) that may call; others get 403. */
export const ApproverPositions = (...positions: Position[]) => SetMetadata(POSITIONS_KEY, positions);

export type AuthedRequest = Request & { principal: Principal; id?: string };

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verify: (token: string) => Promise<Principal>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.verify = createVerifier(config.auth);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedError('Send a bearer token: Authorization: Bearer <JWT> (in development: npm run -s token -- --role integrator)');
    try {
      req.principal = await this.verify(match[1]);
    } catch (err) {
      if (err instanceof KeySetUnavailableError) throw new UnavailableError(`${err.message}; retry later`);
      throw new UnauthorizedError(err instanceof TokenError ? err.message : 'the token could not be verified');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.principal.role)) {
      throw new ForbiddenError(`this endpoint is for ${roles.join(' or ')} tokens; yours is ${req.principal.role}`);
    }
    const positions = this.reflector.getAllAndOverride<Position[] | undefined>(POSITIONS_KEY, targets);
    if (positions && req.principal.role === 'approver' && !positions.includes(req.principal.position ?? 'officer')) {
      throw new ForbiddenError(`this endpoint is for ${roles?.filter((r) => r !== 'approver').join(', ') || 'no'} tokens and approvers whose position is ${positions.join(' or ')}; yours is ${req.principal.position ?? 'officer'}`);
    }
    // Office scope is never implied: every service below may trust that a territorial approver names its office.
    const unscoped = missingOfficeScope(req.principal);
    if (unscoped) throw new ForbiddenError(`${unscoped}: ask for a token with your office`);
    return true;
  }
}
