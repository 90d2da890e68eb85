import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Running applications per version, from the read model (application_running_idx). */
@Injectable()
export class PermitTypeVersionsRepository {
  constructor(private readonly db: DataSource) {}

  running(code: string): Promise<Array<{ version: number; in_review: number; awaiting: number }>> {
    return this.db.query(
      `SELECT definition_version AS version, count(*) FILTER (WHERE status = 'in_review')::int AS in_review,
         count(*) FILTER (WHERE status = 'awaiting_applicant')::int AS awaiting
       FROM application WHERE permit_type = $1 AND status IN ('in_review', 'awaiting_applicant') GROUP BY definition_version`,
      [code],
    );
  }
}
