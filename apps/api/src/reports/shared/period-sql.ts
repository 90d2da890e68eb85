// SQL fragments every rollup query of the reports shares. A query over a MonthSplit takes $1..$6 in the
// order of splitParams, and its own parameters from $7.
import type { MonthSplit } from './month-split';

export const splitParams = (s: MonthSplit): unknown[] => [s.from, s.to, s.monthFrom, s.monthTo, s.edgeA, s.edgeB];

/**
 * `SELECT select FROM table WHERE where` over the rows of the period outside the whole months, by the
 * instant `column`: two range scans, one per end. Written as one `OR` of the two ranges, PostgreSQL
 * plans a bitmap heap scan that reads every row's page; as two ranges, each is an index-only scan of
 * the column's covering index (2026-12-01: the office table's step closures for 15 March to 14 September,
 * 164 ms against 128 ms).
 */
export const edgeRows = (select: string, table: string, column: string, where: string): string =>
  `SELECT ${select} FROM ${table} WHERE ${column} >= $1 AND ${column} < $5 AND ${where}
   UNION ALL
   SELECT ${select} FROM ${table} WHERE ${column} >= $6 AND ${column} < $2 AND ${where}`;

/** Rollup rows of the whole months. */
export const IN_MONTHS = `(month >= $3::date AND month < $4::date)`;

/** The task statuses that are an officer's decision on an attempt. */
export const OFFICER_STATUSES = `('approved','rejected','revision_requested')`;
