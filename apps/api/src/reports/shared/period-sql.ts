// SQL fragments every rollup query of the reports shares. A query over a MonthSplit takes $1..$6 in the
// order of splitParams, and its own parameters from $7.
import type { MonthSplit } from './month-split';

export const splitParams = (s: MonthSplit): unknown[] => [s.from, s.to, s.monthFrom, s.monthTo, s.edgeA, s.edgeB];

/** Rows of the period outside the whole months, on the given instant column. */
export const edges = (column: string): string => `((${column} >= $1 AND ${column} < $5) OR (${column} >= $6 AND ${column} < $2))`;

/** Rollup rows of the whole months. */
export const IN_MONTHS = `(month >= $3::date AND month < $4::date)`;

/** The task statuses that are an officer's decision on an attempt. */
export const OFFICER_STATUSES = `('approved','rejected','revision_requested')`;
