// Jakarta local days as day numbers: the number of days between 1970-01-01 and a local date (Asia/Jakarta,
// UTC+7 all year, no daylight saving). Its local midnight is the UTC instant dayNumber * MS_PER_DAY - OFFSET_MS.
// Pure and deterministic: safe in workflow code, like the calendar built on it (./business-calendar.ts).
import { JAKARTA_UTC_OFFSET_MINUTES } from '../domain/time';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 24 * 60 * MS_PER_MINUTE;
export const OFFSET_MS = JAKARTA_UTC_OFFSET_MINUTES * MS_PER_MINUTE;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' to day number, or undefined when it is not a real calendar date (no 30 February, no month 13). */
function calendarDayNumber(value: unknown): number | undefined {
  const match = typeof value === 'string' ? LOCAL_DATE.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear avoids that, and the round trip rejects 02-30.
  check.setUTCFullYear(year, month - 1, day);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return Math.round(check.getTime() / MS_PER_DAY);
}

/** Whether `value` is a 'YYYY-MM-DD' day that exists. */
export function isCalendarDate(value: unknown): value is string {
  return calendarDayNumber(value) !== undefined;
}

/** 'YYYY-MM-DD' to day number; throws RangeError on anything that is not a real calendar date. */
export function parseLocalDate(value: unknown, what = 'localDate'): number {
  const dayNumber = calendarDayNumber(value);
  if (dayNumber === undefined) throw new RangeError(`${what} must be a calendar date 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
  return dayNumber;
}

export function formatDayNumber(dayNumber: number): string {
  const d = new Date(dayNumber * MS_PER_DAY);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** Local (UTC+7) day number of an instant. */
export function dayNumberOf(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / MS_PER_DAY);
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function instantMs(value: Date, what: string): number {
  // Not `instanceof Date`: a Date created in another realm (e.g. a workflow sandbox) must be accepted too.
  const ms = Object.prototype.toString.call(value) === '[object Date]' ? value.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} must be a valid Date`);
  return ms;
}

/** The local date ('YYYY-MM-DD', Asia/Jakarta, UTC+7) of an instant. */
export function jakartaLocalDate(at: Date): string {
  return formatDayNumber(dayNumberOf(instantMs(at, 'at')));
}
