// SQL fragments every rollup query of the reports shares. A query over a MonthSplit takes $1..$8 in the
// order of splitParams, and its own parameters from $9.
import type { MonthSplit } from './month-split';

export const splitParams = (s: MonthSplit): unknown[] => [s.from, s.to, s.monthFrom, s.monthTo, s.edgeA, s.edgeB, s.yearFrom, s.yearTo];

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

/**
 * `SELECT select FROM ... WHERE where` over the rollup rows of the whole months. With a `yearly` rollup
 * (migration 1795560000007), the whole Jakarta years among them come from it and the months before and
 * after from `monthly`, each a range of its table's primary key: a year is one row per key where the
 * months are twelve. Without one, every month comes from `monthly`, and the query still names the year
 * bounds (always in order), because PostgreSQL refuses a parameter it cannot give a type.
 */
export const wholeMonthRows = (select: string, monthly: string, yearly: string | null, where: string): string =>
  yearly === null
    ? `SELECT ${select} FROM ${monthly} WHERE month >= $3::date AND month < $4::date AND $7::date <= $8::date AND ${where}`
    : `SELECT ${select} FROM ${monthly} WHERE month >= $3::date AND month < $7::date AND ${where}
   UNION ALL
   SELECT ${select} FROM ${yearly} WHERE year >= $7::date AND year < $8::date AND ${where}
   UNION ALL
   SELECT ${select} FROM ${monthly} WHERE month >= $8::date AND month < $4::date AND ${where}`;

/** The task statuses that are an officer's decision on an attempt. */
export const OFFICER_STATUSES = `('approved','rejected','revision_requested')`;
