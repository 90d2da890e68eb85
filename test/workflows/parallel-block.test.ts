// Stories of a parallel block (several agencies review at once): one rejection ends the application and
// cancels the other reviews, and so does a withdrawal; in both cases their timers go with them, so no
// escalation is ever sent for a review that no longer exists.
//
// A business day is 450 working minutes: Mon-Thu 07:30-12:00 and 13:00-16:00, Fri 07:30-11:30 and
// 13:00-16:30 (WIB, UTC+7). Times below are WIB in the prose and UTC in the assertions.
import { pbgV1 } from '../../libs/permits/pbg.v1';
import { reklameV1 } from '../../libs/permits/reklame.v1';
import { withdrawUpdate } from '../../workflows/messages';
import { sleepUntil, TimeSkippingHarness, timeSkippingSuite } from '../support/time-skipping';
import { applicantActor, decide, escalationRows, fileAndPlan, historyCounts, outcome } from './stories';

describe('a parallel block of reviews', () => {
  let h: TimeSkippingHarness;
  timeSkippingSuite('parallel', (started) => (h = started));

  it('rejects a high-rise when the fire service refuses, and cancels the other two reviews with their timers', async () => {
    // Given a 24-floor mixed-use tower (PBG, 9 floors or more: the province) filed on Sunday 4 April 2027
    // at 20:00. Three reviews open at once on Monday 5 April 07:30:
    //   DCKTRP technical consultation, 14 days (6300 min): Thu 22 April 16:00
    //   DPKP fire safety and DLH environment, 10 days (4500 min): Fri 16 April 16:30
    const { input, handle, filed } = await fileAndPlan(h, pbgV1, 'three reviews planned', { at: '2027-04-04T13:00:00Z', example: 1, accept: (v) => v.openTasks.length === 3 });
    const byStep = Object.fromEntries(filed.openTasks.map((t) => [t.stepId, t]));
    expect(Object.keys(byStep).sort()).toEqual(['environment_review', 'fire_safety_review', 'province_technical_consultation']);
    expect(byStep.province_technical_consultation.dueAt).toBe('2027-04-22T09:00:00.000Z');
    expect(byStep.fire_safety_review.dueAt).toBe('2027-04-16T09:30:00.000Z');
    expect(byStep.environment_review.dueAt).toBe('2027-04-16T09:30:00.000Z');

    // The 10-day reviews get their reminder at 75 % = 3375 min = 7 days + 225 min: Wed 14 April 11:15.
    // The 14-day consultation's would come at 4725 min = 10 days + 225 min: Mon 19 April 11:15.
    // When the fire service refuses on Thursday 15 April at 17:00, after hours:
    await sleepUntil(h, '2027-04-15T10:00:00Z');
    expect(await escalationRows(h, input.applicationId)).toEqual([
      ['environment_review.1', 'reminder', '2027-04-14T04:15:00.000Z'],
      ['fire_safety_review.1', 'reminder', '2027-04-14T04:15:00.000Z'],
    ]);
    const answer = await decide(handle, byStep.fire_safety_review, 'reject', 'Akses mobil pemadam tidak memenuhi syarat');

    // Then the application is rejected at once, the two sibling reviews are cancelled, the head of DCKTRP
    // never gets a task, and the workflow closes with no timer left behind.
    expect(answer.status).toBe('rejected');
    expect(answer.openTasks).toEqual([]);
    expect(answer.tasks.map((t) => [t.stepId, t.status]).sort()).toEqual([
      ['environment_review', 'cancelled'],
      ['fire_safety_review', 'rejected'],
      ['province_technical_consultation', 'cancelled'],
    ]);
    const done = await outcome(h, handle);
    expect(done.timeline.slice(-1)[0]).toMatchObject({ type: 'rejected', statusAfter: 'rejected' });
    expect((await historyCounts(handle)).openTimers).toBe(0);

    // Had they lived, the cancelled reviews would have climbed to the governor by Tue 27 April (DCKTRP,
    // 17 days) and Wed 21 April (DLH, 13 days). Two weeks on, still only the two reminders exist.
    await sleepUntil(h, '2027-04-30T10:00:00Z');
    expect(await escalationRows(h, input.applicationId)).toHaveLength(2);
  });

  it('cancels both reviews of a billboard permit when the applicant withdraws, and escalates nothing more', async () => {
    // Given a billboard permit (REKLAME) filed on Sunday 2 May 2027 at 20:00: DCKTRP reviews the
    // placement and BAPENDA assesses the tax at once from Monday 3 May 07:30, 5 days (2250 min) each:
    // Mon 3, Tue 4, Wed 5, (Thu 6 May is Ascension Day), Fri 7, Mon 10 May 16:00.
    const { input, handle, filed } = await fileAndPlan(h, reklameV1, 'two reviews planned', { at: '2027-05-02T13:00:00Z', accept: (v) => v.openTasks.length === 2 });
    expect(filed.openTasks.map((t) => [t.stepId, t.dueAt]).sort()).toEqual([
      ['placement_review', '2027-05-10T09:00:00.000Z'],
      ['tax_assessment', '2027-05-10T09:00:00.000Z'],
    ]);

    // Both reminders (75 % = 1688 min) go out on Friday 7 May: Mon-Wed 1350, then the Friday morning
    // window closes at 11:30 after 240 more, and 98 minutes after 13:00 is 14:38.
    // When the applicant withdraws that evening at 18:00:
    await sleepUntil(h, '2027-05-07T11:00:00Z');
    expect(await escalationRows(h, input.applicationId)).toEqual([
      ['placement_review.1', 'reminder', '2027-05-07T07:38:00.000Z'],
      ['tax_assessment.1', 'reminder', '2027-05-07T07:38:00.000Z'],
    ]);
    const answer = await handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'Lokasi batal disewa', actor: applicantActor }] });

    // Then both open reviews are cancelled and the application is withdrawn, with no timer left.
    expect(answer.status).toBe('withdrawn');
    expect(answer.openTasks).toEqual([]);
    expect(answer.tasks.map((t) => [t.stepId, t.status]).sort()).toEqual([
      ['placement_review', 'cancelled'],
      ['tax_assessment', 'cancelled'],
    ]);
    const done = await outcome(h, handle);
    expect(done.timeline.map((e) => e.type).slice(-3)).toEqual(['withdrawn', 'task.cancelled', 'task.cancelled']);
    expect((await historyCounts(handle)).openTimers).toBe(0);

    // The section heads would have been told on Monday 10 May at 16:00: a month later, nothing more.
    await sleepUntil(h, '2027-06-07T10:00:00Z');
    expect(await escalationRows(h, input.applicationId)).toHaveLength(2);
  });
});
