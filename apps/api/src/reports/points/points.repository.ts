import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MonthSplit } from '../shared/month-split';
import { edgeRows, splitParams, wholeMonthRows } from '../shared/period-sql';
import type { PointsBy } from './dto/points.dto';

export interface PointsRow {
  key: string;
  agency: string | null;
  offices: string[] | null;
  steps: number;
  on_time: number;
  /** The exact total, as PostgreSQL prints the numeric. */
  points: string;
}

const KEY_COLUMN: Record<PointsBy, string> = { officer: 'officer', office: 'office_id', agency: 'agency' };

/** The SQL of the points ranking: whole months from points_month, the period's ends from the rows. */
@Injectable()
export class PointsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * One page of the ranking (most points first, ties by key), starting strictly after `after` when
   * given: a keyset over the grouped totals, never an OFFSET.
   */
  page(q: { by: PointsBy; split: MonthSplit; agency: string | null; office: string | null; after: { points: string; key: string } | null; limit: number }): Promise<PointsRow[]> {
    const key = KEY_COLUMN[q.by];
    const filter = `($9::text IS NULL OR agency = $9) AND ($10::text IS NULL OR office_id = $10)`;
    return this.db.query(
      `SELECT key, agency, offices, steps, on_time, points::text AS points FROM (
         SELECT ${key} AS key, min(agency) AS agency, array_agg(DISTINCT office_id ORDER BY office_id) AS offices,
           sum(steps)::int AS steps, sum(on_time)::int AS on_time, sum(points) AS points
         FROM (
           ${wholeMonthRows('officer, agency, office_id, steps, on_time, points', 'points_month', null, filter)}
           UNION ALL
           ${edgeRows('officer, agency, office_id, 1, (late_minutes = 0)::int, points', 'points', 'awarded_at', filter)}
         ) parts
         GROUP BY ${key}
         HAVING sum(steps) <> 0
       ) ranked
       WHERE $11::numeric IS NULL OR points < $11::numeric OR (points = $11::numeric AND key > $12::text)
       ORDER BY ranked.points DESC, key
       LIMIT $13`,
      [...splitParams(q.split), q.agency, q.office, q.after?.points ?? null, q.after?.key ?? null, q.limit],
    );
  }
}
