import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { overdueSql } from '../../../../libs/domain';

export interface AgencyTaskCounts {
  agency: string;
  open: number;
  overdue: number;
}

/** The business gauges, read from the read model: one GROUP BY over the open tasks' partial index. */
@Injectable()
export class MetricsRepository {
  constructor(private readonly db: DataSource) {}

  /** Open and overdue tasks of every agency, zeros included (an agency that caught up shows 0, not nothing). */
  tasksByAgency(): Promise<AgencyTaskCounts[]> {
    return this.db.query(
      `SELECT coalesce(a.code, t.agency) AS agency, count(t.agency)::int AS open, count(t.agency) FILTER (WHERE ${overdueSql('t')})::int AS overdue
         FROM agency a FULL JOIN (SELECT agency, overdue, status, due_at FROM task WHERE status = 'open') t ON t.agency = a.code
        GROUP BY 1`,
    );
  }

  /** Applications still moving (in review or awaiting the applicant). */
  async openApplications(): Promise<number> {
    const [row]: Array<{ n: number }> = await this.db.query(`SELECT count(*)::int AS n FROM application WHERE status IN ('in_review', 'awaiting_applicant')`);
    return row.n;
  }
}
