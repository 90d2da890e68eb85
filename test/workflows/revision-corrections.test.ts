// Story of a revision that fixes things: the tourism office sends a TDUP back because the business name
// does not match the deed; the applicant corrects the name, drops a figure and replaces the deed; the
// clock resumes with the time the step had left, the approver who asked reads exactly which fields and
// documents changed (names, not values), and the application is issued.
//
// A business day is 450 working minutes: Mon-Thu 07:30-12:00 and 13:00-16:00 (WIB, UTC+7). Times below
// are WIB in the prose and UTC in the assertions. April 2027 has no holiday.
import { tdupV1 } from '../../libs/permits/tdup.v1';
import { dossierQuery, resubmitUpdate } from '../../workflows/messages';
import { eventually, sleepUntil, TimeSkippingHarness, timeSkippingSuite } from '../support/time-skipping';
import { applicantActor, applicationInput, approveUntilDone, decide, fileApplication, outcome, planned, view } from './stories';

const ktp = { type: 'ktp', url: 'https://files.example.id/ktp.pdf', sha256: 'a'.repeat(64) };
const deed = { type: 'akta_pendirian', url: 'https://files.example.id/akta-2019.pdf', sha256: 'b'.repeat(64) };
const correctedDeed = { type: 'akta_pendirian', url: 'https://files.example.id/akta-2024-perubahan.pdf', sha256: 'c'.repeat(64) };

describe('a revision that corrects the data', () => {
  let h: TimeSkippingHarness;
  timeSkippingSuite('revision-corrections', (started) => (h = started));

  it('applies the corrected fields and deed, names them on the timeline and to the approver, and resumes the clock with the time left', async () => {
    // Given a tourism business registration (TDUP) filed on Sunday 4 April 2027 at 20:00 with the deed of
    // 2019: the tourism office's verification (3 business days, 1350 min) starts on Monday 5 April 07:30.
    await sleepUntil(h, '2027-04-04T13:00:00Z');
    const input = { ...applicationInput(tdupV1), documents: [ktp, deed] };
    const handle = await fileApplication(h, tdupV1, input);
    const filed = await planned(handle, 'the verification planned');
    const verification = filed.openTasks[0];
    expect(verification).toMatchObject({ stepId: 'disparekraf_verification', agency: 'DISPAREKRAF', attempt: 1, deadlineMinutes: 1350 });
    expect(input.data.businessName).toBe('Kedai Kopi Kota Tua');

    // When the officer sends it back on Tuesday 6 April during the lunch break (12:30), the step has used
    // Mon 5 (450) + Tue 07:30-12:00 (270) = 720 minutes, 630 short of its deadline.
    await sleepUntil(h, '2027-04-06T05:30:00Z');
    const sentBack = await decide(handle, verification, 'request_revision', 'Nama usaha tidak sesuai akta pendirian');
    expect(sentBack.status).toBe('awaiting_applicant');
    expect(sentBack.tasks[0]).toMatchObject({ status: 'revision_requested', businessMinutesUsed: 720 });

    // And the applicant answers five days later, on Sunday 11 April at 20:00: the new name (as the amended
    // deed has it), the seat capacity taken out, the employees given again unchanged, the amended deed.
    await sleepUntil(h, '2027-04-11T13:00:00Z');
    const resumed = await handle.executeUpdate(resubmitUpdate, {
      args: [
        {
          note: 'Nama usaha disesuaikan dengan akta perubahan',
          data: { businessName: 'Kedai Kopi Kota Tua Jaya', capacity: null, employees: 8 },
          documents: [correctedDeed],
          actor: applicantActor,
        },
      ],
    });

    // Then the step resumes with what it had left, from the next opening, Monday 12 April 07:30: due =
    // Mon 12 (450) + Tue 13 07:30 + 180 min = 10:30. From zero it would be due on Wed 14 April at 16:00;
    // had the clock run while the applicant held the file, it would have been overdue since Wed 7 April.
    expect(resumed.status).toBe('in_review');
    const second = resumed.openTasks[0];
    expect(second).toMatchObject({ stepId: 'disparekraf_verification', attempt: 2, businessMinutesUsed: 720, overdue: false });
    expect(second.dueAt).toBe('2027-04-13T03:30:00.000Z');

    // The timeline names what changed, never the values: the unchanged employees figure is not a change.
    const event = resumed.timeline[resumed.timeline.length - 2];
    expect(event).toMatchObject({
      type: 'resubmitted',
      statusBefore: 'awaiting_applicant',
      statusAfter: 'in_review',
      changedFields: ['businessName', 'capacity'],
      changedDocuments: ['akta_pendirian'],
    });
    expect(resumed.timeline[resumed.timeline.length - 1]).toMatchObject({ type: 'task.assigned', taskId: second.id });
    expect(JSON.stringify(resumed)).not.toContain('Kota Tua Jaya');

    // The officer who asked reads the corrected file: the new name, no capacity, the amended deed in
    // place of the old one, and what the resubmission changed.
    const dossier = await handle.query(dossierQuery);
    expect(dossier.data).toEqual({ businessName: 'Kedai Kopi Kota Tua Jaya', businessField: 'jasa_makanan_minuman', kbli: '56303', nib: '9120001234567', employees: 8 });
    expect(dossier.documents).toEqual([ktp, correctedDeed]);
    expect(dossier.resubmissions).toEqual([
      { at: expect.stringMatching(/^2027-04-11T13:00/), note: 'Nama usaha disesuaikan dengan akta perubahan', changedFields: ['businessName', 'capacity'], changedDocuments: ['akta_pendirian'] },
    ]);

    // The read model holds the same timeline, so every approver's read of the application shows it.
    const projected = await eventually(
      () => h.db.query(`SELECT view FROM application WHERE id = $1`, [input.applicationId]) as Promise<Array<{ view: { timeline: Array<{ type: string; changedFields?: string[] }> } }>>,
      (rows) => rows[0]?.view.timeline.some((e) => e.type === 'resubmitted') === true,
      'the resubmission projected',
    );
    expect(projected[0].view.timeline.find((e) => e.type === 'resubmitted')).toMatchObject({ changedFields: ['businessName', 'capacity'], changedDocuments: ['akta_pendirian'] });

    // Finally the tourism office and the DPMPTSP approve on Monday 12 April: the TDUP is issued.
    await sleepUntil(h, '2027-04-12T02:00:00Z');
    await approveUntilDone(handle);
    const done = await outcome(h, handle);
    expect(done.status).toBe('issued');
    expect(done.tasks.filter((t) => t.stepId === 'disparekraf_verification').map((t) => t.status)).toEqual(['revision_requested', 'approved']);
    expect((await view(handle)).timeline.filter((e) => e.type === 'resubmitted')).toHaveLength(1);
  });

});
