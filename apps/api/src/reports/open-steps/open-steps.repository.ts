import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { overdueSql } from '../../../../../libs/domain';
import { REPORT_OPTIONS, ReportOptions } from '../report-options';

export interface OpenStepRow {
  permit_type: string;
  version: number | null;
  step_id: string;
  open: number;
  overdue: number;
}

const FILTER = `($1::text IS NULL OR permit_type = $1) AND ($2::int IS NULL OR definition_version = $2)`;

/**
 * Open and overdue attempts per permit type, version and step. From the counts the triggers keep
 * (task_open_count, by due_day: the UTC day of the due instant): the days before today are overdue, later days are
 * not, and only the attempts due today before now are counted from the rows. With the rollups off,
 * every open attempt is counted (the same answer, slower).
 */
@Injectable()
export class OpenStepsRepository {
  constructor(
    private readonly db: DataSource,
    @Inject(REPORT_OPTIONS) private readonly options: Pick<ReportOptions, 'useRollups'>,
  ) {}

  async counts(permitType: string | null, version: number | null): Promise<{ rows: OpenStepRow[]; asOf: Date }> {
    const rows: Array<OpenStepRow & { as_of: Date }> = await this.db.query(this.options.useRollups ? KEPT : COUNTED, [permitType, version]);
    return { rows, asOf: rows[0]?.as_of ?? new Date() };
  }
}

const KEPT = `
  SELECT permit_type, version, step_id, sum(open)::int AS open, sum(overdue)::int AS overdue, now() AS as_of
  FROM (
    SELECT permit_type, definition_version AS version, step_id, n AS open,
      CASE WHEN flagged OR due_day < due_day(now()) THEN n ELSE 0 END AS overdue
    FROM task_open_count WHERE ${FILTER}
    UNION ALL
    SELECT permit_type, definition_version, step_id, 0, 1 FROM task
    WHERE status = 'open' AND NOT overdue AND due_at >= due_day(now())::timestamp AT TIME ZONE 'UTC' AND due_at < now()
      AND permit_type IS NOT NULL AND definition_version IS NOT NULL AND ${FILTER}
  ) counted
  GROUP BY permit_type, version, step_id
  HAVING sum(open) > 0
  ORDER BY permit_type, version, step_id`;

const COUNTED = `
  SELECT permit_type, definition_version AS version, step_id, count(*)::int AS open,
    count(*) FILTER (WHERE ${overdueSql('task')})::int AS overdue, now() AS as_of
  FROM task
  WHERE status = 'open' AND permit_type IS NOT NULL AND definition_version IS NOT NULL AND ${FILTER}
  GROUP BY permit_type, definition_version, step_id
  ORDER BY permit_type, definition_version, step_id`;
