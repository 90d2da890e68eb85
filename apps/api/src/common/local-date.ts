/** The years a written date may name: the calendar's range is narrower (calendar.dto.ts); this keeps nonsense out. */
export const DATE_YEARS = { first: 2000, last: 2100 } as const;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether `value` is a 'YYYY-MM-DD' day that exists (no 30 February, no month 13) in `years`. A pattern
 * alone lets through days PostgreSQL refuses ('0000-01-01', '2026-02-30'), which must be a 400 here and
 * not a failed query later.
 */
export function isLocalDate(value: string, years: { first: number; last: number } = DATE_YEARS): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < years.first || y > years.last || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** What a caller reads when a date is not one. */
export const LOCAL_DATE_MESSAGE = `must be a date YYYY-MM-DD that exists, between ${DATE_YEARS.first} and ${DATE_YEARS.last}`;
