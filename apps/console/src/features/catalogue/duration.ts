import type { Duration } from './types';

/** A working day is 7.5 hours (450 minutes) of the civil-service week; shown in days when whole. */
const WORKING_DAY_MINUTES = 450;

export function durationText(d: Duration, t: (key: string, vars?: Record<string, string | number>) => string): string {
  if (d.days !== undefined && !d.hours && !d.minutes) return t('catalogue.businessDays', { n: d.days });
  const days = d.businessMinutes / WORKING_DAY_MINUTES;
  if (Number.isInteger(days)) return t('catalogue.businessDays', { n: days });
  return t('catalogue.businessHours', { n: Math.round((d.businessMinutes / 60) * 10) / 10 });
}
