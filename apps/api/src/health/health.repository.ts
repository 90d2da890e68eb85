import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { liveWorkers } from '../../../../libs/database/worker-heartbeat';

/** What health reads from PostgreSQL. */
@Injectable()
export class HealthRepository {
  constructor(private readonly db: DataSource) {}

  /** Resolves when PostgreSQL answers. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  /** Workers of the task queue that beat their heartbeat recently. */
  liveWorkers(taskQueue: string): Promise<number> {
    return liveWorkers(this.db, taskQueue);
  }
}
