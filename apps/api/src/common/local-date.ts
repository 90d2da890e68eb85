import { isCalendarDate } from '../../../../libs/calendar';

/** The years a written date may name: the calendar's range is narrower (calendar.dto.ts); this keeps nonsense out. */
export const DATE_YEARS = { first: 2000, last: 2100 } as const;

/** Any year PostgreSQL's date holds in four digits: for filters, which may reach wider than a write. */
export const ANY_YEAR = { first: 1, last: 9999 } as const;

const LOCAL_DATE = /^(\d{4})-\d{2}-\d{2}$/;

/**
 * What is wrong with `value` as a 'YYYY-MM-DD' day, or undefined when it is a day that exists in `years`.
 * A pattern alone lets through days PostgreSQL refuses ('0000-01-01', '2026-02-30'), which must be a 400
 * naming the field here, not a failed query later. Whether the day exists is the calendar's own check.
 */
export function localDateProblem(value: string, years: { first: number; last: number } = DATE_YEARS): string | undefined {
  const m = LOCAL_DATE.exec(value);
  if (!m) return 'must be a date YYYY-MM-DD';
  if (!isCalendarDate(value)) return 'is not a calendar date';
  const year = Number(m[1]);
  if (year < years.first || year > years.last) return `must be a day of the years ${years.first}-${years.last}`;
  return undefined;
}
