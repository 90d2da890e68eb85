// Stories of fiktif positif (UU 30/2014 art. 53 as amended by UU 6/2023): a permit type whose policy is
// 'deem-granted' is issued by law when nobody decides before the legal deadline, at the deadline instant
// itself. The application's clock, like the steps', stops while the applicant revises.
//
// A business day is 450 working minutes: Mon-Thu 07:30-12:00 and 13:00-16:00, Fri 07:30-11:30 and
// 13:00-16:30 (WIB, UTC+7). Times below are WIB in the prose and UTC in the assertions.
import { sipDokterV1 } from '../../libs/permits/sip-dokter.v1';
import { skduV1 } from '../../libs/permits/skdu.v1';
import { eventually, sleepUntil, TimeSkippingHarness, timeSkippingSuite } from '../support/time-skipping';
import { decide, escalationRows, fileAndPlan, outcome, resubmit, taskRows, view } from './stories';

describe('deemed granted at the legal deadline', () => {
  let h: TimeSkippingHarness;
  timeSkippingSuite('deemed-grant', (started) => (h = started));

  it('issues a domicile letter nobody decided at 16:00 on the third business day', async () => {
    // Given a domicile letter (SKDU: 3 business days, deem-granted) filed on Sunday 4 April 2027 at
    // 20:00: the clocks start on Monday 5 April at 07:30.
    const { input, handle, filed } = await fileAndPlan(h, skduV1, 'the verification planned', { at: '2027-04-04T13:00:00Z' });
    // The kelurahan's verification has 1 day (450 min): Mon 5 April 16:00. The letter has 3 days
    // (1350 min): Mon 5, Tue 6, Wed 7 April, 16:00.
    expect(filed.openTasks[0]).toMatchObject({ stepId: 'kelurahan_verification', dueAt: '2027-04-05T09:00:00.000Z' });
    expect(filed.dueAt).toBe('2027-04-07T09:00:00.000Z');

    // When nobody at the kelurahan acts, the ladder climbs on the verification's clock:
    //   reminder at 75 % = 338 min: 07:30-12:00 (270), 13:00 + 68 = Mon 5 April 14:08
    //   section head at 100 % = 450 min: Mon 5 April 16:00
    //   agency head at +1 day = 900 min: Tue 6 April 16:00
    //   (the governor's rung at +3 days, Fri 9 April, never comes: the law decides first)
    // Then at Wed 7 April 16:00 the letter is deemed granted.
    await sleepUntil(h, '2027-04-07T10:00:00Z');
    const done = await outcome(h, handle);
    const deadline = '2027-04-07T09:00:00.000Z';
    expect(done).toMatchObject({ status: 'issued', deemedGranted: true, decidedAt: deadline, openTasks: [] });
    expect(done.tasks).toEqual([expect.objectContaining({ stepId: 'kelurahan_verification', status: 'deemed', decidedAt: deadline, decidedBy: 'system' })]);
    expect(done.timeline.slice(-3).map((e) => [e.type, e.at, e.statusAfter])).toEqual([
      ['legal_deadline_missed', deadline, 'in_review'],
      ['task.deemed', deadline, 'in_review'],
      ['issued', deadline, 'issued'],
    ]);
    expect(await escalationRows(h, input.applicationId)).toEqual([
      ['kelurahan_verification.1', 'reminder', '2027-04-05T07:08:00.000Z'],
      ['kelurahan_verification.1', 'section_head', '2027-04-05T09:00:00.000Z'],
      ['kelurahan_verification.1', 'agency_head', '2027-04-06T09:00:00.000Z'],
    ]);
    const rows = await eventually(
      () => h.db.query(`SELECT status, deemed_granted, decided_at FROM application WHERE id = $1`, [input.applicationId]) as Promise<Array<{ status: string; deemed_granted: boolean; decided_at: Date }>>,
      (r) => r[0]?.status === 'issued',
      'the read model shows the grant',
    );
    expect([rows[0].deemed_granted, rows[0].decided_at.toISOString()]).toEqual([true, deadline]);
    expect(await taskRows(h, input.applicationId)).toEqual([['kelurahan_verification.1', 'deemed', 0, '2027-04-05T09:00:00.000Z']]);
  });

  it("moves a doctor's licence deadline by the days the doctor took to answer a revision", async () => {
    // Given a doctor's practice licence (SIP_DOKTER: 5 business days, deem-granted) filed on Sunday 11
    // April 2027 at 20:00: the clocks start on Monday 12 April at 07:30. Undisturbed, it would be deemed
    // granted after 2250 minutes, on Fri 16 April at 16:30.
    const { input, handle, filed } = await fileAndPlan(h, sipDokterV1, 'the health office review planned', { at: '2027-04-11T13:00:00Z' });
    expect(filed.dueAt).toBe('2027-04-16T09:30:00.000Z');
    // The health office (suku dinas kesehatan) has 3 days (1350 min): Wed 14 April 16:00.
    expect(filed.openTasks[0]).toMatchObject({ stepId: 'dinkes_verification', agency: 'DINKES', dueAt: '2027-04-14T09:00:00.000Z' });

    // When the health office asks for the facility's letter on Tuesday 13 April at 12:30 (lunch), the step
    // and the application have each used Mon 12 (450) + Tue 13 07:30-12:00 (270) = 720 minutes. The
    // reminder (75 % = 1013 min) has not fired.
    await sleepUntil(h, '2027-04-13T05:30:00Z');
    const sentBack = await decide(handle, filed.openTasks[0], 'request_revision', 'Surat keterangan fasyankes belum dilampirkan');
    expect(sentBack.tasks[0]).toMatchObject({ status: 'revision_requested', businessMinutesUsed: 720 });

    // The doctor answers on Friday 16 April at 19:00, after the instant the licence would have been
    // deemed granted had the clock kept running (16:30): nothing happened then.
    await sleepUntil(h, '2027-04-16T12:00:00Z');
    const waiting = await view(handle);
    expect(waiting).toMatchObject({ status: 'awaiting_applicant', deemedGranted: false });
    expect(waiting.timeline.map((e) => e.type)).not.toContain('legal_deadline_missed');
    const resumed = await resubmit(handle, 'Surat keterangan dari kepala puskesmas terlampir');

    // Then the clocks resume on Monday 19 April at 07:30 with what was left:
    //   the step: 1350 - 720 = 630 min: Mon 19 (450), Tue 20 April + 180 = 10:30
    //   the application: 2250 - 720 = 1530 min: Mon 19, Tue 20, Wed 21 (1350), Thu 22 April + 180 = 10:30
    const second = resumed.openTasks[0];
    expect(second).toMatchObject({ stepId: 'dinkes_verification', attempt: 2, businessMinutesUsed: 720, dueAt: '2027-04-20T03:30:00.000Z' });
    expect(resumed.dueAt).toBe('2027-04-22T03:30:00.000Z');

    // Nobody decides again. The ladder runs on the step's clock from 720:
    //   reminder at 1013 = resume + 293: 07:30-12:00 (270), 13:00 + 23 = Mon 19 April 13:23
    //   section head at 1350 = Tue 20 April 10:30; agency head at 1800 = Wed 21 April 10:30
    // and the licence is deemed granted on Thursday 22 April at 10:30, the governor's rung (Fri 23) unsent.
    await sleepUntil(h, '2027-04-22T05:00:00Z');
    const done = await outcome(h, handle);
    const deadline = '2027-04-22T03:30:00.000Z';
    expect(done).toMatchObject({ status: 'issued', deemedGranted: true, decidedAt: deadline, openTasks: [] });
    expect(done.tasks.map((t) => [t.id.slice(input.applicationId.length + 1), t.status])).toEqual([
      ['dinkes_verification.1', 'revision_requested'],
      ['dinkes_verification.2', 'deemed'],
    ]);
    expect(done.timeline.find((e) => e.type === 'legal_deadline_missed')?.at).toBe(deadline);
    expect(await escalationRows(h, input.applicationId)).toEqual([
      ['dinkes_verification.2', 'reminder', '2027-04-19T06:23:00.000Z'],
      ['dinkes_verification.2', 'section_head', '2027-04-20T03:30:00.000Z'],
      ['dinkes_verification.2', 'agency_head', '2027-04-21T03:30:00.000Z'],
    ]);
  });
});
