// Story: a house building approval (PBG, two floors: the kecamatan of Tebet reviews it) is under review
// when an admin closes the kecamatan office for a day (a flood). The engine is told (the calendarChanged
// signal the API sends): the review, due after that day, moves by one business day, and so does its
// pending reminder; the application's legal deadline and other offices' closures move nothing. When the
// closure is withdrawn, the review moves back (docs/calendar.md).
//
// A business day is 450 working minutes: Mon-Thu 07:30-12:00 and 13:00-16:00, Fri 07:30-11:30 and
// 13:00-16:30 (WIB, UTC+7). Times below are WIB in the prose and UTC in the assertions.
import { randomUUID } from 'node:crypto';
import { BusinessCalendar, type CalendarSource } from '../../libs/calendar';
import { pbgV1 } from '../../libs/permits/pbg.v1';
import { calendarChangedSignal, type CalendarChangedArgs } from '../../workflows/messages';
import { sleepUntil, startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';
import { escalationRows, fileAndPlan, planned } from './stories';

const KECAMATAN = 'kec-31.74.01';

describe('a closure moves the running steps it touches', () => {
  let h: TimeSkippingHarness;
  // The admin-run calendar as the worker reads it: swapped by the story as an admin would change it.
  let current = new BusinessCalendar();
  const calendars: CalendarSource = { current: async () => current, revision: async () => current.revision ?? 0 };

  beforeAll(async () => {
    h = await startTimeSkipping(`calendar-change-${randomUUID()}`, { calendars });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('extends the review held by the flooded kecamatan, leaves the legal deadline, and moves back when the closure is withdrawn', async () => {
    // Filed on Sunday 4 April 2027 at 20:00: the review's 7 business days run Mon 5 - Fri 9, Mon 12,
    // Tue 13 April, due 16:00; its reminder at 75 % (2363 min) on Mon 12 April 09:23. The application's
    // 28 business days end Thu 13 May 16:00.
    const { input, handle, filed } = await fileAndPlan(h, pbgV1, 'the technical review planned', { at: '2027-04-04T13:00:00Z' });
    const review = filed.openTasks[0];
    expect(review).toMatchObject({ officeId: KECAMATAN, dueAt: '2027-04-13T09:00:00.000Z' });
    expect(filed.dueAt).toBe('2027-05-13T09:00:00.000Z');
    const signal = (change: CalendarChangedArgs) => handle.signal(calendarChangedSignal, change);

    // On Wednesday 7 April at 10:00 a closure of a kelurahan office on Friday 9 April: not the review's office.
    await sleepUntil(h, '2027-04-07T03:00:00Z');
    current = new BusinessCalendar({ revision: 1, officeClosedDays: [{ officeId: 'kel-31.74.01.1001', date: '2027-04-09', name: 'Banjir' }] });
    await signal({ revision: 1, officeId: 'kel-31.74.01.1001', from: '2027-04-09' });

    // Then the kecamatan office itself is closed on Friday 9 April (signals are handled in order): the
    // review is due one business day later, not two, Wed 14 April 16:00, and its reminder moves to Tue
    // 13 April 09:23.
    current = new BusinessCalendar({
      revision: 2,
      officeClosedDays: [
        { officeId: 'kel-31.74.01.1001', date: '2027-04-09', name: 'Banjir' },
        { officeId: KECAMATAN, date: '2027-04-09', name: 'Banjir' },
      ],
    });
    await signal({ revision: 2, officeId: KECAMATAN, from: '2027-04-09' });
    const moved = await planned(handle, 'the review moved past the closed day', (v) => v.openTasks[0]?.dueAt !== review.dueAt);
    expect(moved.openTasks[0]).toMatchObject({ id: review.id, dueAt: '2027-04-14T09:00:00.000Z' });
    // The application's own clock belongs to no office.
    expect(moved.dueAt).toBe('2027-05-13T09:00:00.000Z');
    await sleepUntil(h, '2027-04-12T05:00:00Z');
    expect(await escalationRows(h, input.applicationId)).toEqual([]);
    await sleepUntil(h, '2027-04-13T05:00:00Z');
    expect(await escalationRows(h, input.applicationId)).toEqual([['kecamatan_technical_review.1', 'reminder', '2027-04-13T02:23:00.000Z']]);

    // The water receded long ago; on Tuesday 13 April at noon the closure is withdrawn: the review is due
    // Tue 13 April 16:00 again (the reminder that fired stays fired).
    current = new BusinessCalendar({ revision: 3 });
    await signal({ revision: 3, officeId: KECAMATAN, from: '2027-04-09' });
    const back = await planned(handle, 'the review moved back', (v) => v.openTasks[0]?.dueAt === '2027-04-13T09:00:00.000Z');
    expect(back.openTasks[0]).toMatchObject({ id: review.id, escalations: ['reminder'] });
  });
});
