// Staffing and opening hours from observed arrivals. Pure functions; the SQL lives in reports.service.ts.
import { JAKARTA_UTC_OFFSET_MS as JAKARTA_OFFSET_MS } from '../../../../libs/domain';
import { officersNeeded } from './erlang';

const DAY_MS = 86_400_000;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** How many times each weekday (Monday first) occurs among the Jakarta days the period touches. */
export function weekdayOccurrences(from: Date, to: Date): number[] {
  const counts = [0, 0, 0, 0, 0, 0, 0];
  const first = Math.floor((from.getTime() + JAKARTA_OFFSET_MS) / DAY_MS);
  const last = Math.floor((to.getTime() - 1 + JAKARTA_OFFSET_MS) / DAY_MS);
  // Day 0 (1970-01-01) was a Thursday: index 3 with Monday as 0.
  for (let day = first; day <= last; day++) counts[(((day + 3) % 7) + 7) % 7]++;
  return counts;
}

/** The Jakarta dates ('YYYY-MM-DD') the period touches. */
export function jakartaDates(from: Date, to: Date): string[] {
  const first = Math.floor((from.getTime() + JAKARTA_OFFSET_MS) / DAY_MS);
  const last = Math.floor((to.getTime() - 1 + JAKARTA_OFFSET_MS) / DAY_MS);
  const out: string[] = [];
  for (let day = first; day <= last; day++) out.push(new Date(day * DAY_MS).toISOString().slice(0, 10));
  return out;
}

const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

export interface OpeningSuggestion {
  open: string;
  close: string;
  /** Share of the weekday's arrivals that fall inside the suggested hours. */
  coverage: number;
}

/**
 * The shortest run of whole hours that holds at least `coverage` of a weekday's arrivals (the earliest
 * such run on a tie); null when the weekday sees fewer than `minPerDay` arrivals on average: close it.
 */
export function suggestOpeningHours(arrivalsByHour: ReadonlyArray<number>, occurrences: number, coverage: number, minPerDay: number): OpeningSuggestion | null {
  const total = arrivalsByHour.reduce((s, n) => s + n, 0);
  if (occurrences === 0 || total === 0 || total / occurrences < minPerDay) return null;
  let best: { start: number; end: number; sum: number } | undefined;
  for (let start = 0; start < 24; start++) {
    let sum = 0;
    for (let end = start + 1; end <= 24; end++) {
      sum += arrivalsByHour[end - 1];
      if (sum >= coverage * total - 1e-9) {
        if (!best || end - start < best.end - best.start) best = { start, end, sum };
        break;
      }
    }
  }
  return { open: hh(best!.start), close: hh(best!.end), coverage: Math.round((best!.sum / total) * 1000) / 1000 };
}

export interface HourLoad {
  hour: string;
  arrivals: number;
  /** Mean arrivals in this hour of this weekday over the period. */
  arrivalsPerHour: number;
  officers: number;
  expectedWaitMinutes: number | null;
}

export function hourLoads(
  arrivalsByHour: ReadonlyArray<number>,
  occurrences: number,
  serviceMinutes: number,
  targetWaitMinutes: number,
  wait: (c: number, perHour: number) => number,
): HourLoad[] {
  const out: HourLoad[] = [];
  for (let h = 0; h < 24; h++) {
    if (arrivalsByHour[h] === 0) continue;
    const perHour = occurrences > 0 ? arrivalsByHour[h] / occurrences : 0;
    const officers = officersNeeded(perHour, serviceMinutes, targetWaitMinutes);
    const w = wait(officers, perHour);
    out.push({
      hour: hh(h),
      arrivals: arrivalsByHour[h],
      arrivalsPerHour: Math.round(perHour * 1000) / 1000,
      officers,
      expectedWaitMinutes: Number.isFinite(w) ? Math.round(w * 100) / 100 : null,
    });
  }
  return out;
}
