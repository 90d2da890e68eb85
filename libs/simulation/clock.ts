// Simulated time: Jakarta days and wall-clock instants, and the slots at which agents act.
import { BusinessCalendar, JAKARTA_UTC_OFFSET_MINUTES } from '../calendar';

const DAY_MS = 86_400_000;
const WIB_MS = JAKARTA_UTC_OFFSET_MINUTES * 60_000;

/** The instant of a Jakarta wall-clock time on a Jakarta day (day number since 1970-01-01). */
export const at = (day: number, hour: number, minute = 0, second = 0): number => day * DAY_MS - WIB_MS + ((hour * 60 + minute) * 60 + second) * 1000;
/** The Jakarta day (number since 1970-01-01) of an instant. */
export const dayOf = (ms: number): number => Math.floor((ms + WIB_MS) / DAY_MS);
/** 'YYYY-MM-DD' of a Jakarta day. */
export const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 0 = Sunday. */
export const weekdayOf = (day: number): number => (day + 4) % 7;

/**
 * Decisions, resubmissions and withdrawals land at 12:15 or 17:00 WIB of a working day: inside the lunch
 * break or after hours no business minute passes, so the processing lag of the test server's clock
 * changes no measured duration, and no deadline timer (always in working time) falls at the same instant.
 */
export function decisionSlotAtOrAfter(calendar: BusinessCalendar, ms: number): number {
  for (let day = dayOf(ms); ; day++) {
    if (calendar.closedDay(dateOf(day))) continue;
    for (const slot of [at(day, 12, 15), at(day, 17)]) if (slot >= ms) return slot;
  }
}

/** An instant of the run to the minute: the test server's clock drifts from the simulated one by the processing lag. */
export function toMinute(iso: string): string {
  const ms = Date.parse(iso);
  return new Date(ms - (ms % 60_000)).toISOString();
}
