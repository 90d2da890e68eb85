// `npm run -s simulate -- --days D --applications N --seed S [--slow-agency CODE] [--start YYYY-MM-DD]
//    [--concurrency C] [--shards K] [--out FILE]`
//
// A month of Jakarta permit traffic through the real permit workflows on the time-skipping test server,
// then the agency and office league tables (libs/simulation). `--slow-agency` makes one agency take
// three times its deadlines; `--out` writes the tables as JSON.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import * as fs from 'node:fs';
import { FILING_LAG_LIMIT_MS, formatSummary, formatTables, simulate, SimulationOptions } from '../libs/simulation';
import { ReportsService } from '../apps/api/src/reports/reports.service';
import { createPermitWorker, PRELOADED_WORKFLOW_MODULES, WORKFLOWS_PATH } from '../apps/worker/src/worker.factory';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function intArg(name: string, fallback: number): number {
  const raw = argValue(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${raw}`);
  return n;
}

async function main(): Promise<void> {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // installed already
  }
  const opts: SimulationOptions = {
    platform: { createWorker: createPermitWorker, workflowsPath: WORKFLOWS_PATH, preloadModules: PRELOADED_WORKFLOW_MODULES, reports: (ds, options, calendar) => new ReportsService(ds, options, calendar) },
    days: intArg('days', 30),
    applications: intArg('applications', 10_000),
    seed: intArg('seed', 1),
    slowAgency: argValue('slow-agency'),
    start: argValue('start'),
    concurrency: intArg('concurrency', 64),
    shards: intArg('shards', 4),
    progress: (line) => process.stderr.write(`[simulate] ${line}\n`),
  };
  const out = argValue('out');
  const result = await simulate(opts);
  const { timing, ...tables } = result;
  process.stdout.write(`${formatTables(result)}\n\n${formatSummary(result)}\n`);
  if (timing.maxFilingLagMs >= FILING_LAG_LIMIT_MS) process.stderr.write('[simulate] warning: a filing lagged 40 s or more: figures may differ from another run with this seed\n');
  if (out) {
    fs.writeFileSync(out, `${JSON.stringify(tables, null, 2)}\n`);
    process.stdout.write(`tables written to ${out}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
