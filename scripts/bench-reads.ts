// The console's reads on the reports bench's seeded read model (scripts/bench-reports.ts: 1,000,000
// step attempts by default), each run as its API endpoint runs it (the same repository or service
// method, without HTTP): the inbox of the agency with the most open tasks, first page and a
// page deep behind a keyset cursor; an application's detail; the tracking page's lookup; the SLA
// wall's open/overdue counts per step. Target: p99 <= 50 ms each.
import type { DataSource } from 'typeorm';
import { ApplicationsRepository } from '../apps/api/src/applications/applications.repository';
import { ReportsService } from '../apps/api/src/reports/reports.service';
import { TasksRepository } from '../apps/api/src/tasks/tasks.repository';
import { percentile } from './bench/percentile';

export const READ_TARGET_MS = 50;

export interface ReadTiming {
  read: string;
  target: number;
  runs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface ReadsResult {
  inbox: { agency: string; openTasks: number };
  timings: ReadTiming[];
}

const PAGE = 50;

async function sample(read: string, runs: number, fn: (i: number) => Promise<unknown>): Promise<ReadTiming> {
  await fn(0);
  const samples: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(samples, p) * 10) / 10;
  return { read, target: READ_TARGET_MS, runs, p50Ms: at(50), p99Ms: at(99), maxMs: at(100) };
}

export async function timeConsoleReads(db: DataSource, applications: number, runs = 200): Promise<ReadsResult> {
  const tasks = new TasksRepository(db);
  const apps = new ApplicationsRepository(db);
  const reports = new ReportsService(db);
  const [busiest] = (await db.query(
    `SELECT agency, count(*)::int AS "openTasks" FROM task WHERE status = 'open' GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
  )) as Array<{ agency: string; openTasks: number }>;
  const scope = { agency: busiest.agency, status: 'open', limit: PAGE };
  // Cursors spread over the queue's far half: a page deep in the inbox, as a scrolling officer reaches it.
  const deep = (await db.query(
    `SELECT coalesce(due_at, 'infinity'::timestamptz)::text AS at, id FROM task WHERE agency = $1 AND status = 'open'
      ORDER BY coalesce(due_at, 'infinity'::timestamptz), id OFFSET $2 LIMIT 100`,
    [busiest.agency, Math.max(0, busiest.openTasks - PAGE - 100)],
  )) as Array<{ at: string; id: string }>;
  const pick = (i: number) => 1 + ((i * 7919) % applications);
  const timings = [
    await sample('inbox, first page', runs, () => tasks.inbox(scope)),
    await sample('inbox, deep cursor', runs, (i) => tasks.inbox({ ...scope, after: deep[i % deep.length] })),
    await sample('application detail', runs, (i) => apps.findById(`BENCH${pick(i)}`)),
    await sample('tracking page', runs, (i) => apps.findByTrackingCode(`BN${pick(i)}`)),
    await sample('SLA counts per step', Math.min(runs, 50), () => reports.openSteps()),
  ];
  return { inbox: busiest, timings };
}
