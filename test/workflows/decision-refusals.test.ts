// Story: approvers who may not decide try anyway. A decision is a Temporal Update whose validator runs
// before anything is written: a refused decision answers with the reason and leaves no event in the
// workflow history (its length is the same before and after), so nothing about it can replay or count.
//
// This story runs on the real Temporal dev server started by globalSetup, in real time: the time-skipping
// test server writes a workflow task for every Update, even a refused one, where the real server drops
// the speculative task of a rejected Update. No deadline matters here: the first rung is hours away.
import { WorkflowHandle } from '@temporalio/client';
import { workflowTypeOf } from '../../libs/permit-dsl/definition';
import { Actor, ApplicationView, DecideArgs, decideUpdate, dossierQuery, Refusal, resubmitUpdate, taskIdOf, workflowIdOf } from '../../workflows/messages';
import { pbgV1 } from '../../libs/permits/pbg.v1';
import { skduV1 } from '../../libs/permits/skdu.v1';
import { eventually, type RealServerHarness, realServerSuite } from '../support/time-skipping';
import { applicantActor, applicationInput, approverFor, decide, historyCounts, idleHistoryLength, refused as refusedOn, resubmit, view } from './stories';

describe('decisions the engine refuses', () => {
  let h: RealServerHarness;
  realServerSuite('refusals', (harness) => (h = harness));
  /** Sends a decision that must be refused with `type`, and checks the history did not grow. */
  const refused = (handle: WorkflowHandle, args: DecideArgs, type: string) => refusedOn(h.db, handle, () => handle.executeUpdate(decideUpdate, { args: [args] }), type);

  it('refuses a wrong agency, a wrong office, an officer on a head step, a step not open, an unknown decision, a decided task and a paused application', async () => {
    // Given a domicile letter for a shop in Tebet: its verification waits at the kelurahan of Tebet Barat.
    const input = applicationInput(skduV1);
    const handle = await h.client.workflow.start(workflowTypeOf(skduV1), { workflowId: workflowIdOf(input.applicationId), taskQueue: h.taskQueue, args: [input] });
    const filed = await eventually(() => view(handle), (v) => v.openTasks[0]?.dueAt != null, 'the verification planned');
    const verification = filed.openTasks[0];

    // A health-office approver is refused: the task belongs to the kelurahan.
    const dinkes: Actor = { sub: 'officer-dinkes', role: 'approver', agency: 'DINKES' };
    expect(await refused(handle, { taskId: verification.id, decision: 'approve', actor: dinkes }, Refusal.WrongAgency)).toContain('belongs to KELURAHAN');
    // So is the lurah of another kelurahan: the right agency, the wrong office.
    const elsewhere: Actor = { sub: 'lurah-menteng', role: 'approver', agency: 'KELURAHAN', office: 'kel-31.71.06.1001' };
    await refused(handle, { taskId: verification.id, decision: 'approve', actor: elsewhere }, Refusal.WrongAgency);
    // An integrator's token is not an approver's.
    await refused(handle, { taskId: verification.id, decision: 'approve', actor: applicantActor }, Refusal.WrongAgency);
    // The lurah's signature step is not open yet: there is no such task.
    const signature = taskIdOf(input.applicationId, 'lurah_signature', 1);
    await refused(handle, { taskId: signature, decision: 'approve', actor: approverFor(verification, 'lurah') }, Refusal.TaskNotFound);
    // A decision that is none of approve, reject, request_revision.
    await refused(handle, { taskId: verification.id, decision: 'maybe' as DecideArgs['decision'], actor: approverFor(verification) }, Refusal.InvalidDecision);

    // When the officer approves, the same task cannot be decided again, by anyone.
    const approved = await decide(handle, verification, 'approve', 'Lokasi sesuai');
    await refused(handle, { taskId: verification.id, decision: 'reject', actor: approverFor(verification, 'other-officer') }, Refusal.TaskNotOpen);

    // The lurah's signature is a head's step: an officer of the right kelurahan is refused, whether its
    // token says officer or names no position at all.
    const signing = approved.openTasks[0];
    expect(signing).toMatchObject({ stepId: 'lurah_signature', role: 'head' });
    const officer: Actor = { sub: 'staff-tebet-barat', role: 'approver', agency: signing.agency, office: signing.officeId, position: 'officer' };
    expect(await refused(handle, { taskId: signing.id, decision: 'approve', actor: officer }, Refusal.WrongPosition)).toMatch(/signed by a head of KELURAHAN/);
    await refused(handle, { taskId: signing.id, decision: 'approve', actor: { ...officer, position: undefined } }, Refusal.WrongPosition);
    // While the lurah's signature waits on the applicant, no decision is taken on it.
    await decide(handle, signing, 'request_revision', 'Nama usaha berbeda dengan SPPT');
    await refused(handle, { taskId: signing.id, decision: 'approve', actor: approverFor(signing) }, Refusal.AwaitingApplicant);
    // And a second resubmission after the first is refused by its own validator, leaving no trace either.
    const resumed = await resubmit(handle);
    const before = await idleHistoryLength(h.db, handle);
    await expect(handle.executeUpdate(resubmitUpdate, { args: [{ actor: applicantActor }] })).rejects.toMatchObject({
      cause: expect.objectContaining({ type: Refusal.NoRevisionRequested }),
    });
    expect((await historyCounts(handle)).total).toBe(before);

    // Then the lurah signs, the letter is issued, and the workflow is closed: a late decision reaches no
    // validator at all. The server refuses it, and the closed history does not change.
    await decide(handle, resumed.openTasks[0], 'approve');
    const done: ApplicationView = await handle.result();
    expect(done.status).toBe('issued');
    const closed = (await historyCounts(handle)).total;
    await expect(handle.executeUpdate(decideUpdate, { args: [{ taskId: verification.id, decision: 'reject', actor: approverFor(verification) }] })).rejects.toThrow();
    expect((await historyCounts(handle)).total).toBe(closed);
  });

  it('refuses a correction that would have routed the application to another office, leaving no trace, and takes one that keeps the route', async () => {
    // Given a house of two floors (PBG): the kecamatan reviews it, and asks for a revision.
    const input = applicationInput(pbgV1);
    const handle = await h.client.workflow.start(workflowTypeOf(pbgV1), { workflowId: workflowIdOf(input.applicationId), taskQueue: h.taskQueue, args: [input] });
    const filed = await eventually(() => view(handle), (v) => v.openTasks[0]?.dueAt != null, 'the technical review planned');
    expect(filed.openTasks[0]).toMatchObject({ stepId: 'kecamatan_technical_review', agency: 'KECAMATAN' });
    await decide(handle, filed.openTasks[0], 'request_revision', 'Jumlah lantai pada gambar tidak sesuai formulir');
    const correct = (data: Record<string, unknown>) => () => handle.executeUpdate(resubmitUpdate, { args: [{ data, actor: applicantActor }] });

    // When the applicant corrects it to five floors, a building the city decides: refused, nothing recorded.
    const message = await refusedOn(h.db, handle, correct({ floors: 5, heightM: 18 }), Refusal.RouteChange);
    expect(message).toContain('data.floors');
    expect(message).toContain('"Sampai 8 lantai: kota administrasi" instead of "Rumah tinggal sampai 2 lantai: kecamatan"');
    expect(message).toContain('withdraw it and file a new application');
    expect((await handle.query(dossierQuery)).data.floors).toBe(2);
    expect((await view(handle)).status).toBe('awaiting_applicant');

    // Then one floor, still the kecamatan's: taken, and the same step goes on.
    const resumed = await correct({ floors: 1, heightM: 4.5 })();
    expect(resumed.timeline.find((e) => e.type === 'resubmitted')).toMatchObject({ changedFields: ['floors', 'heightM'], changedDocuments: [] });
    expect(resumed.openTasks[0]).toMatchObject({ stepId: 'kecamatan_technical_review', attempt: 2 });
    await handle.terminate('story over');
  });
});
