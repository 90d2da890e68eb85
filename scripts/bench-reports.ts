// The accountability reports on a large read model: seeds 1,000,000 step attempts (and their
// applications, escalations, points and complaints) straight into PostgreSQL with generate_series, then
// times each report as the API runs it (ReportsService). `npm run bench` calls runReportsBench();
// alone: node -r ./scripts/register.js scripts/bench-reports.ts [--rows N] [--json] [--reads]
//
// Targets on a 2-core machine: agency table < 200 ms, office table < 300 ms, points < 300 ms, the SLA
// wall's open/overdue counts per step < 100 ms (at 150,000 open attempts with the default rows), its
// weekly on-time rate for a month < 200 ms.
// docs/reports.md explains the indexes and the query plans behind the figures.
import { DataSource } from 'typeorm';
import { ReportsService } from '../apps/api/src/reports/reports.service';
import { createDataSource, migrate } from '../libs/database/data-source';
import { seed } from '../libs/database/seed';
import { openScratchDatabase } from '../libs/dev/services';
import { ReadsResult, timeConsoleReads } from './bench-reads';

export interface ReportsBenchOptions {
  /** Step attempts to seed (default 1,000,000). */
  rows?: number;
  /** Timed runs per report after one warm-up (default 5); the median is reported. */
  runs?: number;
  /** A PostgreSQL server to create the bench database on; an embedded one otherwise. */
  databaseUrl?: string;
  log?: (line: string) => void;
  /** Also time the console's reads on the same rows (scripts/bench-reads.ts). */
  reads?: boolean;
}

export interface ReportTiming {
  report: string;
  target: number | null;
  medianMs: number;
  maxMs: number;
  rows: number;
}

export interface ReportsBenchResult {
  rows: { tasks: number; applications: number; escalations: number; points: number; complaints: number };
  seedSeconds: number;
  timings: ReportTiming[];
  reads?: ReadsResult;
}

const YEAR_FROM = '2026-01-01T00:00:00+07:00';
const YEAR_TO = '2027-01-01T00:00:00+07:00';

/**
 * A year of traffic: applications spread evenly over 2026, 2 or 3 step attempts each held by the
 * agencies of their permit type's steps, decided within days, 15 % still open (some overdue), a good
 * share of the closed ones late. Pseudo-random but fixed (hashint4 of the row number), so every run
 * seeds the same rows. The triggers fill the monthly rollups as the rows go in, as in production.
 */
export async function seedBenchRows(db: DataSource, tasks: number): Promise<ReportsBenchResult['rows']> {
  const applications = Math.ceil(tasks / 2.5);
  await db.query(`SET synchronous_commit = off`);
  await db.query(
    `INSERT INTO application (id, tracking_code, permit_type, definition_version, status, deemed_granted, submitted_by,
       receiving_office_id, kelurahan_code, submitted_at, due_at, decided_at, applicant, view, revision, legal_deadline_minutes, business_minutes_used)
     SELECT 'BENCH' || g, 'BN' || g, (ARRAY['SKDU','SK_PINDAH','PBG','TDUP','SIP_DOKTER','REKLAME','SLF','IZIN_KERAMAIAN'])[1 + h % 8], 1,
       CASE WHEN h % 20 < 15 THEN 'issued' WHEN h % 20 < 17 THEN 'rejected' WHEN h % 20 = 17 THEN 'withdrawn' ELSE 'in_review' END,
       h % 40 = 0, 'bench', o.ids[1 + (h / 7) % array_length(o.ids, 1)], '31.74.01.1001',
       sub, sub + interval '10 days', CASE WHEN h % 20 < 18 THEN sub + ((h % 300) || ' hours')::interval END, '{}', '{}', 1,
       (ARRAY[1350, 450, 12600, 2250, 2250, 4500, 6750, 2250])[1 + h % 8], CASE WHEN h % 20 < 18 THEN (h / 13) % 9000 END
     FROM generate_series(1, $1::int) g,
       LATERAL (SELECT abs(hashint4(g)) AS h) r,
       LATERAL (SELECT timestamptz '${YEAR_FROM}' + (g::float8 / $1::int) * interval '365 days' + ((h % 480) || ' minutes')::interval AS sub) s,
       (SELECT array_agg(id ORDER BY id) AS ids FROM office) o`,
    [applications],
  );
  await db.query(
    `INSERT INTO task (id, application_id, step_id, step_name, attempt, agency, office_id, role, status, assigned_at, due_at,
       decided_at, decided_by, business_minutes_used, deadline_minutes, revision, permit_type, receiving_office_id,
       minutes_before, attempt_minutes, breached, weight, definition_version)
     SELECT 'BENCH' || a || '.s' || g, 'BENCH' || a, 's' || (g % 3), 'Step', 1, ag.code, off.id, 'officer', st.status,
       assigned, assigned + (d.minutes || ' minutes')::interval * 2,
       CASE WHEN st.status <> 'open' THEN assigned + ((h % 20000) || ' minutes')::interval END,
       CASE WHEN st.status IN ('approved','rejected','revision_requested') THEN lower(ag.code) || '.' || off.id || '.' || (1 + h % 5) WHEN st.status <> 'open' THEN 'system' END,
       used, d.minutes, 1, app.permit_type, app.receiving_office_id, 0,
       CASE WHEN st.status IN ('approved','rejected','revision_requested') THEN used END,
       CASE WHEN st.status = 'open' THEN NULL ELSE used > d.minutes END, 1, 1
     FROM generate_series(1, $1::int) g,
       LATERAL (SELECT abs(hashint4(g + 7919)) AS h, 1 + (g - 1) % $2::int AS a) r,
       LATERAL (SELECT permit_type, receiving_office_id, submitted_at FROM application WHERE id = 'BENCH' || r.a) app,
       LATERAL (SELECT app.submitted_at + ((h % 2000) || ' minutes')::interval AS assigned, ((h / 3) % 2600)::numeric AS used) t,
       LATERAL (SELECT (ARRAY[180, 450, 900, 1350, 3150, 4500])[1 + (h / 11) % 6] AS minutes) d,
       LATERAL (SELECT steps.agencies[1 + (h / 5) % array_length(steps.agencies, 1)] AS code FROM (VALUES
         ('SKDU', ARRAY['KELURAHAN']), ('SK_PINDAH', ARRAY['DUKCAPIL']), ('PBG', ARRAY['KECAMATAN','KECAMATAN','DCKTRP','DCKTRP','DPKP','DLH']),
         ('TDUP', ARRAY['DISPAREKRAF','DPMPTSP']), ('SIP_DOKTER', ARRAY['DINKES','DPMPTSP']), ('REKLAME', ARRAY['DCKTRP','BAPENDA','DPMPTSP']),
         ('SLF', ARRAY['DCKTRP']), ('IZIN_KERAMAIAN', ARRAY['SATPOLPP','DISHUB','DPMPTSP'])) AS steps(permit_type, agencies)
         WHERE steps.permit_type = app.permit_type) ag,
       LATERAL (SELECT CASE WHEN ag.code IN ('KELURAHAN','KECAMATAN') THEN app.receiving_office_id ELSE (ARRAY['prov-31','kota-31.71','kota-31.72','kota-31.73','kota-31.74','kota-31.75'])[1 + h % 6] END AS id) off,
       LATERAL (SELECT CASE WHEN h % 100 < 70 THEN 'approved' WHEN h % 100 < 75 THEN 'rejected' WHEN h % 100 < 80 THEN 'revision_requested'
                            WHEN h % 100 < 82 THEN 'deemed' WHEN h % 100 < 85 THEN 'cancelled' ELSE 'open' END AS status) st`,
    [tasks, applications],
  );
  await db.query(
    `INSERT INTO escalation (id, application_id, task_id, step_id, agency, office_id, rung, notify, public_list, due_at, at, permit_type)
     SELECT t.id || ':r', t.application_id, t.id, t.step_id, t.agency, t.office_id,
       (ARRAY['reminder','section_head','agency_head','governor'])[1 + abs(hashint4(length(t.id) + ascii(right(t.id, 1)))) % 4], 'section_head', false,
       t.due_at, t.assigned_at + interval '1 day', t.permit_type
     FROM task t WHERE t.breached IS NOT FALSE`,
  );
  await db.query(
    `INSERT INTO points (task_id, application_id, officer, agency, office_id, permit_type, step_id, weight, deadline_minutes, late_minutes, points, awarded_at)
     SELECT id, application_id, decided_by, agency, office_id, permit_type, step_id, 1, deadline_minutes,
       greatest(0, ceil(business_minutes_used - deadline_minutes))::int,
       CASE WHEN breached THEN greatest(0.25, round(1 - (business_minutes_used - deadline_minutes) / deadline_minutes, 2)) ELSE 1 END, decided_at
     FROM task WHERE status IN ('approved','rejected')`,
  );
  await db.query(
    `INSERT INTO complaint (id, tracking_code, request_hash, channel, office_id, category, created_at)
     SELECT 'BENCH' || g, 'ADU-B' || g, 'bench', (ARRAY['sms','web','app','email'])[1 + h % 4], o.ids[1 + (h / 3) % array_length(o.ids, 1)],
       (ARRAY['illegal_fee','slow_service','rude_staff','wrong_information','office_closed','other'])[1 + (h / 5) % 6],
       timestamptz '${YEAR_FROM}' + (g::float8 / $1::int) * interval '365 days'
     FROM generate_series(1, $1::int) g, LATERAL (SELECT abs(hashint4(g + 31)) AS h) r, (SELECT array_agg(id ORDER BY id) AS ids FROM office) o`,
    [Math.ceil(tasks / 50)],
  );
  await db.query(`VACUUM ANALYZE`);
  const [counts] = await db.query(
    `SELECT (SELECT count(*) FROM task)::int AS tasks, (SELECT count(*) FROM application)::int AS applications,
       (SELECT count(*) FROM escalation)::int AS escalations, (SELECT count(*) FROM points)::int AS points, (SELECT count(*) FROM complaint)::int AS complaints`,
  );
  return counts;
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ medianMs: number; maxMs: number; rows: number }> {
  let rows = 0;
  const first = await fn();
  rows = Array.isArray(first) ? first.length : 0;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: Math.round(samples[Math.floor(samples.length / 2)] * 10) / 10, maxMs: Math.round(samples[samples.length - 1] * 10) / 10, rows };
}


/** Seeds the rows, times every report, prints a table through `log`, and returns the figures. */
export async function runReportsBench(opts: ReportsBenchOptions = {}): Promise<ReportsBenchResult> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`[bench:reports] ${line}\n`));
  const rows = opts.rows ?? 1_000_000;
  const runs = opts.runs ?? 5;
  const database = await openScratchDatabase('bench_reports', opts.databaseUrl);
  let db: DataSource | undefined;
  try {
    db = await createDataSource(database.url, { poolSize: 8, applicationName: 'satupintu-bench-reports' }).initialize();
    await migrate(db);
    await seed(db);
    log(`seeding ${rows.toLocaleString('en')} step attempts...`);
    const t0 = process.hrtime.bigint();
    const counts = await seedBenchRows(db, rows);
    const seedSeconds = Math.round(Number(process.hrtime.bigint() - t0) / 1e7) / 100;
    log(`seeded in ${seedSeconds} s: ${JSON.stringify(counts)}`);

    const reports = new ReportsService(db);
    const year = { from: new Date(YEAR_FROM), to: new Date(YEAR_TO) };
    const month = { from: new Date('2026-06-01T00:00:00+07:00'), to: new Date('2026-07-01T00:00:00+07:00') };
    // Half a year starting and ending mid-month: whole months from the rollups, both ends from the rows.
    const ragged = { from: new Date('2026-03-15T00:00:00+07:00'), to: new Date('2026-09-15T00:00:00+07:00') };
    const asOf = new Date('2026-12-31T12:00:00+07:00');
    const cases: Array<{ report: string; target: number | null; run: () => Promise<unknown> }> = [
      { report: 'agency table, one year', target: 200, run: async () => (await reports.agencies({ range: year, asOf })).agencies },
      { report: 'agency table, one month', target: 200, run: async () => (await reports.agencies({ range: month, asOf })).agencies },
      { report: 'agency table, one year, one permit type', target: 200, run: async () => (await reports.agencies({ range: year, asOf, permitType: 'PBG' })).agencies },
      { report: 'agency table, 15 Mar - 14 Sep', target: 200, run: async () => (await reports.agencies({ range: ragged, asOf })).agencies },
      { report: 'office table, one year', target: 300, run: async () => (await reports.offices({ range: year, asOf })).offices },
      { report: 'office table, 15 Mar - 14 Sep', target: 300, run: async () => (await reports.offices({ range: ragged, asOf })).offices },
      { report: 'office table, one year, one permit type', target: 300, run: async () => (await reports.offices({ range: year, asOf, permitType: 'PBG' })).offices },
      { report: 'office table, one month', target: 300, run: async () => (await reports.offices({ range: month, asOf })).offices },
      { report: 'points by officer, one year', target: 300, run: async () => (await reports.points({ range: year, by: 'officer', limit: 100 })).items },
      { report: 'points by office, one year', target: 300, run: async () => (await reports.points({ range: year, by: 'office', limit: 100 })).items },
      { report: 'points by agency, one year', target: 300, run: async () => (await reports.points({ range: year, by: 'agency', limit: 100 })).items },
      // The SLA wall's badges: every open attempt (15 % of the rows: 150,000 at the default 1,000,000).
      { report: 'open/overdue per step, all types', target: 100, run: async () => (await reports.openSteps()).items },
      { report: 'open/overdue per step, one type', target: 100, run: async () => (await reports.openSteps({ permitType: 'PBG' })).items },
      { report: 'on-time per week, one month', target: 200, run: async () => (await reports.weekly({ range: month })).weeks },
      // The widest period the API allows: the weeks have no rollup, so every closed attempt of the year is read.
      { report: 'on-time per week, one year', target: null, run: async () => (await reports.weekly({ range: year })).weeks },
      { report: 'office load, one year', target: null, run: async () => (await reports.officeLoad({ officeId: 'kel-31.74.01.1001', range: year })).weekdays },
      { report: 'merge candidates, one year', target: null, run: async () => (await reports.mergeCandidates({ range: year })).offices },
      { report: 'complaints, one year', target: null, run: async () => (await reports.complaints({ range: year })).offices },
    ];
    const timings: ReportTiming[] = [];
    for (const c of cases) timings.push({ report: c.report, target: c.target, ...(await time(runs, c.run)) });
    log('');
    log(`${'report'.padEnd(42)} ${'median ms'.padStart(10)} ${'max ms'.padStart(8)} ${'target'.padStart(7)} rows`);
    for (const t of timings) {
      const verdict = t.target === null ? '' : t.medianMs < t.target ? ' ok' : ' OVER';
      log(`${t.report.padEnd(42)} ${String(t.medianMs).padStart(10)} ${String(t.maxMs).padStart(8)} ${(t.target === null ? '-' : `<${t.target}`).padStart(7)} ${t.rows}${verdict}`);
    }
    let reads: ReadsResult | undefined;
    if (opts.reads) {
      reads = await timeConsoleReads(db, counts.applications);
      log('');
      log(`inbox of ${reads.inbox.agency}: ${reads.inbox.openTasks} open tasks`);
      for (const r of reads.timings) log(`${r.read.padEnd(42)} p50 ${String(r.p50Ms).padStart(7)} p99 ${String(r.p99Ms).padStart(7)} max ${String(r.maxMs).padStart(7)}  target p99 <${r.target}${r.p99Ms <= r.target ? ' ok' : ' OVER'}`);
    }
    return { rows: counts, seedSeconds, timings, reads };
  } finally {
    if (db?.isInitialized) await db.destroy();
    await database.close();
  }
}

if (require.main === module) {
  const i = process.argv.indexOf('--rows');
  const rows = i >= 0 ? Number(process.argv[i + 1]) : undefined;
  runReportsBench({ rows, databaseUrl: process.env.DATABASE_URL, reads: process.argv.includes('--reads') })
    .then((result) => {
      if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ reports: result })}\n`);
    })
    .catch((err) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    });
}
