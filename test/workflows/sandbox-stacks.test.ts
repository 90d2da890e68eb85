// The SDK records where every promise of workflow code was created (for the `__stack_trace` query) and
// maps each frame through the bundle's source map: on the worker that was half of the workflow
// thread's time (docs/perf/2026-11-30-api-performance.md). The worker's workflow code records
// WORKFLOW_STACK_FRAMES frames (workflows/sandbox-stacks.ts, preloaded); a bundle without it records V8's
// default ten. Both run the same application the same way: only the stacks differ.
import { skduV2 } from '../../libs/permits/skdu.v2';
import { WORKFLOWS_PATH } from '../../apps/worker/src/worker.factory';
import { WORKFLOW_STACK_FRAMES } from '../../workflows/sandbox-stacks';
import { bundleRelease, startReleaseWorker, TimeSkippingHarness, timeSkippingSuite } from '../support/time-skipping';
import { applicationInput, fileApplication, planned } from './stories';

/** The most frames any one stack of a `__stack_trace` answer holds (stacks are separated by blank lines). */
const deepest = (trace: string) => Math.max(...trace.split('\n\n').map((stack) => stack.split('\n').filter((l) => /^\s*at /.test(l)).length));

describe('the stacks the workflow thread records', () => {
  let h: TimeSkippingHarness;
  timeSkippingSuite('stacks', (started) => (h = started));

  it(`hold at most ${WORKFLOW_STACK_FRAMES} frames on the worker, where a bundle without the preload records more`, async () => {
    const worker = await fileAndTrace(h.taskQueue);

    const queue = `${h.taskQueue}-unpreloaded`;
    const other = await startReleaseWorker(h.env, h.db, queue, await bundleRelease(WORKFLOWS_PATH));
    try {
      const unpreloaded = await fileAndTrace(queue);
      expect(deepest(worker.trace)).toBeLessThanOrEqual(WORKFLOW_STACK_FRAMES);
      expect(deepest(unpreloaded.trace)).toBeGreaterThan(WORKFLOW_STACK_FRAMES);
      // The same application, planned alike by both.
      expect(unpreloaded.view.openTasks.map((t) => [t.stepId, t.agency])).toEqual(worker.view.openTasks.map((t) => [t.stepId, t.agency]));
      expect(worker.view.openTasks.length).toBeGreaterThan(0);
    } finally {
      other.worker.shutdown();
      await other.running;
    }
  });

  async function fileAndTrace(taskQueue: string) {
    const input = applicationInput(skduV2, { example: 0 });
    const handle = await fileApplication({ ...h, taskQueue }, skduV2, input);
    const view = await planned(handle, `planned on ${taskQueue}`);
    return { view, trace: await handle.query<string>('__stack_trace') };
  }
});
