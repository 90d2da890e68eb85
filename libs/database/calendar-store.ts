// The working calendar as admins run it (docs/calendar.md): the code's tables (libs/calendar/holidays.ts)
// with the years loaded from their decrees in place of the built-in ones, plus the standing closures of
// the province and of single offices. Read by the worker's calendar activities and the API; rebuilt only
// when the revision that every change raises has moved, so a read costs one tiny query.
import type { DataSource } from 'typeorm';
import { BusinessCalendar, type CalendarOptions, type CalendarSource, type HolidayEntry } from '../calendar';

export class CalendarStore implements CalendarSource {
  private cached?: { revision: number; calendar: BusinessCalendar };
  private building?: { atLeast: number; calendar: Promise<BusinessCalendar> };

  /** `base`: options from configuration (extra closed days, Ramadan ranges), merged with the stored ones. */
  constructor(
    private readonly db: DataSource,
    private readonly base: CalendarOptions = {},
  ) {}

  async revision(): Promise<number> {
    const [row] = await this.db.query(`SELECT revision::int AS revision FROM calendar_revision`);
    return row?.revision ?? 0;
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
      const [{ revision }] = await tx.query(`SELECT revision::int AS revision FROM calendar_revision`);
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
