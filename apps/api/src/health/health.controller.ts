import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
}
