// Story: SKDU v2 ships while a v1 letter is under way. The v1 application was started by a worker that
// knew only v1; that worker is replaced by today's, which registers both permit_SKDU_v1 and
// permit_SKDU_v2. The v1 letter replays its history on the new worker and finishes with v1's two steps;
// a letter filed after the release starts on v2 (document check and site visit side by side, then the
// lurah) and runs beside it on the same worker. New submissions get the latest version from the catalog.
//
// A business day is 450 working minutes: Mon-Thu 07:30-12:00 and 13:00-16:00 (WIB, UTC+7).
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { CatalogService } from '../../apps/api/src/permit-types/catalog.service';
import { createPermitWorker } from '../../apps/worker/src/worker.factory';
import { stepsOf } from '../../libs/permit-dsl/definition';
import { skduV1 } from '../../libs/permits/skdu.v1';
import { skduV2 } from '../../libs/permits/skdu.v2';
import { findDefinition } from '../../libs/permits';
import { bundleRelease, eventually, sleepUntil, startReleaseWorker, startTimeSkippingServer, TimeSkippingHarness, workflowBundle } from '../support/time-skipping';
import { approveUntilDone, escalationRows, fileAndPlan, historyCounts, outcome } from './stories';

describe('version pinning: SKDU v1 in flight when v2 ships', () => {
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  const taskQueue = `pinning-${randomUUID()}`;
  let today: { worker: Worker; running: Promise<void> } | undefined;

  beforeAll(async () => {
    ({ env, db } = await startTimeSkippingServer());
  });
  afterAll(async () => {
    today?.worker.shutdown();
    await today?.running;
    await db?.destroy();
    await env?.teardown();
  });

  it('finishes a v1 letter on v1 after the upgrade while a v2 letter runs beside it', async () => {
    // The catalogue offers the latest version to new submissions; v1 stays registered for those in flight.
    expect(findDefinition('SKDU')).toBe(skduV2);
    expect(new CatalogService().require('SKDU')).toBe(skduV2);
    expect(new CatalogService().require('SKDU', 1)).toBe(skduV1);
    expect(stepsOf(skduV1.flow).map((s) => s.id)).toEqual(['kelurahan_verification', 'lurah_signature']);
    expect(stepsOf(skduV2.flow).map((s) => s.id)).toEqual(['kelurahan_verification', 'site_visit', 'lurah_signature']);

    // Given yesterday's deployment: a worker whose bundle registers SKDU v1 only (no sticky cache, so the
    // history is not held in its memory when it goes away).
    const yesterday = await startReleaseWorker(env, db, taskQueue, await bundleRelease(path.join(__dirname, 'fixtures', 'workflows-before-skdu-v2.ts')));
    const h = { env, db, taskQueue } as TimeSkippingHarness;

    // A v1 letter is filed on Sunday 4 April 2027 at 20:00 and its verification is planned for Monday.
    const { input: v1Input, handle: v1, filed: v1Filed } = await fileAndPlan(h, skduV1, 'the v1 verification planned', { at: '2027-04-04T13:00:00Z' });
    expect(v1Filed.openTasks.map((t) => t.stepId)).toEqual(['kelurahan_verification']);
    await eventually(
      () => db.query(`SELECT revision FROM application WHERE id = $1`, [v1Input.applicationId]) as Promise<Array<{ revision: number }>>,
      (rows) => rows[0]?.revision === v1Filed.revision,
      'the v1 letter idle on yesterday’s worker',
    );

    // When the release replaces the worker with today's (both SKDU versions registered)...
    yesterday.worker.shutdown();
    await yesterday.running;
    const worker = await createPermitWorker({
      connection: env.nativeConnection,
      db,
      config: { temporal: { address: '', namespace: env.namespace ?? 'default', taskQueue } },
      workflowBundle: await workflowBundle(),
    });
    today = { worker, running: worker.run() };

    // ...and a second letter is filed half an hour later, it starts on v2.
    const { input: v2Input, handle: v2, filed: v2Filed } = await fileAndPlan(h, skduV2, 'the v2 checks planned', { at: '2027-04-04T13:30:00Z', accept: (v) => v.openTasks.length === 2 });
    expect(v2Filed.definitionVersion).toBe(2);
    expect(v2Filed.openTasks.map((t) => t.stepId).sort()).toEqual(['kelurahan_verification', 'site_visit']);

    // Then both ladders run on today's worker through Monday: the v1 verification's reminder (75 % of
    // 450 = 338 min: 07:30-12:00, then 13:00 + 68 = 14:08) and its section head at 16:00 fire from the
    // replayed v1 history; the two v2 checks climb the same rungs beside it.
    await sleepUntil(h, '2027-04-05T10:00:00Z');
    expect(await escalationRows(h, v1Input.applicationId)).toEqual([
      ['kelurahan_verification.1', 'reminder', '2027-04-05T07:08:00.000Z'],
      ['kelurahan_verification.1', 'section_head', '2027-04-05T09:00:00.000Z'],
    ]);
    expect(await escalationRows(h, v2Input.applicationId)).toEqual([
      ['kelurahan_verification.1', 'reminder', '2027-04-05T07:08:00.000Z'],
      ['site_visit.1', 'reminder', '2027-04-05T07:08:00.000Z'],
      ['kelurahan_verification.1', 'section_head', '2027-04-05T09:00:00.000Z'],
      ['site_visit.1', 'section_head', '2027-04-05T09:00:00.000Z'],
    ]);

    // The kelurahan approves everything on Tuesday morning: v1 goes verification -> lurah; v2 goes
    // verification + site visit -> lurah. Each keeps the flow it started with.
    await sleepUntil(h, '2027-04-06T01:00:00Z');
    for (const handle of [v1, v2]) await approveUntilDone(handle);
    const [done1, done2] = [await outcome(h, v1), await outcome(h, v2)];
    expect([done1.status, done1.definitionVersion, done1.tasks.map((t) => t.stepId)]).toEqual(['issued', 1, ['kelurahan_verification', 'lurah_signature']]);
    expect([done2.status, done2.definitionVersion, done2.tasks.map((t) => t.stepId).sort()]).toEqual([
      'issued',
      2,
      ['kelurahan_verification', 'lurah_signature', 'site_visit'],
    ]);
    // The v1 history is one run of permit_SKDU_v1 from start to end, written by two different workers.
    const history = await v1.fetchHistory();
    expect(history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name).toBe('permit_SKDU_v1');
    expect((await historyCounts(v1)).byType.workflowExecutionCompleted).toBe(1);
  });
});
