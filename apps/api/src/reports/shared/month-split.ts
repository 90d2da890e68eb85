import { jakartaMonthDate, jakartaMonthStart, nextJakartaMonth } from './jakarta-month';
import type { ReportRange } from './report-range';

/**
 * A period split for the rollups: the whole Jakarta months inside it (`monthFrom` to `monthTo`, first
 * days, half open) come from the rollup tables; the rest, before `edgeA` and from `edgeB`, from the rows.
 * With no whole month inside (or rollups off) the months are empty and the rows cover all. Of the whole
 * months, those of the whole Jakarta years among them (`yearFrom` to `yearTo`, 1 January each, half open)
 * come from the yearly rollups where a rollup has one; with no whole year both are `monthTo`.
 */
export interface MonthSplit {
  from: Date;
  to: Date;
  monthFrom: string;
  monthTo: string;
  edgeA: Date;
  edgeB: Date;
  yearFrom: string;
  yearTo: string;
}

const NO_MONTH = '1970-01-01';

export function splitByMonth(range: ReportRange, useRollups = true): MonthSplit {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const first = jakartaMonthStart(from) === from ? from : nextJakartaMonth(jakartaMonthStart(from));
  const last = jakartaMonthStart(to);
  if (!useRollups || first >= last) return { from: range.from, to: range.to, monthFrom: NO_MONTH, monthTo: NO_MONTH, edgeA: range.to, edgeB: range.to, yearFrom: NO_MONTH, yearTo: NO_MONTH };
  const monthFrom = jakartaMonthDate(first);
  const monthTo = jakartaMonthDate(last);
  const years = wholeYears(monthFrom, monthTo);
  return { from: range.from, to: range.to, monthFrom, monthTo, edgeA: new Date(first), edgeB: new Date(last), yearFrom: years?.from ?? monthTo, yearTo: years?.to ?? monthTo };
}

/** The whole years (1 January to 1 January, half open) between two first days of months, if any. */
function wholeYears(monthFrom: string, monthTo: string): { from: string; to: string } | null {
  const startYear = Number(monthFrom.slice(0, 4)) + (monthFrom.endsWith('-01-01') ? 0 : 1);
  const endYear = Number(monthTo.slice(0, 4));
  return startYear < endYear ? { from: `${startYear}-01-01`, to: `${endYear}-01-01` } : null;
}

/** The Jakarta month holding `now`, as a report period: its first instant to the next month's. */
export function jakartaMonthOf(now: Date): ReportRange {
  const start = jakartaMonthStart(now.getTime());
  return { from: new Date(start), to: new Date(nextJakartaMonth(start)) };
}
