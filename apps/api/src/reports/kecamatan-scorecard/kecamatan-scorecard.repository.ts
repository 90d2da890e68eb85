import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OFFICER_STATUSES } from '../shared/period-sql';

export interface ScorecardOffice {
  id: string;
  name: string;
  type: string;
  parent_id: string | null;
}

export interface ComplaintFigures {
  office: string;
  received: number;
  answered: number;
  answered_on_time: number;
  illegal_fee: number;
}

/** The SQL of the kecamatan scorecard. */
@Injectable()
export class KecamatanScorecardRepository {
  constructor(private readonly db: DataSource) {}

  async office(id: string): Promise<ScorecardOffice | undefined> {
    return ((await this.db.query(`SELECT id, name, type, parent_id FROM office WHERE id = $1`, [id])) as ScorecardOffice[])[0];
  }

  /** The kecamatan office, its kelurahan offices, and the outlets under either. */
  offices(kecamatan: string): Promise<ScorecardOffice[]> {
    return this.db.query(
      `WITH RECURSIVE tree AS (
         SELECT id, name, type, parent_id, 0 AS depth FROM office WHERE id = $1
         UNION ALL SELECT o.id, o.name, o.type, o.parent_id, t.depth + 1 FROM office o JOIN tree t ON o.parent_id = t.id WHERE t.depth < 2
       ) SELECT id, name, type, parent_id FROM tree ORDER BY depth, id`,
      [kecamatan],
    );
  }

  /** Complaints about each office filed in the month. */
  complaints(offices: string[], from: Date, to: Date): Promise<ComplaintFigures[]> {
    return this.db.query(
      `SELECT office_id AS office, count(*)::int AS received,
         count(*) FILTER (WHERE first_answered_at IS NOT NULL)::int AS answered,
         count(*) FILTER (WHERE answered_on_time)::int AS answered_on_time,
         count(*) FILTER (WHERE category = 'illegal_fee')::int AS illegal_fee
       FROM complaint WHERE office_id = ANY($1) AND created_at >= $2 AND created_at < $3 GROUP BY office_id`,
      [offices, from, to],
    );
  }

  /** Complaints about each office filed before the month's end and open past their due time now. */
  openOverdue(offices: string[], to: Date): Promise<Array<{ office: string; n: number }>> {
    return this.db.query(
      `SELECT office_id AS office, count(*)::int AS n FROM complaint
       WHERE office_id = ANY($1) AND created_at < $2 AND status IN ('assigned','reopened') AND overdue GROUP BY office_id`,
      [offices, to],
    );
  }

  /** Permit steps held by each office and decided by an officer in the month, and how many in time. */
  steps(offices: string[], from: Date, to: Date): Promise<Array<{ office: string; decided: number; on_time: number }>> {
    return this.db.query(
      `SELECT office_id AS office, count(*)::int AS decided, count(*) FILTER (WHERE NOT coalesce(breached, false))::int AS on_time
       FROM task WHERE office_id = ANY($1) AND status IN ${OFFICER_STATUSES} AND decided_at >= $2 AND decided_at < $3 GROUP BY office_id`,
      [offices, from, to],
    );
  }
}
