import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../../../../libs/config/config';
import { Public } from '../auth/auth.guard';
import { NotFoundError, UnauthorizedError } from '../common/errors';
import { ApiProblems } from '../common/openapi';
import { APP_CONFIG } from '../config.provider';
import { ApiMetrics, PROMETHEUS_CONTENT_TYPE } from './api-metrics';

/** Whether the bearer token is the configured metrics token (compared in constant time). */
export function carriesMetricsToken(authorization: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

@ApiTags('health')
// Prometheus scrapes from one address every few seconds: no rate limit.
@SkipThrottle()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: ApiMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('metrics')
  // Not a JWT: the scraper's own token (METRICS_TOKEN), or nothing outside production.
  @Public()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Prometheus metrics of this API process',
    description:
      'With METRICS_TOKEN set, only for `Authorization: Bearer <METRICS_TOKEN>`. In production without it, not served on this port (404): ' +
      'scrape METRICS_PORT instead. Open in development. See docs/operations.md, Observability.',
  })
  @Header('Content-Type', PROMETHEUS_CONTENT_TYPE)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems('unauthorized', 'not-found')
  scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const { token, open } = this.config.observability?.metrics ?? { open: true };
    if (token) {
      if (!carriesMetricsToken(authorization, token)) throw new UnauthorizedError('Send the scraper token: Authorization: Bearer <METRICS_TOKEN>');
    } else if (!open) {
      throw new NotFoundError('Metrics', 'Metrics are not served on the public port in production: scrape METRICS_PORT, or set METRICS_TOKEN and send it as a bearer token.');
    }
    return this.metrics.text();
  }
}
