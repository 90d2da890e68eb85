import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { overdueSql } from '../../../../../libs/domain';

export interface OpenStepRow {
  permit_type: string;
  version: number | null;
  step_id: string;
  open: number;
  overdue: number;
}

/** Open and overdue attempts per permit type, version and step: an index-only scan of task_open_step_idx. */
@Injectable()
export class OpenStepsRepository {
  constructor(private readonly db: DataSource) {}

  async counts(permitType: string | null, version: number | null): Promise<{ rows: OpenStepRow[]; asOf: Date }> {
    // One short index-only scan: on a busy two-core server, parallel workers cost more than they save
    // (docs/reports.md, the SLA wall), so this transaction asks for none.
    const rows: Array<OpenStepRow & { as_of: Date }> = await this.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
      return tx.query(
        `SELECT t.permit_type, t.definition_version AS version, t.step_id, count(*)::int AS open,
           count(*) FILTER (WHERE ${overdueSql('t')})::int AS overdue, now() AS as_of
         FROM task t
         WHERE t.status = 'open' AND ($1::text IS NULL OR t.permit_type = $1) AND ($2::int IS NULL OR t.definition_version = $2)
         GROUP BY t.permit_type, t.definition_version, t.step_id
         ORDER BY t.permit_type, t.definition_version, t.step_id`,
        [permitType, version],
      );
    });
    return { rows, asOf: rows[0]?.as_of ?? new Date() };
  }
}
