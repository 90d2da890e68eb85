// Jakarta months and days as instants. Jakarta is UTC+7 all year (libs/calendar), so a local date is an
// instant shifted by a fixed offset: no time-zone database, no dependence on the process zone.
import { JAKARTA_UTC_OFFSET_MINUTES } from '../../../../../libs/calendar';

export const JAKARTA_OFFSET_MS = JAKARTA_UTC_OFFSET_MINUTES * 60_000;
export const DAY_MS = 86_400_000;

/** The first instant of the Jakarta month holding `ms`. */
export function jakartaMonthStart(ms: number): number {
  const local = new Date(ms + JAKARTA_OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - JAKARTA_OFFSET_MS;
}

/** The first instant of the Jakarta month after the one starting at `monthStart`. */
export function nextJakartaMonth(monthStart: number): number {
  const local = new Date(monthStart + JAKARTA_OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - JAKARTA_OFFSET_MS;
}

/** The Jakarta date ('YYYY-MM-DD') a month starting at `monthStart` begins on. */
export const jakartaMonthDate = (monthStart: number): string => new Date(monthStart + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);

/** The Jakarta day number (days since 1970-01-01, local) holding `ms`. */
export const jakartaDayNumber = (ms: number): number => Math.floor((ms + JAKARTA_OFFSET_MS) / DAY_MS);
