// What the calendar specs share: Jakarta wall-clock times in and out, and a seeded generator for
// random samples. Test code only (not built).
import { JAKARTA_UTC_OFFSET_MINUTES } from './index';

const WIB_OFFSET_MS = JAKARTA_UTC_OFFSET_MINUTES * 60_000;
export const MINUTE = 60_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The instant at a Jakarta wall-clock time. */
export function wib(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) throw new Error(`bad WIB time ${text}`);
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0));
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - WIB_OFFSET_MS);
}

/** An instant as Jakarta wall-clock time with its weekday: 'Mon 2025-10-13 09:00' (seconds when not 0). */
export function show(at: Date | number): string {
  const local = new Date((typeof at === 'number' ? at : at.getTime()) + WIB_OFFSET_MS);
  const iso = local.toISOString();
  const seconds = iso.slice(17, 23) === '00.000' ? '' : `:${iso.slice(17, 23).replace(/\.000$/, '')}`;
  return `${WEEKDAYS[local.getUTCDay()]} ${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds}`;
}

export function showIntervals(intervals: Array<[number, number]>): string[] {
  return intervals.map(([start, end]) => `${show(start).slice(15)}-${show(end).slice(15)}`);
}

/** A small seeded PRNG (xorshift32), so random samples are the same on every run. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}
