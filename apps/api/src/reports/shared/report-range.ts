import { problems } from '../../common/problem';
import { DAY_MS, JAKARTA_OFFSET_MS } from './jakarta-month';
import { jakartaMonthOf } from './month-split';

/** A report's period: the half-open interval [from, to). */
export interface ReportRange {
  from: Date;
  to: Date;
}

/** The period as every report document states it. */
export function rangeFields(range: ReportRange): { from: string; to: string } {
  return { from: range.from.toISOString(), to: range.to.toISOString() };
}

export interface ReportLimits {
  /** The widest period one report may cover, in days. */
  maxRangeDays: number;
}

export const DEFAULT_REPORT_LIMITS: ReportLimits = { maxRangeDays: 366 };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// A full instant with its offset: without one, "10:00" would silently mean the server's zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Midnight in Jakarta (UTC+7) of a 'YYYY-MM-DD' date, or undefined when it is not a real date. */
function jakartaMidnight(value: string): Date | undefined {
  const m = DATE_ONLY.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return new Date(utc - JAKARTA_OFFSET_MS);
}

const isAbsent = (raw: string | undefined): boolean => raw === undefined || raw.trim() === '';

function parseBound(field: 'from' | 'to', raw: string | undefined): Date | { error: string } {
  const value = (raw ?? '').trim();
  if (value === '') return { error: `is required with the other bound: give both from and to (YYYY-MM-DD or an ISO 8601 instant with offset), or neither for the current month` };
  const day = jakartaMidnight(value);
  // A date-only `to` includes that whole day in Jakarta: to=2027-07-31 covers July 31st.
  if (day) return field === 'to' ? new Date(day.getTime() + DAY_MS) : day;
  if (INSTANT.test(value)) {
    const at = new Date(value);
    if (!Number.isNaN(at.getTime())) return at;
  }
  return { error: `must be a date (YYYY-MM-DD, Asia/Jakarta) or an ISO 8601 instant with offset, got "${value.slice(0, 40)}"` };
}

/**
 * Reads `from` and `to` of a report: neither given is the current Jakarta month (at `now`); otherwise
 * both are needed (no report is unbounded), `from` before `to`, and the period no wider than the
 * configured maximum. Dates alone are Jakarta days, `to` inclusive.
 */
export function parseReportRange(rawFrom: string | undefined, rawTo: string | undefined, limits: ReportLimits = DEFAULT_REPORT_LIMITS, now: Date = new Date()): ReportRange {
  if (isAbsent(rawFrom) && isAbsent(rawTo)) return jakartaMonthOf(now);
  const from = parseBound('from', rawFrom);
  const to = parseBound('to', rawTo);
  const errors = [
    ...(from instanceof Date ? [] : [{ field: 'from', message: from.error }]),
    ...(to instanceof Date ? [] : [{ field: 'to', message: to.error }]),
  ];
  if (errors.length > 0 || !(from instanceof Date) || !(to instanceof Date)) throw problems.validation(errors);
  if (to.getTime() <= from.getTime()) {
    throw problems.validation(
      [{ field: 'to', message: `must be after from (${from.toISOString()}); got ${to.toISOString()}` }],
      'The period is empty or inverted: `to` must come after `from`.',
    );
  }
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (days > limits.maxRangeDays) {
    const problem = problems.validation(
      [{ field: 'to', message: `the period may span at most ${limits.maxRangeDays} days; this one spans ${Math.ceil(days)}` }],
      `The period spans ${Math.ceil(days)} days; a report covers at most ${limits.maxRangeDays} days. Split it into smaller periods.`,
    );
    problem.extensions.maxRangeDays = limits.maxRangeDays;
    throw problem;
  }
  return { from, to };
}
