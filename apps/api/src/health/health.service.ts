import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/config';
import { UnavailableError } from '../common/errors';
import { APP_CONFIG } from '../config.provider';
import { HealthDto } from './health.dto';
import { HealthRepository } from './health.repository';

/** Whether the platform takes work, part by part. */
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
}
