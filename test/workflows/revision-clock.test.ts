// Stories of the revision clock: while the application waits on the applicant every clock stops, and on
// resubmission it resumes with the time that was left, never from zero; if the applicant never answers,
// the application lapses at the applicant's deadline.
//
// A business day is 450 working minutes: Mon-Thu 07:30-12:00 and 13:00-16:00, Fri 07:30-11:30 and
// 13:00-16:30 (WIB, UTC+7). Times below are WIB in the prose and UTC in the assertions.
import { pbgV1 } from '../../libs/permits/pbg.v1';
import { skduV1 } from '../../libs/permits/skdu.v1';
import { eventually, sleepUntil, TimeSkippingHarness, timeSkippingSuite } from '../support/time-skipping';
import { decide, escalationRows, fileAndPlan, outcome, resubmit, taskRows, view } from './stories';

describe('the clock stops while the applicant revises', () => {
  let h: TimeSkippingHarness;
  timeSkippingSuite('revision-clock', (started) => (h = started));

  it('resumes a house approval with the time left after the applicant answers nine days later; fired rungs stay fired', async () => {
    // Given a house building approval (PBG, two floors: the kecamatan decides) filed on Sunday 4 April
    // 2027 at 20:00: every clock starts on Monday 5 April at 07:30. April 2027 has no holiday.
    const { input, handle, filed } = await fileAndPlan(h, pbgV1, 'the technical review planned', { at: '2027-04-04T13:00:00Z' });
    const review = filed.openTasks[0];
    expect(review).toMatchObject({ stepId: 'kecamatan_technical_review', agency: 'KECAMATAN', attempt: 1, deadlineMinutes: 3150 });
    // The review has 7 business days (3150 min): Mon 5 - Fri 9, Mon 12, Tue 13 April, due 16:00.
    expect(review.dueAt).toBe('2027-04-13T09:00:00.000Z');
    // The application has 28 business days (12600 min): 20 in April (5-30), Mon 3 - Wed 5 May,
    // Thu 6 May is Ascension Day, Fri 7, Mon 10 - Thu 13 May: due Thu 13 May 16:00.
    expect(filed.dueAt).toBe('2027-05-13T09:00:00.000Z');

    // When the kecamatan sends it back on Tuesday 13 April during the lunch break (12:30), the review has
    // used X = 5 days (Mon 5 - Fri 9) + Mon 12 + Tue 13 07:30-12:00 = 2250 + 450 + 270 = 2970 minutes,
    // 180 short of its deadline. The reminder at 75 % (2363 min = 5 days + 113 min) went out on Mon
    // 12 April at 09:23; the section head's rung at 100 % (3150) has not.
    await sleepUntil(h, '2027-04-13T05:30:00Z');
    expect(await escalationRows(h, input.applicationId)).toEqual([['kecamatan_technical_review.1', 'reminder', '2027-04-12T02:23:00.000Z']]);
    const sentBack = await decide(handle, review, 'request_revision', 'Gambar struktur belum ditandatangani perencana');
    expect(sentBack.status).toBe('awaiting_applicant');
    expect(sentBack.tasks[0]).toMatchObject({ status: 'revision_requested', businessMinutesUsed: 2970, escalations: ['reminder'] });
    // The applicant has 14 business days (6300 min) from 12:30: Tue 13 afternoon 180, Wed 14 - Fri 16
    // (1530), Mon 19 - Fri 23 (3780), Mon 26 - Fri 30 (6030), Mon 3 May + 270 min: 12:00.
    expect(sentBack.applicantDueAt).toBe('2027-05-03T05:00:00.000Z');

    // While the applicant takes nine days, nothing runs: had the clock kept going, the section head would
    // have been told on Tue 13 April at 15:30 and the agency head on Wed 14 April.
    await sleepUntil(h, '2027-04-22T12:00:00Z');
    const waiting = await view(handle);
    expect(waiting.status).toBe('awaiting_applicant');
    expect(waiting.openTasks).toEqual([]);
    expect(await escalationRows(h, input.applicationId)).toHaveLength(1);

    // Then the applicant answers on Thursday 22 April at 19:00, after hours: the clocks resume at the
    // next opening, Friday 23 April 07:30, with what was left.
    const resumed = await resubmit(handle, 'Gambar struktur ditandatangani');
    expect(resumed.status).toBe('in_review');
    const second = resumed.openTasks[0];
    expect(second).toMatchObject({ stepId: 'kecamatan_technical_review', attempt: 2, businessMinutesUsed: 2970, escalations: ['reminder'] });
    // Due = resume + (3150 - 2970) = Fri 23 April 07:30 + 180 min = 10:30.
    expect(second.dueAt).toBe('2027-04-23T03:30:00.000Z');
    // The application's clock had also used 2970 of its 12600 minutes; 9630 remain from Fri 23 April
    // 07:30: Fri 23 (450), Mon 26 - Fri 30 (2700), Mon 3 - Wed 5 May (4050), Fri 7 (4500), Mon 10 - Fri 14
    // (6750), Mon 17 - Wed 19 (8100), Thu 20 is Waisak, Fri 21 (8550), Mon 24 (9000), Tue 25 (9450),
    // Wed 26 May + 180 min: 10:30.
    expect(resumed.dueAt).toBe('2027-05-26T03:30:00.000Z');

    // The ladder continues on the step's own clock, from where it stopped; the reminder is not sent again:
    //   section head at 3150 = resume + 180: Fri 23 April 10:30
    //   agency head at 3600 = resume + 630: Fri 23 (450), Mon 26 April + 180: 10:30
    //   governor at 4500 = resume + 1530: Fri 23, Mon 26, Tue 27 (1350), Wed 28 April + 180: 10:30
    await sleepUntil(h, '2027-04-29T05:00:00Z');
    expect(await escalationRows(h, input.applicationId)).toEqual([
      ['kecamatan_technical_review.1', 'reminder', '2027-04-12T02:23:00.000Z'],
      ['kecamatan_technical_review.2', 'section_head', '2027-04-23T03:30:00.000Z'],
      ['kecamatan_technical_review.2', 'agency_head', '2027-04-26T03:30:00.000Z'],
      ['kecamatan_technical_review.2', 'governor', '2027-04-28T03:30:00.000Z'],
    ]);

    // The kecamatan approves on Thursday 29 April in the lunch break: the review used 2970 + Fri 23 (450)
    // + Mon 26 - Wed 28 (1350) + Thu 29 07:30-12:00 (270) = 5040 minutes over both attempts.
    const reviewed = await decide(handle, (await view(handle)).openTasks[0], 'approve');
    expect(reviewed.tasks.find((t) => t.id === second.id)).toMatchObject({ status: 'approved', businessMinutesUsed: 5040, overdue: true });
    const approval = reviewed.openTasks[0];
    expect(approval.stepId).toBe('kecamatan_approval');
    await decide(handle, approval, 'approve');
    const done = await outcome(h, handle);
    expect(done.status).toBe('issued');
    await eventually(
      () => taskRows(h, input.applicationId),
      (rows) => rows.length === 3 && rows[2][1] === 'approved',
      'the read model shows every attempt',
    );
    expect((await taskRows(h, input.applicationId)).slice(0, 2)).toEqual([
      ['kecamatan_technical_review.1', 'revision_requested', 2970, '2027-04-13T09:00:00.000Z'],
      ['kecamatan_technical_review.2', 'approved', 5040, '2027-04-23T03:30:00.000Z'],
    ]);
  });

  it('lapses a domicile letter at the applicant deadline when the applicant never answers', async () => {
    // Given a domicile letter (SKDU, deemed granted after 3 business days) filed on Sunday 4 July 2027 at
    // 20:00: its clocks start on Monday 5 July at 07:30. July 2027 has no holiday.
    const { input, handle, filed } = await fileAndPlan(h, skduV1, 'the verification planned', { at: '2027-07-04T13:00:00Z' });
    // Had it run undisturbed, the letter would be deemed granted on Wed 7 July at 16:00.
    expect(filed.dueAt).toBe('2027-07-07T09:00:00.000Z');

    // When the kelurahan asks for a better photo on Monday 5 July at 12:15 (lunch break), after 270
    // minutes, the applicant gets 10 business days (4500 min) from there: Mon 5 afternoon 180, Tue 6 -
    // Fri 9 (1980), Mon 12 - Fri 16 (4230), Mon 19 July + 270 min = 12:00, the end of the morning.
    await sleepUntil(h, '2027-07-05T05:15:00Z');
    const sentBack = await decide(handle, filed.openTasks[0], 'request_revision', 'Foto tempat usaha tidak jelas');
    expect(sentBack.tasks[0]).toMatchObject({ status: 'revision_requested', businessMinutesUsed: 270 });
    expect(sentBack.applicantDueAt).toBe('2027-07-19T05:00:00.000Z');

    // Then nobody answers: the application lapses at that instant. The legal deadline does not run while
    // the applicant holds the file, so the letter is never deemed granted, and no rung fires.
    await sleepUntil(h, '2027-07-19T06:00:00Z');
    const done = await outcome(h, handle);
    expect(done).toMatchObject({ status: 'lapsed', deemedGranted: false, decidedAt: '2027-07-19T05:00:00.000Z', openTasks: [] });
    const last = done.timeline[done.timeline.length - 1];
    expect(last).toMatchObject({ type: 'lapsed', at: '2027-07-19T05:00:00.000Z', statusBefore: 'awaiting_applicant', statusAfter: 'lapsed' });
    expect(done.timeline.map((e) => e.type)).not.toContain('legal_deadline_missed');
    expect(await escalationRows(h, input.applicationId)).toEqual([]);
    const rows = await eventually(
      () => h.db.query(`SELECT status, decided_at FROM application WHERE id = $1`, [input.applicationId]) as Promise<Array<{ status: string; decided_at: Date }>>,
      (r) => r[0]?.status === 'lapsed',
      'the read model shows the lapse',
    );
    expect(rows[0].decided_at.toISOString()).toBe('2027-07-19T05:00:00.000Z');
  });
});
