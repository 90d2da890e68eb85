import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OFFICER_STATUSES } from '../shared/period-sql';
import type { ReportRange } from '../shared/report-range';

/** The SQL of the staffing report: an office's arrivals and its officers' throughput. */
@Injectable()
export class StaffingRepository {
  constructor(private readonly db: DataSource) {}

  /** Applications received by the office, by ISO weekday (1 = Monday) and hour, Asia/Jakarta. */
  arrivals(officeId: string, range: ReportRange): Promise<Array<{ dow: number; hour: number; n: number }>> {
    return this.db.query(
      `SELECT extract(isodow FROM submitted_at AT TIME ZONE 'Asia/Jakarta')::int AS dow,
              extract(hour FROM submitted_at AT TIME ZONE 'Asia/Jakarta')::int AS hour, count(*)::int AS n
       FROM application WHERE receiving_office_id = $1 AND submitted_at >= $2 AND submitted_at < $3
       GROUP BY 1, 2`,
      [officeId, range.from, range.to],
    );
  }

  /**
   * The office's officers' throughput: decisions on its steps, and officer-days (a Jakarta date on which
   * an officer decided at least one of them).
   */
  async throughput(officeId: string, range: ReportRange): Promise<{ decisions: number; officerDays: number }> {
    const [row]: Array<{ decisions: number; officer_days: number }> = await this.db.query(
      `SELECT count(*)::int AS decisions,
              count(DISTINCT (decided_by, (decided_at AT TIME ZONE 'Asia/Jakarta')::date))::int AS officer_days
       FROM task WHERE office_id = $1 AND status IN ${OFFICER_STATUSES} AND decided_at >= $2 AND decided_at < $3`,
      [officeId, range.from, range.to],
    );
    return { decisions: row.decisions, officerDays: row.officer_days };
  }
}
