// Business-time arithmetic for the Jakarta civil service (Asia/Jakarta, UTC+7). Pure, no I/O, no clock.
import type { BusinessCalendar } from './business-calendar';
export { BusinessCalendar, JAKARTA_UTC_OFFSET_MINUTES, MINUTES_PER_BUSINESS_DAY, OutsideCalendarSnapshot, SNAPSHOT_SPAN_DAYS, measureBusinessMinutes, planDeadlines } from './business-calendar';
export { isCalendarDate, jakartaLocalDate } from './local-days';
export type { CalendarOptions, CalendarSnapshot, ClosedDay, ClosedDayKind, MeasureArgs, PlanDeadlinesArgs } from './business-calendar';
export { DATE_HOLIDAYS_REVIEW, DEFAULT_RAMADAN, HOLIDAYS, HOLIDAY_SOURCES } from './holidays';
export type { HolidayEntry, HolidayKind, HolidayYearSource } from './holidays';

/** Where the current calendar comes from: the admin-run calendar in PostgreSQL (libs/database/calendar-store.ts), or a fixed one. */
export interface CalendarSource {
  current(): Promise<BusinessCalendar>;
  /** The admin-run calendar's revision (0 for a fixed calendar): what an Update carries to the engine. */
  revision(): Promise<number>;
}

/** A calendar that never changes (tests, tools). */
export const fixedCalendar = (calendar: BusinessCalendar): CalendarSource => ({ current: async () => calendar, revision: async () => calendar.revision ?? 0 });
