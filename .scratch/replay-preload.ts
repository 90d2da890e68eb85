// `node -r ./scripts/register.js scripts/bench/replay-cost.ts [N] [FILE]`: CPU milliseconds the worker
// spends to build a workflow in its sandbox and replay one stored history, N times (what a decision costs
// when its workflow is not in the sticky cache). CPU time, so it means something on a shared machine.
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import * as path from 'node:path';
import { storedHistories } from '../test/replay/stored-histories';
import { workflowBundleOptions } from '../apps/worker/src/worker.factory';
import { workflowTracingSinks } from '../apps/worker/src/telemetry';
import { NO_TRACING } from '../libs/observability/tracing';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const n = Number(process.argv[2] ?? 200);
  const file = process.argv[3] ?? 'SKDU.v1.approve.json';
  const stored = storedHistories(path.resolve(__dirname, '../test/replay/histories'));
  const history = stored.read(file);
  const preload = (process.env.PRELOAD ?? '').split(',').filter(Boolean).map((m) => path.resolve(__dirname, '..', m));
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: workflowBundleOptions.workflowsPath, preloadModules: preload, logger: new DefaultLogger('WARN') });
  const histories = (k: number) => Array.from({ length: k }, (_, i) => ({ workflowId: `${file}-${i}`, history }));
  const run = async (k: number) => {
    for await (const r of Worker.runReplayHistories({ workflowBundle, sinks: workflowTracingSinks(NO_TRACING) }, histories(k))) if (r.error) throw r.error;
  };
  await run(20); // warm up the sandbox and the JIT
  const t0 = process.cpuUsage();
  await run(n);
  const t = process.cpuUsage(t0);
  process.stdout.write(`${JSON.stringify({ file, events: history.events?.length, replays: n, cpuMsPerReplay: Math.round(((t.user + t.system) / 1000 / n) * 10) / 10 })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
