// A month of Jakarta permit traffic through the real permit workflows, on Temporal's time-skipping test
// server, with the real worker and activities writing the real read model in PostgreSQL; then the agency
// and office league tables, computed by the same ReportsService the API answers with.
//
// Determinism (same seed, same tables): every random draw comes from a per-application generator seeded
// by (seed, application number), and is made in business-time terms. The test server's clock runs on in
// real time while the simulator works between two sleeps, so the instants it records drift from the
// simulated ones by the processing lag. The simulator keeps that drift out of every figure:
//  - decisions, resubmissions and withdrawals are delivered at 12:15 or 17:00 WIB (clock.ts), inside
//    the lunch break or after hours, when no business minute passes;
//  - applications are filed at hh:00:20 or hh:30:20 (jakarta.ts), so a clock started at filing
//    measures whole minutes plus 40 s less the lag, and the reports count whole minutes rounded up.
// This holds while the lag stays under 40 s at filing; the result carries the largest lag seen.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { ReportsService } from '../../apps/api/src/reports/reports.service';
import type { AgencyReportDto, OfficeReportDto } from '../../apps/api/src/reports/sla/dto/sla.dto';
import type { createPermitWorker } from '../../apps/worker/src/worker.factory';
import { BusinessCalendar } from '../calendar';
import { createDataSource, migrate } from '../database/data-source';
import { seed as seedReadModel } from '../database/seed';
import { openScratchDatabase } from '../dev/services';
import { PermitDefinition, stepsOf } from '../permit-dsl/definition';
import { loadToolchain } from '../temporal/toolchain';
import { findDefinition } from '../permits';
import { Agendas } from './agenda';
import { Agents } from './agents';
import { at, dateOf, dayOf, toMinute } from './clock';
import { PERMIT_MIX } from './permits';
import { openShards, Runner, Shard } from './shards';
import { drawApplications } from './traffic';

/**
 * What the simulation runs of the platform itself: the real worker and the reports as the API computes
 * them. Given by the caller (scripts/simulate.ts, the test) so that libs/ depends on no app.
 */
export interface SimulationPlatform {
  createWorker: typeof createPermitWorker;
  /** The module the worker bundles (apps/worker's WORKFLOWS_PATH). */
  workflowsPath: string;
  /** The modules its workflow thread evaluates once for all workflows (apps/worker's PRELOADED_WORKFLOW_MODULES). */
  preloadModules: string[];
  reports: (ds: DataSource, options: { maxRangeDays: number }, calendar: BusinessCalendar) => ReportsService;
}

export interface SimulationOptions {
  platform: SimulationPlatform;
  days: number;
  applications: number;
  seed: number;
  slowAgency?: string;
  /** First simulated day (a Jakarta date); the test server's clock must not have passed it. */
  start?: string;
  /** Updates and starts in flight at once, per shard. */
  concurrency?: number;
  /** Test servers (each with its own worker) sharing the applications; the tables do not depend on it. */
  shards?: number;
  /** A PostgreSQL server to create the simulation's database on; an embedded one otherwise. */
  databaseUrl?: string;
  /** The time-skipping test server binary; from the toolchain otherwise. */
  testServerPath?: string;
  /** A prebuilt workflow bundle (tests reuse theirs). */
  workflowBundle?: WorkerOptions['workflowBundle'];
  progress?: (line: string) => void;
}

export interface SimulationResult {
  simulation: {
    seed: number;
    days: number;
    applications: number;
    slowAgency: string | null;
    from: string;
    to: string;
    submitted: number;
    decisions: number;
    resubmissions: number;
    withdrawals: number;
    refused: number;
    /** Refused actions by refusal type: an agent deciding a step the application no longer waits on, mostly. */
    refusals: Record<string, number>;
  };
  agencies: AgencyReportDto;
  offices: OfficeReportDto;
  /** Not part of the result proper (they vary run to run): how long it took and the largest clock lag seen. */
  timing: { seconds: number; shards: number; maxFilingLagMs: number; maxSlotLagMs: number };
}

export const DEFAULT_START = '2027-08-02';

/** The simulated permits' definitions; refuses a slow agency that holds none of their steps. */
function simulatedDefinitions(slowAgency: string | undefined): Map<string, Readonly<PermitDefinition>> {
  const definitions = new Map(PERMIT_MIX.map((p) => [p.code, findDefinition(p.code)!]));
  if (slowAgency) {
    const holders = new Set([...definitions.values()].flatMap((d) => stepsOf(d.flow).map((s) => s.agency)));
    if (!holders.has(slowAgency)) throw new Error(`--slow-agency ${slowAgency} holds no step of the simulated permits; one of ${[...holders].sort().join(', ')}`);
  }
  return definitions;
}

/** The league tables over the simulated range, as of its end, with instants to the minute. */
async function leagueTables(platform: SimulationPlatform, ds: DataSource, calendar: BusinessCalendar, days: number, from: number, to: number) {
  const reports = platform.reports(ds, { maxRangeDays: Math.max(366, days) }, calendar);
  const range = { from: new Date(from), to: new Date(to) };
  const [agencies, offices] = await Promise.all([reports.agencies({ range, asOf: new Date(to) }), reports.offices({ range, asOf: new Date(to) })]);
  for (const row of [...agencies.agencies, ...offices.offices.map((x) => x.fieldSteps)]) {
    if (row.oldestOverdue) row.oldestOverdue = { ...row.oldestOverdue, assignedAt: toMinute(row.oldestOverdue.assignedAt), dueAt: toMinute(row.oldestOverdue.dueAt) };
  }
  return { range, agencies, offices };
}

export async function simulate(o: SimulationOptions): Promise<SimulationResult> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  const progress = o.progress ?? (() => undefined);
  const calendar = new BusinessCalendar();
  const start = o.start ?? DEFAULT_START;
  const startDay = dayOf(Date.parse(`${start}T00:00:00+07:00`));
  const from = at(startDay, 0);
  const to = at(startDay + o.days, 0);
  const definitions = simulatedDefinitions(o.slowAgency);

  const apps = drawApplications({ seed: o.seed, applications: o.applications, days: o.days, startDay, calendar, definitions });
  const shardCount = Math.max(1, Math.min(o.shards ?? 4, apps.length));
  const agendas = new Agendas(shardCount, to);
  for (const app of apps) agendas.schedule(app.filedAt, app, { kind: 'submit' });
  const runner = new Runner(new Agents(calendar, agendas, o.slowAgency), o.concurrency ?? 64);

  const db = await openScratchDatabase(`sim_${o.seed}`, o.databaseUrl ?? process.env.DATABASE_URL);
  const envs: TestWorkflowEnvironment[] = [];
  let ds: DataSource | undefined;
  try {
    ds = await createDataSource(db.url, { poolSize: 24, applicationName: 'satupintu-simulator' }).initialize();
    await migrate(ds);
    await seedReadModel(ds);
    const shards: Shard[] = await openShards(
      {
        agendas: agendas.byShard,
        startDay,
        from,
        start,
        seed: o.seed,
        serverPath: o.testServerPath ?? loadToolchain().testServer.path ?? undefined,
        db: ds,
        calendar,
        createWorker: o.platform.createWorker,
        workflowBundle: o.workflowBundle ?? (await bundleWorkflowCode({ workflowsPath: o.platform.workflowsPath, preloadModules: o.platform.preloadModules, logger: new DefaultLogger('WARN') })),
      },
      envs,
    );

    let reportedDay = startDay;
    const reached = () => {
      const day = Math.min(...shards.map((x) => x.day));
      for (; reportedDay < day; reportedDay++) {
        const c = runner.counts;
        progress(`day ${reportedDay - startDay + 1}/${o.days} ${dateOf(reportedDay)}: ${c.submitted} filed, ${c.decisions} decisions, ${c.refused} refused, ${elapsed().toFixed(1)} s`);
      }
    };
    await Promise.all(shards.map((shard) => shard.worker.runUntil(() => runner.drive(shard, to, startDay + o.days, reached))));

    const { range, agencies, offices } = await leagueTables(o.platform, ds, calendar, o.days, from, to);
    return {
      simulation: {
        seed: o.seed,
        days: o.days,
        applications: o.applications,
        slowAgency: o.slowAgency ?? null,
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        ...runner.counts,
        refusals: Object.fromEntries(Object.entries(runner.refusals).sort(([a], [b]) => (a < b ? -1 : 1))),
      },
      agencies,
      offices,
      timing: { seconds: Math.round(elapsed() * 100) / 100, shards: shardCount, maxFilingLagMs: runner.maxFilingLagMs, maxSlotLagMs: runner.maxSlotLagMs },
    };
  } finally {
    await Promise.all(envs.map((env) => env.teardown()));
    if (ds?.isInitialized) await ds.destroy();
    await db.close();
  }
}
