import { BusinessCalendar, CalendarSnapshot, measureBusinessMinutes, MeasureArgs, planDeadlines, PlanDeadlinesArgs } from '../libs/calendar';

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
export function createDeadlineActivities(calendar: BusinessCalendar) {
  return {
    async planDeadlines(args: PlanDeadlinesArgs): Promise<Record<string, string>> {
      return planDeadlines(calendar, args);
    },

    async measureBusinessMinutes(args: MeasureArgs): Promise<Record<string, number>> {
      return measureBusinessMinutes(calendar, args);
    },

    async calendarSnapshot({ at, daysBefore, daysAfter }: CalendarSnapshotArgs): Promise<CalendarSnapshot> {
      return calendar.snapshotAround(new Date(at), { daysBefore, daysAfter });
    },
  };
}
