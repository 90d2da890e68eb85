// Replays workflow histories exported from Temporal on today's workflow code, as a worker runs it, and
// names each one that does not replay, with the reason the SDK gives (a determinism violation names the
// command and the event that disagree; a workflow task that fails again names its error):
//   npm run -s replay -- HISTORY.json [MORE.json ...]
// Export a history with `temporal workflow show --workflow-id ID --output json > HISTORY.json` or the
// Web UI's download. Run before a release on histories of applications still open, to see that the new
// code replays them. The bundle is the worker's with WORKER_WORKFLOW_STACKS=full (shared modules, stacks on).
// Exits 0 when every history replays, 1 when one does not, 2 when a file cannot be read, 3 when the
// replay itself cannot run (the workflow code does not bundle).
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { preloadedWorkflowModules, WORKFLOWS_PATH } from '../apps/worker/src/worker.factory';

async function main(): Promise<number> {
  const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    process.stderr.write('usage: npm run -s replay -- HISTORY.json [MORE.json ...] (from `temporal workflow show --output json`)\n');
    return 2;
  }
  const histories = files.map((file) => {
    const refuse = (why: string) => Object.assign(new Error(`${file}: ${why}; export a history with \`temporal workflow show --workflow-id ID --output json\``), { exitCode: 2 });
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw refuse(`cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    let history: ReturnType<typeof historyFromJSON>;
    try {
      history = historyFromJSON(JSON.parse(text));
    } catch (err) {
      throw refuse(`is not a history in Temporal's JSON (${(err as Error).message})`);
    }
    if (!history.events?.length) throw refuse('holds no events');
    return { workflowId: path.relative(process.cwd(), file), history };
  });
  Runtime.install({ logger: new DefaultLogger('WARN') });
  process.stderr.write(`replay: bundling the workflow code (${path.relative(process.cwd(), WORKFLOWS_PATH)})\n`);
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, preloadModules: preloadedWorkflowModules(true), logger: new DefaultLogger('WARN') }).catch(
    (err: Error) => {
      throw Object.assign(new Error(`the workflow code does not bundle: ${err.message}`), { exitCode: 3 });
    },
  );
  let failed = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle, replayName: 'replay' }, histories)) {
    if (!result.error) {
      process.stdout.write(`${result.workflowId}: replays\n`);
      continue;
    }
    failed++;
    process.stdout.write(`${result.workflowId}: does not replay: ${result.error.name}: ${result.error.message}\n`);
  }
  process.stderr.write(`replay: ${histories.length - failed} of ${histories.length} replayed\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error & { exitCode?: number }) => {
    process.stderr.write(`replay: ${err.message}\n`);
    process.exit(err.exitCode ?? 3);
  },
);
