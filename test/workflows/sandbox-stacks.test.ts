// The SDK records where every promise of workflow code was created (for the `__stack_trace` query) and
// maps each frame through the bundle's source map: on the worker that was half of the workflow
// thread's time (docs/perf/2026-11-30-api-performance.md). A worker records no frame
// (workflows/sandbox-stacks.ts, preloaded); one started with WORKER_WORKFLOW_STACKS=full records them
// all. Both run the same application the same way: only the stacks differ.
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { skduV2 } from '../../libs/permits/skdu.v2';
import { preloadedWorkflowModules, WORKFLOWS_PATH } from '../../apps/worker/src/worker.factory';
import { startReleaseWorker, TimeSkippingHarness, timeSkippingSuite } from '../support/time-skipping';
import { applicationInput, fileApplication, planned } from './stories';

/** The frames of a `__stack_trace` answer (its stacks are separated by blank lines). */
const frames = (trace: string) => trace.split('\n').filter((l) => /^\s*at /.test(l));

describe('the stacks the workflow thread records', () => {
  let h: TimeSkippingHarness;
  timeSkippingSuite('stacks', (started) => (h = started));

  it('are none on the worker, and the engine\'s own frames with WORKER_WORKFLOW_STACKS=full', async () => {
    const worker = await fileAndTrace(h.taskQueue);

    const queue = `${h.taskQueue}-full-stacks`;
    const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, preloadModules: preloadedWorkflowModules(true), logger: new DefaultLogger('WARN') });
    const other = await startReleaseWorker(h.env, h.db, queue, bundle);
    try {
      const full = await fileAndTrace(queue);
      expect(frames(worker.trace)).toEqual([]);
      // Where the engine waits: the flow's step awaiting its decision, in the workflow code's own files.
      expect(frames(full.trace).some((f) => f.includes('workflows/engine/flow.ts'))).toBe(true);
      // The same application, planned alike by both.
      expect(worker.view.openTasks.length).toBeGreaterThan(0);
      expect(full.view.openTasks.map((t) => [t.stepId, t.agency])).toEqual(worker.view.openTasks.map((t) => [t.stepId, t.agency]));
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
