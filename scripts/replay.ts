// Replays workflow histories exported from Temporal on today's workflow code, and says where each one
// fails with its whole stack:  npm run -s replay -- HISTORY.json [MORE.json ...]
// Export a history with `temporal workflow show --workflow-id ID --output json > HISTORY.json` or the
// Web UI's download. The worker records one frame of a stack (workflows/sandbox-stacks.ts); this replay
// bundles the workflow code without that limit, so a workflow task that failed on the worker, or a
// change that no longer replays (a determinism violation), shows the frames that led to it.
// Exits 0 when every history replays, 1 when one does not, 2 when a file cannot be read.
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WORKFLOWS_PATH } from '../apps/worker/src/worker.factory';

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
    return { workflowId: path.basename(file), history };
  });
  Runtime.install({ logger: new DefaultLogger('WARN') });
  process.stderr.write(`replay: bundling the workflow code (${path.relative(process.cwd(), WORKFLOWS_PATH)}) with whole stacks\n`);
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
  let failed = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle, replayName: 'replay' }, histories)) {
    if (!result.error) {
      process.stdout.write(`${result.workflowId}: replays\n`);
      continue;
    }
    failed++;
    const cause = (result.error as Error & { cause?: Error }).cause;
    process.stdout.write(`${result.workflowId}: does not replay: ${result.error.stack ?? result.error.message}\n${cause ? `  caused by ${cause.stack ?? cause.message}\n` : ''}`);
  }
  process.stderr.write(`replay: ${histories.length - failed} of ${histories.length} replayed\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error & { exitCode?: number }) => {
    process.stderr.write(`replay: ${err.message}\n`);
    process.exit(err.exitCode ?? 1);
  },
);
