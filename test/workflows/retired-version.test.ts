// Story: an SKDU v1 letter is under way when a release marks v1 retired. New letters start on v2 (the
// newest active version); the v1 letter replays its history on the new worker and finishes on v1.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { definePermit } from '../../libs/permit-dsl/define';
import { newestActive } from '../../libs/permits';
import { skduV1 } from '../../libs/permits/skdu.v1';
import { skduV2 } from '../../libs/permits/skdu.v2';
import { bundleRelease, startReleaseWorker, startTimeSkippingServer, TimeSkippingHarness, workflowBundle } from '../support/time-skipping';
import { approveUntilDone, fileAndPlan, outcome } from './stories';

describe('a retired version finishes the applications running on it', () => {
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  const taskQueue = `retired-${randomUUID()}`;
  const running: Array<{ worker: Worker; running: Promise<void> }> = [];

  beforeAll(async () => {
    ({ env, db } = await startTimeSkippingServer());
  });
  afterAll(async () => {
    for (const r of running) if (r.worker.getState() === 'RUNNING') r.worker.shutdown();
    await Promise.all(running.map((r) => r.running));
    await db?.destroy();
    await env?.teardown();
  });

  const start = async (bundle: WorkflowBundleWithSourceMap) => {
    const r = await startReleaseWorker(env, db, taskQueue, bundle);
    running.push(r);
    return r;
  };

  it('files new letters on v2 and finishes the v1 letter on v1', async () => {
    const h = { env, db, taskQueue } as TimeSkippingHarness;
    // Given today's release and a v1 letter filed under it (a running application keeps its version).
    const today = await start(await workflowBundle());
    const { handle, filed } = await fileAndPlan(h, skduV1, 'the v1 verification planned');
    expect([filed.definitionVersion, filed.openTasks.map((t) => t.stepId)]).toEqual([1, ['kelurahan_verification']]);

    // When the next release marks v1 retired: its worker replaces today's...
    today.worker.shutdown();
    await today.running;
    await start(await bundleRelease(path.join(__dirname, 'fixtures', 'workflows-skdu-v1-retired.ts')));
    const catalogue = [definePermit({ ...skduV1, retired: true }), skduV2];

    // ...then new letters start on v2, the newest active version,
    expect(newestActive('SKDU', catalogue)).toBe(skduV2);
    // and the v1 letter, decided on the new worker, finishes on v1's two steps.
    await approveUntilDone(handle);
    const done = await outcome(h, handle);
    expect([done.status, done.definitionVersion, done.tasks.map((t) => t.stepId)]).toEqual(['issued', 1, ['kelurahan_verification', 'lurah_signature']]);
  });
});
