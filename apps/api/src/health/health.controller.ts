import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { problems } from '../common/problem';
import { HealthDto } from './health.dto';
import { SkipThrottle } from '@nestjs/throttler';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.guard';
import { liveWorkers } from '../../../../libs/database/worker-heartbeat';
import { overdueSql } from '../../../../libs/domain';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../config.provider';

@ApiTags('health')
// Load balancers probe these often, from one address: no rate limit.
@SkipThrottle()
@Controller()
export class HealthController {

  constructor(
    private readonly db: DataSource,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('health')
  @Public()
  @ApiOperation({
    summary: 'Each part of the platform: PostgreSQL, Temporal, the workers',
    description: 'Answers 200 while the platform takes work (status ok, or degraded when no worker polls) and 503 when PostgreSQL or Temporal is down.',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblems('unavailable')
  async health(): Promise<HealthDto> {
    const [postgres, temporal, workers] = await Promise.all([
      this.db.query('SELECT 1').then(() => 'ok' as const, () => 'down' as const),
      this.temporal.workflowService.getSystemInfo({}).then(() => 'ok' as const, () => 'down' as const),
      liveWorkers(this.db, this.config.temporal.taskQueue).catch(() => 0),
    ]);
    const worker = workers > 0 ? 'ok' : 'down';
    const status = postgres === 'down' || temporal === 'down' ? 'down' : worker === 'down' ? 'degraded' : 'ok';
    const body: HealthDto = { status, postgres, temporal, worker, workers };
    if (status === 'down') throw problems.of('unavailable', `The platform cannot take work: PostgreSQL is ${postgres}, Temporal is ${temporal}.`, { ...body });
    return body;
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems()
  async metrics() {
    const [row] = await this.db.query(
      `SELECT (SELECT count(*) FROM application WHERE status IN ('in_review','awaiting_applicant'))::int AS open,
              (SELECT count(*) FROM task WHERE status = 'open' AND ${overdueSql('task')})::int AS overdue`,
    );
    return [
      '# HELP satupintu_applications_open Applications in review or awaiting the applicant',
      '# TYPE satupintu_applications_open gauge',
      `satupintu_applications_open ${row.open}`,
      '# HELP satupintu_tasks_overdue Open tasks past their due time',
      '# TYPE satupintu_tasks_overdue gauge',
      `satupintu_tasks_overdue ${row.overdue}`,
      '# HELP process_resident_memory_bytes Resident memory',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${process.memoryUsage().rss}`,
      '',
    ].join('\n');
  }
}
