import { MigrationInterface, QueryRunner } from 'typeorm';
import { ANY_ROWS, staticRollup } from './1795560000006-static-rollup-triggers';
import { dropTransitionTriggers, transitionTriggers } from './transition-triggers';

/** A monthly rollup the office table reads, and the yearly rollup kept from it. */
export interface YearlyRollup {
  month: string;
  year: string;
  /** The key columns after the period, with their types. */
  keys: ReadonlyArray<readonly [string, 'text' | 'int']>;
  /** The counted columns (int). */
  sums: readonly string[];
}

export const YEARLY_ROLLUPS: readonly YearlyRollup[] = [
  { month: 'task_month_office', year: 'task_year_office', keys: [['office_id', 'text'], ['permit_type', 'text'], ['bucket', 'int']], sums: ['decided', 'on_time', 'breaches', 'deemed'] },
  { month: 'application_month_closed', year: 'application_year_closed', keys: [['office_id', 'text'], ['permit_type', 'text'], ['bucket', 'int']], sums: ['closed', 'on_time', 'breaches', 'deemed'] },
  { month: 'application_month_closed_all', year: 'application_year_closed_all', keys: [['office_id', 'text'], ['bucket', 'int']], sums: ['closed', 'on_time', 'breaches', 'deemed'] },
  { month: 'escalation_month', year: 'escalation_year', keys: [['agency', 'text'], ['office_id', 'text'], ['permit_type', 'text'], ['rung', 'text']], sums: ['n'] },
  { month: 'application_month_received', year: 'application_year_received', keys: [['office_id', 'text'], ['permit_type', 'text']], sums: ['n'] },
];

/** The Jakarta year (its 1 January) of a rollup month: months are Jakarta dates, so the year is the date's. */
const YEAR_OF_MONTH = `date_trunc('year', month)::date`;

function yearly(r: YearlyRollup): string {
  const keys = r.keys.map(([k]) => k);
  const groups = Array.from({ length: keys.length + 1 }, (_, i) => i + 1).join(', ');
  const fn = staticRollup(
    `rollup_${r.year}`,
    (rows) => `
          INSERT INTO ${r.year} AS t (year, ${keys.join(', ')}, ${r.sums.join(', ')})
          SELECT ${YEAR_OF_MONTH}, ${keys.join(', ')}, ${r.sums.map((c) => `sum(sign * ${c})`).join(', ')}
          FROM (${rows}) r GROUP BY ${groups}
          HAVING ${r.sums.map((c) => `sum(sign * ${c}) <> 0`).join(' OR ')}
          ORDER BY ${groups}
          ON CONFLICT (year, ${keys.join(', ')}) DO UPDATE SET ${r.sums.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}`,
    ANY_ROWS,
  );
  return `
      LOCK TABLE ${r.month} IN SHARE ROW EXCLUSIVE MODE;
      CREATE TABLE ${r.year} (
        year date NOT NULL, ${r.keys.map(([k, t]) => `${k} ${t} NOT NULL`).join(', ')}, ${r.sums.map((c) => `${c} int NOT NULL`).join(', ')},
        PRIMARY KEY (year, ${keys.join(', ')})
      );
      INSERT INTO ${r.year} (year, ${keys.join(', ')}, ${r.sums.join(', ')})
      SELECT ${YEAR_OF_MONTH}, ${keys.join(', ')}, ${r.sums.map((c) => `sum(${c})`).join(', ')} FROM ${r.month} GROUP BY ${groups};
      ${fn}
      ${transitionTriggers(r.year, r.month, `rollup_${r.year}`)}`;
}

/**
 * Yearly rollups beside the monthly ones the office table reads: step closures by holding office, hand-off
 * closures (by permit type and of all types), escalations and intake. Each is kept from its monthly rollup
 * by that table's own statement triggers (as application_month_closed_all is, 1795560000001), so a change
 * to a month, late or not, reaches its year in the same transaction; the rows already there are summed in.
 * A report over whole Jakarta years reads one row per key and year instead of twelve (the office table for
 * 2026 on the 1,000,000-row bench: 6,767 step-closure rows instead of 76,522).
 *
 * Locks: a year row is written right after the month rows of the same statement, in key order, by the
 * transaction that wrote them; the task rollup writes it under the permit type's lock (1795560000003) as
 * it does the month rows, and the other rollups write one statement per transaction, as before.
 */
export class YearlyRollups1795560000007 implements MigrationInterface {
  name = 'YearlyRollups1795560000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(YEARLY_ROLLUPS.map(yearly).join('\n'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      [...YEARLY_ROLLUPS]
        .reverse()
        .map((r) => `${dropTransitionTriggers(r.year, r.month)}\n      DROP FUNCTION rollup_${r.year}();\n      DROP TABLE ${r.year};`)
        .join('\n'),
    );
  }
}
