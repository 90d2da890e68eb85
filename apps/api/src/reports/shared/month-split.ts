import { jakartaMonthDate, jakartaMonthStart, nextJakartaMonth } from './jakarta-month';
import type { ReportRange } from './report-range';

/**
 * A period split for the monthly rollups: the whole Jakarta months inside it (`monthFrom` to `monthTo`,
 * first days, half open) come from the rollup tables; the rest, before `edgeA` and from `edgeB`, from
 * the rows. With no whole month inside (or rollups off) the months are empty and the rows cover all.
 */
export interface MonthSplit {
  from: Date;
  to: Date;
  monthFrom: string;
  monthTo: string;
  edgeA: Date;
  edgeB: Date;
}

const NO_MONTH = '1970-01-01';

export function splitByMonth(range: ReportRange, useRollups = true): MonthSplit {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const first = jakartaMonthStart(from) === from ? from : nextJakartaMonth(jakartaMonthStart(from));
  const last = jakartaMonthStart(to);
  if (!useRollups || first >= last) return { from: range.from, to: range.to, monthFrom: NO_MONTH, monthTo: NO_MONTH, edgeA: range.to, edgeB: range.to };
  return { from: range.from, to: range.to, monthFrom: jakartaMonthDate(first), monthTo: jakartaMonthDate(last), edgeA: new Date(first), edgeB: new Date(last) };
}

/** The Jakarta month holding `now`, as a report period: its first instant to the next month's. */
export function jakartaMonthOf(now: Date): ReportRange {
  const start = jakartaMonthStart(now.getTime());
  return { from: new Date(start), to: new Date(nextJakartaMonth(start)) };
}
