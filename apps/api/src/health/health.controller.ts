import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { problems } from '../common/problem';
import { HealthDto } from './health.dto';
import { SkipThrottle } from '@nestjs/throttler';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.guard';

@ApiTags('health')
// Load balancers probe these often, from one address: no rate limit.
@SkipThrottle()
@Controller()
export class HealthController {

  constructor(
    private readonly db: DataSource,
    private readonly temporal: Client,
  ) {}

  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness and readiness: PostgreSQL and Temporal reachable' })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblems('unavailable')
  async health() {
    const checks = await Promise.all([
      this.db.query('SELECT 1').then(() => 'up', () => 'down'),
      this.temporal.workflowService.getSystemInfo({}).then(() => 'up', () => 'down'),
    ]);
    const body = { status: checks.every((c) => c === 'up') ? 'ok' : 'degraded', postgres: checks[0], temporal: checks[1] };
    if (body.status !== 'ok') throw problems.of('unavailable', `PostgreSQL is ${body.postgres}, Temporal is ${body.temporal}`, body);
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
              (SELECT count(*) FROM task WHERE status = 'open' AND (overdue OR due_at < now()))::int AS overdue`,
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
