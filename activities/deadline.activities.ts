import { BusinessCalendar, CalendarSnapshot, CalendarSource, fixedCalendar, measureBusinessMinutes, MeasureArgs, planDeadlines, PlanDeadlinesArgs } from '../libs/calendar';

export type { MeasureArgs, PlanDeadlinesArgs };

export interface CalendarSnapshotArgs {
  /** The workflow clock's now. */
  at: string;
  /** Local days covered before and after the day of `at`. */
  daysBefore: number;
  daysAfter: number;
}

/**
 * Business-time arithmetic is answered here, not from tables compiled into workflow code: holiday tables
 * and hours change by decree, and the answer must be recorded in history so that a replay sees the
 * deadline the application was given. Workflows either ask for each answer (planDeadlines,
 * measureBusinessMinutes) or record a snapshot of the calendar for a span of days and compute with it.
 */
export function createDeadlineActivities(source: BusinessCalendar | CalendarSource) {
  // Each answer reads the calendar as it is now: an admin's change reaches every deadline computed after it.
  const calendars = source instanceof BusinessCalendar ? fixedCalendar(source) : source;
  return {
    async planDeadlines(args: PlanDeadlinesArgs): Promise<Record<string, string>> {
      return planDeadlines(await calendars.current(), args);
    },

    async measureBusinessMinutes(args: MeasureArgs): Promise<Record<string, number>> {
      return measureBusinessMinutes(await calendars.current(), args);
    },

    async calendarSnapshot({ at, daysBefore, daysAfter }: CalendarSnapshotArgs): Promise<CalendarSnapshot> {
      return (await calendars.current()).snapshotAround(new Date(at), { daysBefore, daysAfter });
    },
  };
}
