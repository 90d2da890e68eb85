// Business-time arithmetic for the Jakarta civil service (Asia/Jakarta, UTC+7). Pure, no I/O, no clock.
export { BusinessCalendar, JAKARTA_UTC_OFFSET_MINUTES, MINUTES_PER_BUSINESS_DAY, OutsideCalendarSnapshot, SNAPSHOT_SPAN_DAYS, jakartaLocalDate, measureBusinessMinutes, planDeadlines } from './business-calendar';
export type { CalendarOptions, CalendarSnapshot, ClosedDay, ClosedDayKind, MeasureArgs, PlanDeadlinesArgs } from './business-calendar';
export { DATE_HOLIDAYS_REVIEW, DEFAULT_RAMADAN, HOLIDAYS, HOLIDAY_SOURCES } from './holidays';
export type { HolidayEntry, HolidayKind, HolidayYearSource } from './holidays';
