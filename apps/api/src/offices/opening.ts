// When an office or outlet takes applications (docs/api.md, Outlets and opening hours). Pure functions:
// the sessions come from outlet-sessions.repository.ts, the working calendar from libs/calendar.
import { JAKARTA_ISO_OFFSET, JAKARTA_UTC_OFFSET_MS } from '../../../../libs/domain';
import type { BusinessCalendar } from '../../../../libs/calendar';
import type { Office } from './offices.repository';

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** One opening of an outlet on a Jakarta date, `opens` to `closes` local time ('HH:MM', closes after opens; '24:00' for midnight). */
export interface OutletSession {
  id: string;
  officeId: string;
  date: string;
  opens: string;
  closes: string;
  venue: string | null;
}

/** Why an office is open at an instant. */
export type OpenBy = 'office-hours' | 'weekly-schedule' | 'session';

/** Minutes since midnight of a local time 'HH:MM'. */
export const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The Jakarta date, weekday and minute of the day of an instant. */
export function jakartaLocal(at: Date): { date: string; weekday: (typeof WEEKDAY_KEYS)[number]; minute: number } {
  const local = new Date(at.getTime() + JAKARTA_UTC_OFFSET_MS);
  return { date: local.toISOString().slice(0, 10), weekday: WEEKDAY_KEYS[(local.getUTCDay() + 6) % 7], minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** The instant of a Jakarta date and time of day ('24:00' is the end of the day). */
export function jakartaInstant(date: string, hhmm: string): Date {
  return new Date(Date.parse(`${date}T00:00:00${JAKARTA_ISO_OFFSET}`) + minuteOf(hhmm) * 60_000);
}

/** Whether a weekly schedule (`{ mon: [['10:00', '20:00']], ... }`, [] = closed) holds the instant. */
export function inWeeklySchedule(schedule: Record<string, string[][]> | null, at: Date): boolean {
  if (!schedule) return false;
  const { weekday, minute } = jakartaLocal(at);
  return (schedule[weekday] ?? []).some(([open, close]) => minuteOf(open) <= minute && minute < minuteOf(close));
}

/** The session of the list that holds the instant, if any. */
export function sessionAt(sessions: ReadonlyArray<OutletSession>, at: Date): OutletSession | undefined {
  const { date, minute } = jakartaLocal(at);
  return sessions.find((s) => s.date === date && minuteOf(s.opens) <= minute && minute < minuteOf(s.closes));
}

/**
 * Whether an office takes applications at `at`, and why. An outlet: within its weekly schedule, or within
 * one of its sessions (a session opens an outlet on a day its schedule does not, a car-free Sunday). Any
 * other office: within the civil-service working time of the business calendar (working days, 07:30 on,
 * less the break; Ramadan hours; closed on holidays and cuti bersama).
 */
export function openingAt(
  office: Pick<Office, 'id' | 'type' | 'schedule'>,
  sessions: ReadonlyArray<OutletSession>,
  at: Date,
  calendar: BusinessCalendar,
): { open: boolean; by: OpenBy | null; session: OutletSession | null } {
  if (office.type === 'outlet') {
    const session = sessionAt(sessions.filter((s) => s.officeId === office.id), at);
    if (session) return { open: true, by: 'session', session };
    if (inWeeklySchedule(office.schedule, at)) return { open: true, by: 'weekly-schedule', session: null };
    return { open: false, by: null, session: null };
  }
  return calendar.isWorkingTime(at) ? { open: true, by: 'office-hours', session: null } : { open: false, by: null, session: null };
}
