// Story: management reads the league tables for a whole year. Whole Jakarta years come from the yearly
// rollups (migration 1795560000007), the months around them from the monthly ones, the ends from the
// rows; any period must read the same as from the rows alone. The June 2026 fixture is copied into
// November 2025, February 2026 and January 2027, so that every part of such a period holds something.
import type { DataSource } from 'typeorm';
import { ReportsService } from '../../apps/api/src/reports/reports.service';
import { splitByMonth } from '../../apps/api/src/reports/shared/month-split';
import { parseReportRange } from '../../apps/api/src/reports/shared/report-range';
import { YEARLY_ROLLUPS } from '../../libs/database/migrations/1795560000007-yearly-rollups';
import { loadJuneFixture, wib } from './fixture';
import { reportsSuite } from './support';

/** The columns naming a row (made unique with `tag`) and pointing at other copied rows, per table. */
const IDS: Record<string, string[]> = {
  application: ['id', 'tracking_code'],
  task: ['id', 'application_id'],
  escalation: ['id', 'application_id', 'task_id'],
  points: ['task_id', 'application_id'],
};

/** Copies every row of the fixture's tables `shift` (an interval) away, its ids suffixed with `tag`. */
async function copyShifted(db: DataSource, shift: string, tag: string): Promise<void> {
  for (const [table, ids] of Object.entries(IDS)) {
    const columns: Array<{ name: string; type: string }> = await db.query(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns
       WHERE table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      [table],
    );
    const value = (c: { name: string; type: string }) =>
      ids.includes(c.name) ? `${c.name} || '-${tag}'` : c.type.startsWith('timestamp') ? `${c.name} + interval '${shift}'` : c.name;
    await db.query(
      `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')})
       SELECT ${columns.map(value).join(', ')} FROM ${table} WHERE ${ids[0]} NOT LIKE '%-%'`,
    );
  }
}

async function loadYears(db: DataSource): Promise<void> {
  await loadJuneFixture(db);
  await copyShifted(db, '-7 months', 'N25');
  await copyShifted(db, '-4 months', 'F26');
  await copyShifted(db, '7 months', 'J27');
}

/** Rows of each yearly rollup that differ from the sum of its months (a row of zeros is as good as none). */
async function drift(db: DataSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of YEARLY_ROLLUPS) {
    const keys = r.keys.map(([k]) => k);
    const sums = (alias: string) => r.sums.map((c) => `coalesce(${alias}.${c}, 0)`).join(', ');
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM (
         SELECT date_trunc('year', month)::date AS year, ${keys.join(', ')}, ${r.sums.map((c) => `sum(${c})::int AS ${c}`).join(', ')}
         FROM ${r.month} GROUP BY ${Array.from({ length: keys.length + 1 }, (_, i) => i + 1).join(', ')}) m
       FULL JOIN ${r.year} y USING (year, ${keys.join(', ')})
       WHERE (${sums('m')}) IS DISTINCT FROM (${sums('y')})`,
    );
    out[r.year] = n;
  }
  return out;
}

const NO_DRIFT = Object.fromEntries(YEARLY_ROLLUPS.map((r) => [r.year, 0]));

describe('Yearly rollups', () => {
  const years = reportsSuite('yearly_rollups', loadYears);
  const asOf = wib('2027-02-15 00:00');

  it.each([
    ['2026-01-01', '2026-12-31', 366, ['2026-01-01', '2027-01-01']],
    ['2025-12-31T12:00:00+07:00', '2027-01-01T06:00:00+07:00', 366, ['2026-01-01', '2027-01-01']],
    ['2025-10-15', '2027-02-10', 900, ['2026-01-01', '2027-01-01']],
    ['2025-11-01', '2026-11-30', 400, ['2026-12-01', '2026-12-01']],
  ])('%s to %s: the same figures from the rollups as from the rows', async (from, to, maxRangeDays, wholeYears) => {
    const range = parseReportRange(from, to, { maxRangeDays });
    const split = splitByMonth(range);
    expect([split.yearFrom, split.yearTo]).toEqual(wholeYears);
    const rolled = new ReportsService(years.scratch.db);
    const raw = new ReportsService(years.scratch.db, { useRollups: false });
    const offices = await rolled.offices({ range, asOf });
    expect(offices.offices.reduce((n, o) => n + o.handOff.closed + o.fieldSteps.tasksDecided, 0)).toBeGreaterThan(0);
    expect(offices).toEqual(await raw.offices({ range, asOf }));
    for (const permitType of ['PBG', 'SLF', 'SIP_DOKTER']) expect(await rolled.offices({ range, asOf, permitType })).toEqual(await raw.offices({ range, asOf, permitType }));
    expect(await rolled.agencies({ range, asOf })).toEqual(await raw.agencies({ range, asOf }));
    for (const by of ['officer', 'office', 'agency'] as const) expect(await rolled.points({ range, by, limit: 100 })).toEqual(await raw.points({ range, by, limit: 100 }));
  });

  it('starts each yearly rollup as the sum of its months, and keeps it so through inserts, updates and deletes', async () => {
    const db = years.scratch.db;
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM task_year_office WHERE year = '2026-01-01' AND decided > 0`);
    expect(n).toBeGreaterThan(0);
    expect(await drift(db)).toEqual(NO_DRIFT);
    const range = parseReportRange('2026-01-01', '2026-12-31', { maxRangeDays: 366 });
    const rolled = new ReportsService(db);
    const raw = new ReportsService(db, { useRollups: false });
    const before = await rolled.offices({ range, asOf });

    // A decision late after all, an application moved to another office, an escalation and a whole
    // copied application with its steps removed: the years follow, as the rows do.
    await db.query(`UPDATE task SET breached = NOT coalesce(breached, false) WHERE id = 'T1-F26'`);
    await db.query(`UPDATE application SET receiving_office_id = 'kel-31.74.01.1001' WHERE id = (SELECT id FROM application WHERE id LIKE '%-F26' AND decided_at IS NOT NULL ORDER BY id LIMIT 1)`);
    await db.query(
      `INSERT INTO escalation (id, application_id, task_id, step_id, agency, office_id, rung, notify, public_list, at)
       VALUES ('EY', 'HSIP-F26', 'U1-F26', 'step', 'DINKES', 'kota-31.71', 'governor', 'governor', true, $1)`,
      [wib('2026-03-09 10:00')],
    );
    await db.query(`DELETE FROM points WHERE application_id = 'HPBG-F26'`);
    await db.query(`DELETE FROM escalation WHERE application_id = 'HPBG-F26'`);
    await db.query(`DELETE FROM task WHERE application_id = 'HPBG-F26'`);
    expect(await drift(db)).toEqual(NO_DRIFT);
    const after = await rolled.offices({ range, asOf });
    expect(after).not.toEqual(before);
    expect(after).toEqual(await raw.offices({ range, asOf }));
    expect(await rolled.agencies({ range, asOf })).toEqual(await raw.agencies({ range, asOf }));
  });

  it('reads a whole year from the yearly rollup, not from its months', async () => {
    const db = years.scratch.db;
    const range = parseReportRange('2026-01-01', '2026-12-31', { maxRangeDays: 366 });
    const reports = new ReportsService(db);
    const closed = async () => (await reports.offices({ range, asOf })).offices.reduce((n, o) => n + o.handOff.closed, 0);
    const before = await closed();
    // Only the yearly row changes (no trigger keeps the months from it): the year's figure moves with it.
    await db.query(`UPDATE application_year_closed_all SET closed = closed + 1 WHERE (year, office_id, bucket) = (SELECT year, office_id, bucket FROM application_year_closed_all WHERE year = '2026-01-01' ORDER BY office_id, bucket LIMIT 1)`);
    try {
      expect(await closed()).toBe(before + 1);
    } finally {
      await db.query(`UPDATE application_year_closed_all SET closed = closed - 1 WHERE (year, office_id, bucket) = (SELECT year, office_id, bucket FROM application_year_closed_all WHERE year = '2026-01-01' ORDER BY office_id, bucket LIMIT 1)`);
    }
  });
});
