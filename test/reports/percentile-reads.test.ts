// Story: the league tables' medians and 90th percentiles are exact, however many decisions share a
// bucket of the histogram. Each percentile is read from the rows of its one bucket, from whichever end of
// the bucket is nearer; a period with ragged ends counts the bucket's rows from the rollups and the rows
// alike. Here 240 decisions and 120 closed applications over four months, many to a bucket, are checked
// against a sort of the same values done here.
import { ReportsService } from '../../apps/api/src/reports/reports.service';
import { hoursOf, MINUTE_BUCKETS, percentilePositions } from '../../apps/api/src/reports/shared/percentiles';
import { parseReportRange } from '../../apps/api/src/reports/shared/report-range';
import { insertApplications, insertTasks, wib } from './fixture';
import { scratchDatabase, ScratchDatabase } from './support';

const OFFICES = ['kota-31.74', 'kel-31.74.01.1001'];
const AGENCIES = ['DCKTRP', 'DINKES'];
const STATUSES = ['approved', 'rejected', 'revision_requested'];
// 15 June to 14 July: June and July from the rollups in part, both ends from the rows.
const FROM = wib('2026-06-15 00:00');
const TO = wib('2026-07-15 00:00');

/** The i-th instant of 1 May to 31 August, spread so that every month holds some. */
const decidedAt = (i: number, n: number): Date => new Date(wib('2026-05-01 08:00').getTime() + Math.floor((i * 122 * 86_400_000) / n));
/** Minutes that crowd a few buckets (450-599, 600-749, 900-1124) with some spread: many rows a bucket. */
const minutesOf = (i: number): number => [455, 470, 512, 598, 601, 640, 700, 749, 903, 1000, 1124][(i * 7) % 11] + ((i * 13) % 9) / 10;

/** A closure as the test made it: who held it (a hand-off has no agency), its whole minutes, when it closed. */
interface Closed {
  office: string;
  agency?: string;
  permitType: string;
  minutes: number;
  at: Date;
}

/** Nearest-rank median and 90th percentile of the whole minutes, as percentile_disc. */
function expected(values: number[]): { median: number | null; p90: number | null } {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { median: null, p90: null };
  return { median: hoursOf(sorted[Math.ceil(sorted.length / 2) - 1]), p90: hoursOf(sorted[Math.ceil((9 * sorted.length) / 10) - 1]) };
}

/** The whole minutes of the closures in the period that `keep` keeps. */
function inPeriod(rows: Closed[], keep: (r: Closed) => boolean): number[] {
  return rows.filter((r) => keep(r) && r.at >= FROM && r.at < TO).map((r) => r.minutes);
}

describe('Percentiles in the league tables', () => {
  let scratch: ScratchDatabase;
  const steps: Closed[] = [];
  const handOffs: Closed[] = [];

  beforeAll(async () => {
    scratch = await scratchDatabase('reports_percentiles');
    const apps = Array.from({ length: 120 }, (_, i) => {
      const at = decidedAt(i, 120);
      const used = Math.ceil(minutesOf(i + 3));
      const permitType = i % 3 === 0 ? 'PBG' : 'SLF';
      handOffs.push({ office: OFFICES[i % 2], permitType, minutes: used, at });
      return { id: `P${i}`, office: OFFICES[i % 2], permitType, status: i % 4 === 0 ? 'rejected' : 'issued', submitted: wib('2026-04-01 08:00'), decided: at, due: wib('2026-12-01 16:00'), used, legal: 4500 };
    });
    await insertApplications(scratch.db, apps);
    await insertTasks(
      scratch.db,
      Array.from({ length: 240 }, (_, i) => {
        const at = decidedAt(i, 240);
        const minutes = minutesOf(i);
        const [office, agency, permitType] = [OFFICES[i % 2], AGENCIES[Math.floor(i / 2) % 2], i % 3 === 0 ? 'PBG' : 'SLF'];
        // Whole minutes, as the report reads them: the attempt's minutes rounded up.
        steps.push({ office, agency, permitType, minutes: Math.ceil(minutes), at });
        return {
          id: `S${i}`,
          app: `P${i % 120}`,
          permitType,
          agency,
          office,
          status: STATUSES[i % 3],
          assigned: new Date(at.getTime() - 86_400_000),
          due: at,
          decided: at,
          decidedBy: `o${i % 5}`,
          used: minutes,
          deadline: 900,
          attemptMinutes: minutes,
          breached: minutes > 900,
        };
      }),
    );
  });
  afterAll(async () => scratch?.drop());

  it('puts percentiles both in the lower and in the upper half of buckets that hold many rows', () => {
    // The data must exercise both reads: from a bucket's bottom and from its top.
    const halves = new Set<string>();
    for (const key of OFFICES) {
      const counts = new Map<number, number>();
      for (const m of inPeriod(steps, (r) => r.office === key)) {
        const b = MINUTE_BUCKETS.findIndex((t, j) => m >= t && (j + 1 === MINUTE_BUCKETS.length || m < MINUTE_BUCKETS[j + 1])) + 1;
        counts.set(b, (counts.get(b) ?? 0) + 1);
      }
      for (const p of percentilePositions([...counts].map(([bucket, n]) => ({ bucket, n })))) {
        expect(p.n).toBeGreaterThan(2);
        halves.add(2 * p.pos <= p.n ? 'bottom' : 'top');
      }
    }
    expect([...halves].sort()).toEqual(['bottom', 'top']);
  });

  it('gives each office the exact median and 90th percentile of its field steps and of its hand-offs', async () => {
    const reports = new ReportsService(scratch.db);
    const report = await reports.offices({ range: parseReportRange('2026-06-15', '2026-07-14'), asOf: wib('2026-09-01 00:00') });
    for (const office of OFFICES) {
      const row = report.offices.find((o) => o.office === office)!;
      const field = expected(inPeriod(steps, (r) => r.office === office));
      const hand = expected(inPeriod(handOffs, (r) => r.office === office));
      expect(field.median).not.toBeNull();
      expect({ median: row.fieldSteps.medianBusinessHours, p90: row.fieldSteps.p90BusinessHours }).toEqual(field);
      expect({ median: row.handOff.medianBusinessHours, p90: row.handOff.p90BusinessHours }).toEqual(hand);
    }
  });

  it('gives each agency the exact median and 90th percentile, for every permit type and for one', async () => {
    const reports = new ReportsService(scratch.db);
    const range = parseReportRange('2026-06-15', '2026-07-14');
    const all = await reports.agencies({ range, asOf: wib('2026-09-01 00:00') });
    for (const agency of AGENCIES) {
      const row = all.agencies.find((a) => a.agency === agency)!;
      expect({ median: row.medianBusinessHours, p90: row.p90BusinessHours }).toEqual(expected(inPeriod(steps, (r) => r.agency === agency)));
    }
    const pbg = await reports.agencies({ range, asOf: wib('2026-09-01 00:00'), permitType: 'PBG' });
    for (const agency of AGENCIES) {
      const row = pbg.agencies.find((a) => a.agency === agency)!;
      expect({ median: row.medianBusinessHours, p90: row.p90BusinessHours }).toEqual(expected(inPeriod(steps, (r) => r.agency === agency && r.permitType === 'PBG')));
    }
  });
});
