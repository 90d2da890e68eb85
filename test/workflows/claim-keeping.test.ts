// Story: the officer of Kelurahan Tebet Barat claims the verification of a business domicile letter
// (SKDU v1) and then lets it run late. The escalation ladder climbs, but the task stays hers: a late
// step is escalated to her supervisors, not taken from her (a head reassigns it when that is needed).
// When she asks the applicant for a revision, the step's next attempt opens held by her again.
import { claimUpdate, decideUpdate } from '../../workflows/messages';
import { skduV1 } from '../../libs/permits/skdu.v1';
import { eventually, TimeSkippingHarness, timeSkippingSuite } from '../support/time-skipping';
import { approverFor, fileAndPlan, resubmit, taskRows, view } from './stories';

describe('a claim through escalation and revision', () => {
  let h: TimeSkippingHarness;
  timeSkippingSuite('claim-keeping', (started) => (h = started));

  it('keeps the claim while the ladder climbs, and gives the next attempt after a revision to the same officer', async () => {
    const { input, handle, filed } = await fileAndPlan(h, skduV1, 'the verification planned');
    const task = filed.openTasks[0];
    const sari = approverFor(task, 'sari');
    await handle.executeUpdate(claimUpdate, { args: [{ taskId: task.id, actor: sari }] });

    // A day later the one-day step is past its due time, the legal deadline (three business days) still ahead.
    await h.env.sleep('1 day');
    const late = await eventually(() => view(handle), (v) => (v.openTasks[0]?.escalations.length ?? 0) > 0, 'the ladder climbed');
    expect(late.openTasks[0]).toMatchObject({ id: task.id, claimedBy: 'sari' });
    // The read model shows the claim and the rung reached, for the inbox.
    const row = await eventually(
      async () => (await h.db.query(`SELECT claimed_by, escalation_level, escalation_rung FROM task WHERE id = $1`, [task.id]))[0],
      (r: { escalation_level: number } | undefined) => (r?.escalation_level ?? 0) === late.openTasks[0].escalations.length,
      'the rung in the read model',
    );
    expect(row).toEqual({ claimed_by: 'sari', escalation_level: late.openTasks[0].escalations.length, escalation_rung: late.openTasks[0].escalations.at(-1) });

    await handle.executeUpdate(decideUpdate, { args: [{ taskId: task.id, decision: 'request_revision', note: 'Lampirkan surat pengantar RT/RW', actor: sari }] });
    const resumed = await resubmit(handle);
    const next = await eventually(() => view(handle), (v) => v.openTasks[0]?.attempt === 2, 'the second attempt');
    expect(next.openTasks[0]).toMatchObject({ stepId: task.stepId, attempt: 2, claimedBy: 'sari' });
    expect(resumed.status).toBe('in_review');
    expect((await taskRows(h, input.applicationId)).map(([step, status]) => [step, status])).toEqual(
      expect.arrayContaining([[`${task.stepId}.1`, 'revision_requested']]),
    );
  });
});
