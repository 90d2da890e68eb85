import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthedRequest } from './auth.guard';

/**
 * Rate limits per caller, across all endpoints: the token's sub when there is one (a kiosk behind a
 * NAT shares its IP with others), the client address otherwise. Runs after AuthGuard.
 * The counters live in PostgreSQL (PostgresThrottlerStorage): every API process draws on one budget.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const principal = (req as AuthedRequest).principal;
    return principal ? `sub:${principal.sub}` : `ip:${(req as AuthedRequest).ip ?? 'unknown'}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
