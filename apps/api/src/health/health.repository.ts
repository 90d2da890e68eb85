import { overdueSql } from '../../../../libs/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { liveWorkers } from '../../../../libs/database/worker-heartbeat';

/** What health and metrics read from PostgreSQL. */
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

  async gauges(): Promise<{ open: number; overdue: number }> {
    const [row]: Array<{ open: number; overdue: number }> = await this.db.query(
      `SELECT (SELECT count(*) FROM application WHERE status IN ('in_review','awaiting_applicant'))::int AS open,
              (SELECT count(*) FROM task WHERE status = 'open' AND ${overdueSql('task')})::int AS overdue`,
    );
    return row;
  }
}
