// Story: the governor suspects the kelurahan offices sit on domicile letters. The simulator runs a
// few days of Jakarta traffic through the real workflows, with the kelurahan agents deciding at three times
// their deadlines: whatever the seed, the league table names the kelurahan worst. And a seed replayed
// (on two test servers instead of one) gives the same tables to the last figure.
import { ReportsService } from '../../apps/api/src/reports/reports.service';
import { createPermitWorker, PRELOADED_WORKFLOW_MODULES, WORKFLOWS_PATH } from '../../apps/worker/src/worker.factory';
import { simulate, SimulationResult } from '../../libs/simulation';
import { quietRuntime, workflowBundle } from '../support/time-skipping';

describe('The simulator', () => {
  beforeAll(() => quietRuntime());
  const runs = new Map<string, SimulationResult>();
  const run = async (key: string, seed: number, shards = 1) => {
    const result = await simulate({
      platform: { createWorker: createPermitWorker, workflowsPath: WORKFLOWS_PATH, preloadModules: PRELOADED_WORKFLOW_MODULES, reports: (ds, options, calendar) => new ReportsService(ds, options, calendar) },
      days: 4,
      applications: 80,
      seed,
      slowAgency: 'KELURAHAN',
      shards,
      databaseUrl: process.env.TEST_DATABASE_URL,
      testServerPath: process.env.TEMPORAL_TEST_SERVER_PATH || undefined,
      workflowBundle: await workflowBundle(),
    });
    runs.set(key, result);
    return result;
  };

  it.each([1, 2, 3])('ranks a slow kelurahan worst by on-time rate (seed %i)', async (seed) => {
    const result = await run(`seed-${seed}`, seed);
    expect(result.simulation.submitted).toBe(80);
    const [worst, ...others] = result.agencies.agencies;
    expect(worst.agency).toBe('KELURAHAN');
    expect(worst.breaches).toBeGreaterThan(0);
    // Strictly worse than every other agency that closed anything.
    for (const a of others) if (a.onTimeRate !== null) expect(a.onTimeRate).toBeGreaterThan(worst.onTimeRate ?? -1);
    // The office table and the agency table come from the same read model.
    const fieldBreaches = result.offices.offices.reduce((s, o) => s + o.fieldSteps.breaches, 0);
    expect(fieldBreaches).toBe(result.agencies.agencies.reduce((s, a) => s + a.breaches, 0));
  });

  it('gives the same tables for the same seed, however many test servers share the work', async () => {
    const first = runs.get('seed-1') ?? (await run('seed-1', 1));
    const again = await run('seed-1-again', 1, 2);
    expect(again.simulation).toEqual(first.simulation);
    expect(again.agencies).toEqual(first.agencies);
    expect(again.offices).toEqual(first.offices);
  });
});

