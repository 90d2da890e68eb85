import { Controller, Get, Header, HttpException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  async health() {
    const checks = await Promise.all([
      this.db.query('SELECT 1').then(() => 'up', () => 'down'),
      this.temporal.workflowService.getSystemInfo({}).then(() => 'up', () => 'down'),
    ]);
    const body = { status: checks.every((c) => c === 'up') ? 'ok' : 'degraded', postgres: checks[0], temporal: checks[1] };
    if (body.status !== 'ok') throw new HttpException(body, 503);
    return body;
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics' })
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
