// Story: officers of Kelurahan Tebet Barat share the work on a business domicile letter (SKDU v1). One
// claims the verification; whoever else tries to claim it, release it, decide it or hand it on without
// the right is refused by the Update's validator before anything is written: the answer names the
// reason, and the workflow history is exactly as long as before.
//
// On the real Temporal dev server started by globalSetup, in real time (see decision-refusals.test.ts
// for why not the time-skipping server): no deadline matters here, the first rung is hours away.
import { WorkflowHandle } from '@temporalio/client';
import { workflowTypeOf } from '../../libs/permit-dsl/definition';
import { skduV1 } from '../../libs/permits/skdu.v1';
import { Actor, assignUpdate, claimUpdate, decideUpdate, Refusal, unclaimUpdate, workflowIdOf } from '../../workflows/messages';
import { eventually, type RealServerHarness, realServerSuite } from '../support/time-skipping';
import { applicationInput, refused as refusedOn, view } from './stories';

describe('claims the engine refuses', () => {
  let h: RealServerHarness;
  realServerSuite('claim-refusals', (harness) => (h = harness));
  const refused = (handle: WorkflowHandle, send: () => Promise<unknown>, type: string) => refusedOn(h.db, handle, send, type);

  it('refuses a claim held by another, a release by a non-holder, a decision by another officer, an assignment by an officer, and claims of a closed task', async () => {
    const input = applicationInput(skduV1);
    const handle = await h.client.workflow.start(workflowTypeOf(skduV1), { workflowId: workflowIdOf(input.applicationId), taskQueue: h.taskQueue, args: [input] });
    const verification = (await eventually(() => view(handle), (v) => v.openTasks[0]?.dueAt != null, 'the verification planned')).openTasks[0];
    const officer = (sub: string, position: Actor['position'] = 'officer'): Actor => ({ sub, role: 'approver', agency: 'KELURAHAN', office: verification.officeId, position });
    const [sari, tono, lurah] = [officer('sari'), officer('tono'), officer('lurah', 'head')];
    const claim = (actor: Actor) => () => handle.executeUpdate(claimUpdate, { args: [{ taskId: verification.id, actor }] });
    const unclaim = (actor: Actor) => () => handle.executeUpdate(unclaimUpdate, { args: [{ taskId: verification.id, actor }] });

    // Nobody holds it yet: a release has nothing to release.
    await refused(handle, unclaim(sari), Refusal.TaskNotClaimed);
    // Sari claims it; her claim is in the view.
    const claimed = await claim(sari)();
    expect(claimed.openTasks[0]).toMatchObject({ claimedBy: 'sari', claimedAt: expect.any(String) });
    // Tono may neither take it, nor release it, nor decide it: each refusal names Sari.
    expect(await refused(handle, claim(tono), Refusal.TaskClaimed)).toMatch(/already claimed by sari/);
    expect(await refused(handle, unclaim(tono), Refusal.TaskClaimed)).toMatch(/claimed by sari: only they or a head of KELURAHAN may release it/);
    const decideAsTono = () => handle.executeUpdate(decideUpdate, { args: [{ taskId: verification.id, decision: 'approve', actor: tono }] });
    expect(await refused(handle, decideAsTono, Refusal.TaskClaimed)).toMatch(/claimed by another officer \(sari/);
    // An officer cannot hand tasks out; a lurah of another kelurahan, or another agency, cannot either.
    const assign = (actor: Actor) => () => handle.executeUpdate(assignUpdate, { args: [{ taskId: verification.id, officerId: 'tono', actor }] });
    expect(await refused(handle, assign(sari), Refusal.WrongPosition)).toMatch(/only a head of KELURAHAN/);
    await refused(handle, assign({ ...lurah, office: 'kel-31.71.06.1001' }), Refusal.WrongAgency);
    await refused(handle, claim({ sub: 'dinkes', role: 'approver', agency: 'DINKES' }), Refusal.WrongAgency);

    // Claiming her own task again changes nothing: no timeline entry, no new revision.
    const again = await claim(sari)();
    expect([again.revision, again.timeline.length]).toEqual([claimed.revision, claimed.timeline.length]);
    // The lurah hands it to Tono, who decides; then the closed task takes no claim, release or assignment.
    await assign(lurah)();
    await handle.executeUpdate(decideUpdate, { args: [{ taskId: verification.id, decision: 'approve', actor: tono }] });
    await refused(handle, claim(sari), Refusal.TaskNotOpen);
    await refused(handle, unclaim(lurah), Refusal.TaskNotOpen);
    await refused(handle, assign(lurah), Refusal.TaskNotOpen);
    const types = (await view(handle)).timeline.filter((e) => e.taskId === verification.id).map((e) => [e.type, e.actor, e.assignee]);
    expect(types).toEqual([
      ['task.assigned', 'system', undefined],
      ['task.claimed', 'sari', undefined],
      ['task.reassigned', 'lurah', 'tono'],
      ['task.approved', 'tono', undefined],
    ]);
  });
});
