import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Applicant, ApplicationStatus, ApplicationView } from '../../../../workflows/messages';
import { Where } from '../database/where';
import type { ApplicationSort } from './dto/list-applications.query';

export interface ApplicationRow {
  view: ApplicationView;
  /** Absent only for a row written before the applicant was known (never today). */
  applicant: Applicant | null;
}

/** Which applications a list may show, and where the page starts. */
export interface ApplicationQuery {
  /** Only those this integrator submitted. */
  submittedBy?: string;
  /** Only those with a task of this agency (and of this office, when given). */
  withTaskOf?: { agency: string; office?: string };
  status?: ApplicationStatus;
  permitType?: string;
  receivingOfficeId?: string;
  submittedFrom?: string;
  submittedTo?: string;
  sort: ApplicationSort;
  /** The sort key and id of the last item of the previous page: 'infinity' for no due time. */
  after?: { at: string; id: string };
  limit: number;
}

export interface ApplicationListRow extends ApplicationRow {
  id: string;
  /** The value of the sort column: an instant, or 'infinity' when the application has no due time. */
  sortKey: string;
}

/** Sort keys of the list: the column expression and its direction. */
const SORTS: Record<ApplicationSort, { expr: string; dir: 'ASC' | 'DESC' }> = {
  '-submittedAt': { expr: 'submitted_at', dir: 'DESC' },
  submittedAt: { expr: 'submitted_at', dir: 'ASC' },
  dueAt: { expr: "coalesce(due_at, 'infinity'::timestamptz)", dir: 'ASC' },
  '-dueAt': { expr: "coalesce(due_at, 'infinity'::timestamptz)", dir: 'DESC' },
};

/** The read model's applications (table application, written by the workflow's projection activities). */
@Injectable()
export class ApplicationsRepository {
  constructor(private readonly db: DataSource) {}

  async findById(id: string): Promise<ApplicationRow | undefined> {
    const rows: ApplicationRow[] = await this.db.query(`SELECT view, applicant FROM application WHERE id = $1`, [id]);
    return rows[0];
  }

  async findByTrackingCode(trackingCode: string): Promise<(ApplicationRow & { id: string }) | undefined> {
    const rows: Array<ApplicationRow & { id: string }> = await this.db.query(`SELECT id, view, applicant FROM application WHERE tracking_code = $1`, [trackingCode]);
    return rows[0];
  }

  /** One page in the requested order (keyset: no OFFSET), up to `limit` rows. */
  async list(q: ApplicationQuery): Promise<ApplicationListRow[]> {
    const sort = SORTS[q.sort];
    const where = new Where()
      .andIf(q.submittedBy, 'submitted_by = ?')
      .andIf(q.status, 'status = ?')
      .andIf(q.permitType, 'permit_type = ?')
      .andIf(q.receivingOfficeId, 'receiving_office_id = ?')
      .andIf(q.submittedFrom, 'submitted_at >= ?::timestamptz')
      .andIf(q.submittedTo, 'submitted_at < ?::timestamptz');
    if (q.withTaskOf?.office) {
      where.and('EXISTS (SELECT 1 FROM task t WHERE t.application_id = application.id AND t.agency = ? AND t.office_id = ?)', q.withTaskOf.agency, q.withTaskOf.office);
    } else if (q.withTaskOf) {
      where.and('EXISTS (SELECT 1 FROM task t WHERE t.application_id = application.id AND t.agency = ?)', q.withTaskOf.agency);
    }
    if (q.after) where.and(`(${sort.expr}, id) ${sort.dir === 'ASC' ? '>' : '<'} (?::timestamptz, ?)`, q.after.at, q.after.id);
    const rows: Array<ApplicationRow & { id: string; sort_key: Date | string }> = await this.db.query(
      `SELECT id, ${sort.expr} AS sort_key, view, applicant FROM application ${where.toSql()}
        ORDER BY ${sort.expr} ${sort.dir}, id ${sort.dir} LIMIT ${where.param(q.limit)}`,
      where.params,
    );
    return rows.map(({ sort_key, ...r }) => ({ ...r, sortKey: sort_key instanceof Date && Number.isFinite(sort_key.getTime()) ? sort_key.toISOString() : 'infinity' }));
  }
}
