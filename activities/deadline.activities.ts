import type { BusinessCalendar } from '../libs/calendar';

export interface PlanDeadlinesArgs {
  /** The moment the clock (re)starts, from the workflow clock. */
  from: string;
  items: Array<{ key: string; minutes: number }>;
}

export interface MeasureArgs {
  to: string;
  items: Array<{ key: string; from: string }>;
}

/**
 * Business-time arithmetic lives here, not in workflow code: holiday tables and hours change by decree,
 * and the answer must be recorded in history so that a replay sees the deadline the application was given.
 */
export function createDeadlineActivities(calendar: BusinessCalendar) {
  return {
    async planDeadlines({ from, items }: PlanDeadlinesArgs): Promise<Record<string, string>> {
      const start = new Date(from);
      const out: Record<string, string> = {};
      for (const { key, minutes } of items) out[key] = calendar.addBusinessMinutes(start, minutes).toISOString();
      return out;
    },

    async measureBusinessMinutes({ to, items }: MeasureArgs): Promise<Record<string, number>> {
      const end = new Date(to);
      const out: Record<string, number> = {};
      for (const { key, from } of items) out[key] = Math.round(calendar.businessMinutesBetween(new Date(from), end) * 100) / 100;
      return out;
    },
  };
}
