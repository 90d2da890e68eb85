import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { jakartaInstant, type OutletSession } from './opening';

const COLUMNS = `id, office_id AS "officeId", to_char(date, 'YYYY-MM-DD') AS date, opens, closes, venue`;

/** Where an application was filed: outside the outlet's opening hours or not, and in which session. */
export interface Filing {
  outsideOpeningHours: boolean;
  sessionId: string | null;
}

/** Tables outlet_session and application_filing (migration 1795520000000). */
@Injectable()
export class OutletSessionsRepository {
  constructor(private readonly db: DataSource) {}

  /** Adds a session; the same id again (a retried request) changes nothing. Answers the stored row. */
  async create(s: OutletSession, by: string): Promise<OutletSession> {
    await this.db.query(
      `INSERT INTO outlet_session (id, office_id, date, opens, closes, starts_at, ends_at, venue, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [s.id, s.officeId, s.date, s.opens, s.closes, jakartaInstant(s.date, s.opens), jakartaInstant(s.date, s.closes), s.venue, by],
    );
    return (await this.find(s.id))!;
  }

  /** Replaces a session's date, hours and venue; false when there is no such session. */
  async update(s: OutletSession): Promise<boolean> {
    // TypeORM answers an UPDATE or DELETE on PostgreSQL as [rows, affected].
    const [, affected]: [unknown[], number] = await this.db.query(
      `UPDATE outlet_session SET office_id = $2, date = $3, opens = $4, closes = $5, starts_at = $6, ends_at = $7, venue = $8, updated_at = now()
       WHERE id = $1 RETURNING id`,
      [s.id, s.officeId, s.date, s.opens, s.closes, jakartaInstant(s.date, s.opens), jakartaInstant(s.date, s.closes), s.venue],
    );
    return affected > 0;
  }

  async remove(id: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.db.query(`DELETE FROM outlet_session WHERE id = $1 RETURNING id`, [id]);
    return affected > 0;
  }

  async find(id: string): Promise<OutletSession | undefined> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM outlet_session WHERE id = $1`, [id]);
    return row;
  }

  /** Sessions of one outlet or all, on Jakarta dates from..to (inclusive), by date and opening. */
  list(q: { officeId?: string; from: string; to: string }): Promise<OutletSession[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM outlet_session WHERE ($1::text IS NULL OR office_id = $1) AND date BETWEEN $2 AND $3 ORDER BY date, opens, id`,
      [q.officeId ?? null, q.from, q.to],
    );
  }

  /** The sessions running at an instant. */
  at(at: Date): Promise<OutletSession[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM outlet_session WHERE starts_at <= $1 AND $1 < ends_at ORDER BY office_id, id`, [at]);
  }

  /**
   * Records where and when an application was filed, and answers the record: a retried submission keeps
   * (and gets back) the first one. One statement; a second read only when another request's insert of the
   * same application was not yet committed when it began.
   */
  async recordFiling(f: { applicationId: string; officeId: string; filedAt: Date; outsideOpeningHours: boolean; sessionId: string | null }): Promise<Filing> {
    const [row]: Filing[] = await this.db.query(
      `WITH ins AS (
         INSERT INTO application_filing (application_id, office_id, filed_at, outside_opening_hours, session_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (application_id) DO NOTHING
         RETURNING outside_opening_hours, session_id)
       SELECT outside_opening_hours AS "outsideOpeningHours", session_id AS "sessionId" FROM ins
       UNION ALL
       SELECT outside_opening_hours, session_id FROM application_filing WHERE application_id = $1 AND NOT EXISTS (SELECT 1 FROM ins)`,
      [f.applicationId, f.officeId, f.filedAt, f.outsideOpeningHours, f.sessionId],
    );
    return row ?? (await this.filing(f.applicationId))!;
  }

  async filing(applicationId: string): Promise<Filing | undefined> {
    const [row] = await this.db.query(`SELECT outside_opening_hours AS "outsideOpeningHours", session_id AS "sessionId" FROM application_filing WHERE application_id = $1`, [applicationId]);
    return row;
  }
}
