import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/auth.guard';
import { ApiProblems } from '../common/openapi';
import { HealthDto } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
// Load balancers probe these often, from one address: no rate limit.
@SkipThrottle()
@Controller()
export class HealthController {
  constructor(private readonly platform: HealthService) {}

  @Get('health')
  @Public()
  @ApiOperation({
    summary: 'Each part of the platform: PostgreSQL, Temporal, the workers',
    description: 'Answers 200 while the platform takes work (status ok, or degraded when no worker polls) and 503 when PostgreSQL or Temporal is down.',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblems('unavailable')
  health(): Promise<HealthDto> {
    return this.platform.check();
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems()
  metrics(): Promise<string> {
    return this.platform.metrics();
  }
}
