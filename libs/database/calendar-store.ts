// The working calendar as admins run it (docs/calendar.md): the code's tables (libs/calendar/holidays.ts)
// with the years loaded from their decrees in place of the built-in ones, plus the standing closures of
// the province and of single offices. Read by the worker's calendar activities and the API; rebuilt only
// when the revision that every change raises has moved, so a read costs one tiny query, or none while
// the store listens for the changes (watch()).
import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';
import { BusinessCalendar, type CalendarOptions, type CalendarSource, type HolidayEntry } from '../calendar';

/** The channel every calendar change notifies, in its own transaction, with the new revision as payload. */
export const CALENDAR_REVISION_CHANNEL = 'calendar_revision';

const REVISION_SQL = `SELECT revision::int AS revision FROM calendar_revision`;

/** A promise and the function that resolves it. */
function promised(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Listeners reconnect after this long, doubling after each failed try up to RECONNECT_MAX_MS. */
const RECONNECT_FIRST_MS = 1000;
const RECONNECT_MAX_MS = 30_000;

export class CalendarStore implements CalendarSource {
  private cached?: { revision: number; calendar: BusinessCalendar };
  private building?: { atLeast: number; calendar: Promise<BusinessCalendar> };
  /** The newest revision known without asking: set while the listener's connection stands (watch()). */
  private known?: number;
  private listener?: PgClient;
  private retry?: NodeJS.Timeout;
  private closed = false;
  private standing = promised();

  /** `base`: options from configuration (extra closed days, Ramadan ranges), merged with the stored ones. */
  constructor(
    private readonly db: DataSource,
    private readonly base: CalendarOptions = {},
  ) {}

  async revision(): Promise<number> {
    if (this.known !== undefined) return this.known;
    const [row] = await this.db.query(REVISION_SQL);
    return row?.revision ?? 0;
  }

  /**
   * Listens for calendar changes on a connection of its own, so that revision() costs no query (it is read
   * by every submit, decision and resubmission). The revision is read once the LISTEN stands, so no change
   * falls between the two; while the connection is down, revision() queries as before, and the listener
   * reconnects (after 1 s, doubling after each failed try up to 30 s). Another process's change is known here within the time
   * its notification takes; the running applications hear of it through the fan-out (docs/calendar.md).
   */
  watch(url: string): this {
    const connect = async (wait: number) => {
      if (this.closed) return;
      const client = new PgClient({ connectionString: url, application_name: 'satupintu-calendar-listener' });
      let stood = false;
      const down = () => {
        if (this.listener !== client) return;
        this.listener = undefined;
        this.known = undefined;
        this.standing = promised();
        client.end().catch(() => undefined);
        // A connection that stood and then dropped starts the backoff over.
        const next = stood ? RECONNECT_FIRST_MS : wait;
        if (!this.closed) this.retry = setTimeout(() => void connect(Math.min(next * 2, RECONNECT_MAX_MS)), next);
      };
      client.on('error', down);
      client.on('end', down);
      client.on('notification', (n) => {
        const revision = Number(n.payload);
        if (n.channel === CALENDAR_REVISION_CHANNEL && Number.isInteger(revision)) this.noteRevision(revision);
      });
      this.listener = client;
      try {
        await client.connect();
        await client.query(`LISTEN ${CALENDAR_REVISION_CHANNEL}`);
        const revision = (await client.query<{ revision: number }>(REVISION_SQL)).rows[0]?.revision ?? 0;
        if (this.listener === client && !this.closed) {
          stood = true;
          this.known = Math.max(this.known ?? 0, revision);
          this.standing.resolve();
        }
        if (this.closed) await client.end();
      } catch {
        down();
      }
    };
    void connect(RECONNECT_FIRST_MS);
    return this;
  }

  /** Resolves once the listener stands (and again after it reconnected); revision() then costs no query. */
  listening(): Promise<void> {
    return this.standing.promise;
  }

  /** A change this process committed: known at once, before its notification comes back. */
  noteRevision(revision: number): void {
    if (this.known !== undefined) this.known = Math.max(this.known, revision);
  }

  /** NestJS calls this when the application closes. */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /** Stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const listener = this.listener;
    this.listener = undefined;
    this.known = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** The calendar as it is now. */
  async current(): Promise<BusinessCalendar> {
    const revision = await this.revision();
    if (this.cached?.revision === revision) return this.cached.calendar;
    // A build started before this revision may have read the rows before it: start another.
    if (!this.building || this.building.atLeast < revision) {
      const building = { atLeast: revision, calendar: this.build() };
      this.building = building;
      void building.calendar.finally(() => {
        if (this.building === building) this.building = undefined;
      }).catch(() => undefined);
    }
    return this.building.calendar;
  }

  private async build(): Promise<BusinessCalendar> {
    // Read in one snapshot of the database so the revision matches the rows.
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const [{ revision }] = await tx.query(REVISION_SQL);
      const years: Array<{ year: number; days: HolidayEntry[] }> = await tx.query(`SELECT year, days FROM calendar_year`);
      const closures: Array<{ date: string; office_id: string | null; name: string }> = await tx.query(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, office_id, name FROM calendar_closure WHERE cancelled_at IS NULL ORDER BY date, id`,
      );
      const calendar = new BusinessCalendar({
        ...this.base,
        revision,
        years: { ...(this.base.years ?? {}), ...Object.fromEntries(years.map((y) => [y.year, y.days])) },
        extraClosedDays: [...(this.base.extraClosedDays ?? []), ...closures.filter((c) => c.office_id === null).map((c) => ({ date: c.date, name: c.name }))],
        officeClosedDays: [
          ...(this.base.officeClosedDays ?? []),
          ...closures.filter((c) => c.office_id !== null).map((c) => ({ officeId: c.office_id!, date: c.date, name: c.name })),
        ],
      });
      if (!this.cached || this.cached.revision < revision) this.cached = { revision, calendar };
      return calendar;
    });
  }
}
