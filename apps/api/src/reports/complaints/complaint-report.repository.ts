import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReportRange } from '../shared/report-range';

/** The SQL of the complaints report. */
@Injectable()
export class ComplaintReportRepository {
  constructor(private readonly db: DataSource) {}

  /** Complaints made in the period per office, category and channel. */
  counts(range: ReportRange): Promise<Array<{ office: string; category: string; channel: string; n: number }>> {
    return this.db.query(
      `SELECT office_id AS office, category, channel, count(*)::int AS n FROM complaint
       WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2, 3`,
      [range.from, range.to],
    );
  }
}
