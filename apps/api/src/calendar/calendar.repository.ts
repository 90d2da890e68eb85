import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { HolidayEntry } from '../../../../libs/calendar';
import { CALENDAR_REVISION_CHANNEL, type CalendarStore } from '../../../../libs/database/calendar-store';
import { CALENDAR_SOURCE } from './calendar.provider';

export interface ClosureRow {
  id: string;
  date: string;
  office_id: string | null;
  name: string;
  reason: string;
  decree: string;
  created_by: string;
  created_at: Date;
  cancelled_by: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
}

export interface YearRow {
  year: number;
  decree: string;
  days: HolidayEntry[];
  loaded_by: string;
  loaded_at: Date;
}

/** Who changed the calendar, for the audit log. */
export interface CalendarChange {
  type: 'calendar.closure_added' | 'calendar.closure_cancelled' | 'calendar.year_loaded';
  actor: string;
  role: string;
  note: string;
  requestId?: string;
  details: Record<string, unknown>;
}

/** A change that moves days: its scope (an office, or the province) and the first day it touches. */
export interface FanOut {
  officeId: string | null;
  from: string;
}

const CLOSURE_COLUMNS = `id, to_char(date, 'YYYY-MM-DD') AS date, office_id, name, reason, decree, created_by, created_at, cancelled_by, cancelled_at, cancel_reason`;

/** Tables calendar_closure, calendar_year, calendar_revision and calendar_change; every change also appends to audit_log, in one transaction. */
@Injectable()
export class CalendarRepository {
  constructor(
    private readonly db: DataSource,
    @Optional() @Inject(CALENDAR_SOURCE) private readonly source?: Partial<Pick<CalendarStore, 'noteRevision'>>,
  ) {}

  /**
   * Runs `change` in a transaction that, when it returns a change, raises the revision and writes the audit
   * row, and when the change moves days (`fanOut`), records it in calendar_change for the running
   * applications to be told. Answers the result and the revision of the change to fan out.
   */
  async changing<T>(change: (tx: EntityManager) => Promise<{ result: T; audit?: CalendarChange; fanOut?: FanOut }>): Promise<{ result: T; fanOut?: number }> {
    let committed: number | undefined;
    const done = await this.db.transaction(async (tx): Promise<{ result: T; fanOut?: number }> => {
      // The revision row serializes the changes: each one sees the one before it.
      await tx.query(`SELECT revision FROM calendar_revision FOR UPDATE`);
      const { result, audit, fanOut } = await change(tx);
      if (!audit) return { result };
      // A CTE so the driver answers rows (a bare UPDATE answers [rows, count]).
      const [{ revision }]: Array<{ revision: number }> = await tx.query(`WITH bumped AS (UPDATE calendar_revision SET revision = revision + 1 RETURNING revision) SELECT revision::int AS revision FROM bumped`);
      // Delivered when the transaction commits: every process's CalendarStore learns the revision (watch()).
      await tx.query(`SELECT pg_notify($1, $2)`, [CALENDAR_REVISION_CHANNEL, String(revision)]);
      committed = revision;
      await tx.query(
        `INSERT INTO audit_log (event_id, application_id, at, type, actor, role, note, status_before, status_after, request_id, subject, details)
         VALUES ($1, NULL, now(), $2, $3, $4, $5, NULL, NULL, $6, 'calendar', $7)`,
        [`calendar:${revision}`, audit.type, audit.actor, audit.role, audit.note, audit.requestId ?? null, JSON.stringify({ ...audit.details, revision })],
      );
      if (!fanOut) return { result };
      await tx.query(`INSERT INTO calendar_change (revision, office_id, from_date, recorded_at) VALUES ($1, $2, $3, now())`, [revision, fanOut.officeId, fanOut.from]);
      return { result, fanOut: revision };
    });
    if (committed !== undefined) this.source?.noteRevision?.(committed);
    return done;
  }

  async closure(id: string, tx: EntityManager | DataSource = this.db): Promise<ClosureRow | undefined> {
    const rows: ClosureRow[] = await tx.query(`SELECT ${CLOSURE_COLUMNS} FROM calendar_closure WHERE id = $1`, [id]);
    return rows[0];
  }

  async standingClosure(tx: EntityManager, date: string, officeId: string | null): Promise<ClosureRow | undefined> {
    const rows: ClosureRow[] = await tx.query(
      `SELECT ${CLOSURE_COLUMNS} FROM calendar_closure WHERE date = $1 AND coalesce(office_id, '') = coalesce($2, '') AND cancelled_at IS NULL`,
      [date, officeId],
    );
    return rows[0];
  }

  async insertClosure(tx: EntityManager, c: Pick<ClosureRow, 'id' | 'date' | 'office_id' | 'name' | 'reason' | 'decree' | 'created_by'>): Promise<ClosureRow> {
    const rows: ClosureRow[] = await tx.query(
      `INSERT INTO calendar_closure (id, date, office_id, name, reason, decree, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       RETURNING ${CLOSURE_COLUMNS}`,
      [c.id, c.date, c.office_id, c.name, c.reason, c.decree, c.created_by],
    );
    return rows[0];
  }

  async cancelClosure(tx: EntityManager, id: string, by: string, reason: string): Promise<ClosureRow> {
    const rows: ClosureRow[] = await tx.query(
      `WITH cancelled AS (UPDATE calendar_closure SET cancelled_by = $2, cancelled_at = now(), cancel_reason = $3 WHERE id = $1 RETURNING *) SELECT ${CLOSURE_COLUMNS} FROM cancelled`,
      [id, by, reason],
    );
    return rows[0];
  }

  async closures(year: number, officeId?: string): Promise<ClosureRow[]> {
    return this.db.query(
      `SELECT ${CLOSURE_COLUMNS} FROM calendar_closure
       WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1) AND ($2::text IS NULL OR office_id = $2)
       ORDER BY date, created_at, id`,
      [year, officeId ?? null],
    );
  }

  async year(year: number, tx: EntityManager | DataSource = this.db): Promise<YearRow | undefined> {
    const rows: YearRow[] = await tx.query(`SELECT year, decree, days, loaded_by, loaded_at FROM calendar_year WHERE year = $1`, [year]);
    return rows[0];
  }

  async saveYear(tx: EntityManager, row: Omit<YearRow, 'loaded_at'>): Promise<void> {
    await tx.query(
      `INSERT INTO calendar_year (year, decree, days, loaded_by, loaded_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (year) DO UPDATE SET decree = EXCLUDED.decree, days = EXCLUDED.days, loaded_by = EXCLUDED.loaded_by, loaded_at = EXCLUDED.loaded_at`,
      [row.year, row.decree, JSON.stringify(row.days), row.loaded_by],
    );
  }
}
