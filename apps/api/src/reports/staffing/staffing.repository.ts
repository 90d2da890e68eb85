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

  /** The outlet's sessions that touch the period, each with the applications it took (application_filing). */
  sessions(officeId: string, range: ReportRange): Promise<Array<{ id: string; date: string; opens: string; closes: string; venue: string | null; arrivals: number }>> {
    return this.db.query(
      `SELECT s.id, to_char(s.date, 'YYYY-MM-DD') AS date, s.opens, s.closes, s.venue, count(f.application_id)::int AS arrivals
       FROM outlet_session s LEFT JOIN application_filing f ON f.session_id = s.id
       WHERE s.office_id = $1 AND s.starts_at < $3 AND s.ends_at > $2
       GROUP BY s.id ORDER BY s.starts_at, s.id`,
      [officeId, range.from, range.to],
    );
  }

  /** Applications filed at the outlet in the period while it was closed (outside its weekly schedule and sessions). */
  async filedOutsideOpeningHours(officeId: string, range: ReportRange): Promise<number> {
    const [row]: Array<{ n: number }> = await this.db.query(
      `SELECT count(*)::int AS n FROM application_filing WHERE office_id = $1 AND outside_opening_hours AND filed_at >= $2 AND filed_at < $3`,
      [officeId, range.from, range.to],
    );
    return row.n;
  }
}
