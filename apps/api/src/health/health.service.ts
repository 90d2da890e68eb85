import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/config';
import { UnavailableError } from '../common/errors';
import { APP_CONFIG } from '../config.provider';
import { HealthDto } from './health.dto';
import { HealthRepository } from './health.repository';

/** Whether the platform takes work, part by part, and its gauges for Prometheus. */
@Injectable()
export class HealthService {
  constructor(
    private readonly repository: HealthRepository,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** ok, degraded (no live worker: applications wait) or, when PostgreSQL or Temporal is down, an Unavailable error carrying the report. */
  async check(): Promise<HealthDto> {
    const [postgres, temporal, workers] = await Promise.all([
      this.repository.ping().then(() => 'ok' as const, () => 'down' as const),
      this.temporal.workflowService.getSystemInfo({}).then(() => 'ok' as const, () => 'down' as const),
      this.repository.liveWorkers(this.config.temporal.taskQueue).catch(() => 0),
    ]);
    const worker = workers > 0 ? 'ok' : 'down';
    const status = postgres === 'down' || temporal === 'down' ? 'down' : worker === 'down' ? 'degraded' : 'ok';
    const body: HealthDto = { status, postgres, temporal, worker, workers };
    if (status === 'down') throw new UnavailableError(`The platform cannot take work: PostgreSQL is ${postgres}, Temporal is ${temporal}.`, { ...body });
    return body;
  }

  /** Prometheus text exposition format 0.0.4. */
  async metrics(): Promise<string> {
    const { open, overdue } = await this.repository.gauges();
    return [
      '# HELP satupintu_applications_open Applications in review or awaiting the applicant',
      '# TYPE satupintu_applications_open gauge',
      `satupintu_applications_open ${open}`,
      '# HELP satupintu_tasks_overdue Open tasks past their due time',
      '# TYPE satupintu_tasks_overdue gauge',
      `satupintu_tasks_overdue ${overdue}`,
      '# HELP process_resident_memory_bytes Resident memory',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${process.memoryUsage().rss}`,
      '',
    ].join('\n');
  }
}
