import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MonthSplit } from '../shared/month-split';
import type { Percentile, PercentilePick } from '../shared/percentiles';
import { edgeRows, OFFICER_STATUSES, splitParams, wholeMonthRows } from '../shared/period-sql';
import type { ReportRange } from '../shared/report-range';

/** Step measures are grouped by the agency or by the office holding the step. */
export type StepGrouping = 'agency' | 'office_id';

/**
 * The closures of one key (an agency, an office) in the period: its histogram of whole decision minutes
 * as two arrays (bucket −1: closed without an officer's decision), their total, and its on-time counts.
 * One row per key, not per key and bucket: a year of the office table is 326 rows instead of 6,800, and
 * the API's CPU went mostly on parsing rows.
 */
export interface KeyClosures {
  key: string;
  buckets: number[];
  counts: number[];
  total: number;
  on_time: number;
  breaches: number;
  deemed: number;
}

export interface OldestOverdueRow {
  key: string;
  id: string;
  application_id: string;
  tracking_code: string | null;
  step_id: string;
  agency: string;
  office_id: string;
  assigned_at: Date;
  due_at: Date;
}

export interface WeekRow {
  week: number;
  decided: number;
  on_time: number;
  breaches: number;
}

export interface PercentileRow {
  key: string;
  which: Percentile;
  minutes: number;
}

const TYPE_FILTER = `($9::text IS NULL OR permit_type = $9)`;

/**
 * The last bucket's upper bound in a percentile read (its `hi` is null): beyond any count of minutes. A
 * bound on both sides keeps the bucket one index range, so a read from the bucket's top starts there and
 * not at the key's largest value.
 */
const NO_UPPER_BOUND = 2_147_483_647;

/** Rows of (key, bucket, n, on_time, breaches, deemed) summed per key and bucket, then gathered per key (KeyClosures). */
const perKey = (parts: string): string =>
  `SELECT key, array_agg(bucket) AS buckets, array_agg(n) AS counts, sum(n)::int AS total,
     sum(on_time)::int AS on_time, sum(breaches)::int AS breaches, sum(deemed)::int AS deemed
   FROM (
     SELECT key, bucket::int AS bucket, sum(n)::int AS n, sum(on_time)::int AS on_time, sum(breaches)::int AS breaches, sum(deemed)::int AS deemed
     FROM (${parts}) parts
     GROUP BY key, bucket
   ) per_bucket
   GROUP BY key`;

/** The SQL of the league tables: whole months from the rollups, the period's ends from the rows. */
@Injectable()
export class SlaRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Attempts closed in the period per key, by bucket of whole decision minutes (bucket −1: no officer
   * decision; the rows carry theirs, migration 1795560000004).
   */
  closures(by: StepGrouping, split: MonthSplit, permitType: string | null): Promise<KeyClosures[]> {
    // The agency rollup has no yearly one: a year of it is a few thousand rows (4,589 on the bench).
    const [monthly, yearly] = by === 'agency' ? ['task_month_agency', null] : ['task_month_office', 'task_year_office'];
    return this.db.query(
      perKey(
        `${wholeMonthRows(`${by} AS key, bucket, decided AS n, on_time, breaches, deemed`, monthly, yearly, TYPE_FILTER)}
         UNION ALL
         ${edgeRows(
           `${by}, attempt_bucket, (status IN ${OFFICER_STATUSES})::int, (status IN ${OFFICER_STATUSES} AND NOT coalesce(breached, false))::int,
            coalesce(breached, false)::int, (status = 'deemed')::int`,
           'task',
           'decided_at',
           `status <> 'open' AND ${TYPE_FILTER}`,
         )}`,
      ),
      [...splitParams(split), permitType],
    );
  }

  /** Steps open at `asOf` past their due instant, per key. */
  openOverdue(by: StepGrouping, asOf: Date, permitType: string | null): Promise<Array<{ key: string; n: number }>> {
    return this.db.query(
      `SELECT ${by} AS key, count(*)::int AS n FROM task
       WHERE status = 'open' AND due_at < $1 AND ($2::text IS NULL OR permit_type = $2) GROUP BY ${by}`,
      [asOf, permitType],
    );
  }

  /**
   * The oldest overdue step of each key: its first due minute, then the task id (steps due in the same
   * minute are not told apart by milliseconds). Two short index descents per key.
   */
  oldestOverdue(by: StepGrouping, asOf: Date, permitType: string | null): Promise<OldestOverdueRow[]> {
    return this.db.query(
      `SELECT k.key, o.*, a.tracking_code
       FROM (SELECT ${by === 'agency' ? 'code FROM agency' : 'id FROM office'}) AS k(key)
       CROSS JOIN LATERAL (SELECT date_trunc('minute', min(due_at)) AS first FROM task
         WHERE status = 'open' AND ${by} = k.key AND due_at < $1 AND ($2::text IS NULL OR permit_type = $2)) f
       CROSS JOIN LATERAL (SELECT id, application_id, step_id, agency, office_id, assigned_at, due_at FROM task
         WHERE status = 'open' AND ${by} = k.key AND due_at >= f.first AND due_at < least(f.first + interval '1 minute', $1)
           AND ($2::text IS NULL OR permit_type = $2)
         ORDER BY id LIMIT 1) o
       LEFT JOIN application a ON a.id = o.application_id`,
      [asOf, permitType],
    );
  }

  /** Escalation rungs that fired in the period per key and rung. */
  escalations(by: StepGrouping, split: MonthSplit, permitType: string | null): Promise<Array<{ key: string; rung: string; n: number }>> {
    return this.db.query(
      `SELECT key, rung, sum(n)::int AS n FROM (
         ${wholeMonthRows(`${by} AS key, rung, n`, 'escalation_month', 'escalation_year', TYPE_FILTER)}
         UNION ALL
         ${edgeRows(`${by}, rung, 1`, 'escalation', 'at', TYPE_FILTER)}
       ) parts GROUP BY key, rung`,
      [...splitParams(split), permitType],
    );
  }

  /** The whole decision minutes at the picked positions, each read from its one bucket in index order, from its nearer end. */
  stepPercentiles(by: StepGrouping, picks: PercentilePick[], range: ReportRange, permitType: string | null): Promise<PercentileRow[]> {
    return this.pick(
      picks,
      `SELECT ceil(t.attempt_minutes)::int AS minutes FROM task t
       WHERE t.${by} = r.key AND t.status IN ${OFFICER_STATUSES}
         AND t.attempt_minutes > r.lo - 1 AND t.attempt_minutes <= coalesce(r.hi, ${NO_UPPER_BOUND}) - 1
         AND t.decided_at >= $2 AND t.decided_at < $3 AND ($4::text IS NULL OR t.permit_type = $4)`,
      't.attempt_minutes',
      [range.from, range.to, permitType],
    );
  }

  /** Applications closed in the period per receiving office, by bucket of intake-to-hand-off minutes. */
  handOffClosures(split: MonthSplit, permitType: string | null): Promise<KeyClosures[]> {
    // Every permit type: the rollup summed over them (a third of the rows to read).
    const select = 'office_id AS key, bucket, closed AS n, on_time, breaches, deemed';
    const months =
      permitType === null
        ? wholeMonthRows(select, 'application_month_closed_all', 'application_year_closed_all', 'true')
        : wholeMonthRows(select, 'application_month_closed', 'application_year_closed', 'permit_type = $9');
    return this.db.query(
      perKey(
        `${months}
         UNION ALL
         ${edgeRows(
           `receiving_office_id, handoff_bucket, (status IN ('issued','rejected'))::int,
            coalesce((status IN ('issued','rejected') AND NOT deemed_granted AND business_minutes_used <= legal_deadline_minutes)::int, 0),
            coalesce((status IN ('issued','rejected') AND (deemed_granted OR business_minutes_used > legal_deadline_minutes))::int, 0),
            deemed_granted::int`,
           'application',
           'decided_at',
           TYPE_FILTER,
         )}`,
      ),
      [...splitParams(split), permitType],
    );
  }

  /**
   * Attempts closed in [from, to) per Jakarta week (the week number counts Mondays since 1970-01-05), as
   * the agency table counts them; narrowed to an agency, a holding office or a permit type. An index-only
   * scan of task_closed_idx. The week is computed in floating point (`date_part`): `extract` returns a
   * numeric, and its arithmetic on every closed attempt of the period took half the query's time.
   */
  weekly(range: ReportRange, f: { agency: string | null; office: string | null; permitType: string | null }, offsetSec: number): Promise<WeekRow[]> {
    return this.db.query(
      `SELECT floor(((date_part('epoch', decided_at) + $6) / 86400 - 4) / 7)::int AS week,
         count(*) FILTER (WHERE status IN ${OFFICER_STATUSES})::int AS decided,
         count(*) FILTER (WHERE status IN ${OFFICER_STATUSES} AND NOT coalesce(breached, false))::int AS on_time,
         count(*) FILTER (WHERE coalesce(breached, false))::int AS breaches
       FROM task
       WHERE status <> 'open' AND decided_at >= $1 AND decided_at < $2
         AND ($3::text IS NULL OR agency = $3) AND ($4::text IS NULL OR office_id = $4) AND ($5::text IS NULL OR permit_type = $5)
       GROUP BY 1`,
      [range.from, range.to, f.agency, f.office, f.permitType, offsetSec],
    );
  }

  /** Applications in review at `asOf` past their legal deadline, per receiving office. */
  openApplicationsOverdue(asOf: Date, permitType: string | null): Promise<Array<{ office: string; n: number }>> {
    return this.db.query(
      `SELECT receiving_office_id AS office, count(*)::int AS n FROM application
       WHERE status = 'in_review' AND due_at < $1 AND ($2::text IS NULL OR permit_type = $2) GROUP BY receiving_office_id`,
      [asOf, permitType],
    );
  }

  /** Applications filed in the period at an outlet outside its weekly schedule and sessions (application_filing), by office. */
  filedOutsideOpeningHours(range: ReportRange, permitType: string | null): Promise<Array<{ office: string; n: number }>> {
    return this.db.query(
      `SELECT f.office_id AS office, count(*)::int AS n FROM application_filing f
       WHERE f.outside_opening_hours AND f.filed_at >= $1 AND f.filed_at < $2
         AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM application a WHERE a.id = f.application_id AND a.permit_type = $3))
       GROUP BY f.office_id`,
      [range.from, range.to, permitType],
    );
  }

  handOffPercentiles(picks: PercentilePick[], range: ReportRange, permitType: string | null): Promise<PercentileRow[]> {
    return this.pick(
      picks,
      `SELECT a.handoff_minutes AS minutes FROM application a
       WHERE a.receiving_office_id = r.key AND a.handoff_minutes IS NOT NULL
         AND a.handoff_minutes >= r.lo AND a.handoff_minutes < coalesce(r.hi, ${NO_UPPER_BOUND})
         AND a.decided_at >= $2 AND a.decided_at < $3 AND ($4::text IS NULL OR a.permit_type = $4)`,
      'a.handoff_minutes',
      [range.from, range.to, permitType],
    );
  }

  /**
   * Reads each pick's value: `rows` (a lateral query over `r`: key, pos, n, lo, hi; its own parameters
   * from $2) selects the bucket's rows in the period, ordered by `order`. A value in the bucket's lower
   * half is the pos-th from the bottom, one in its upper half the (n − pos + 1)-th from the top: each pick
   * walks at most half its bucket's index entries. The branch not taken is a one-time filter, not a scan.
   */
  private async pick(picks: PercentilePick[], rows: string, order: string, params: unknown[]): Promise<PercentileRow[]> {
    if (picks.length === 0) return [];
    return this.db.query(
      `SELECT r.key, r.which, m.minutes FROM jsonb_to_recordset($1::jsonb) AS r(key text, which text, bucket int, pos int, n int, lo int, hi int)
       CROSS JOIN LATERAL (
         (${rows} AND 2 * r.pos <= r.n ORDER BY ${order} OFFSET r.pos - 1 LIMIT 1)
         UNION ALL
         (${rows} AND 2 * r.pos > r.n ORDER BY ${order} DESC OFFSET r.n - r.pos LIMIT 1)
       ) m`,
      [JSON.stringify(picks), ...params],
    );
  }
}
