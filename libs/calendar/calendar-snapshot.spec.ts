import { BusinessCalendar, MINUTES_PER_BUSINESS_DAY, measureBusinessMinutes, OutsideCalendarSnapshot, planDeadlines } from './index';
import { wib } from './spec-support';

// All times in these specs are Jakarta wall-clock times (WIB, UTC+7), written 'YYYY-MM-DD HH:mm[:ss]'.

describe('a calendar snapshot (what a workflow records and computes with)', () => {
  const full = new BusinessCalendar({ extraClosedDays: [{ date: '2026-12-30', name: 'Banjir' }] });
  // Christmas, cuti bersama 24 and 26 Dec 2025 style days, New Year, Isra Mikraj 2027 and Ramadan 2026 inside.
  const snapshot = full.snapshot('2025-12-01', '2027-03-31');

  it('holds the closed working days and the Ramadan ranges of its span, nothing outside it', () => {
    expect(snapshot.from).toBe('2025-12-01');
    expect(snapshot.to).toBe('2027-03-31');
    expect(snapshot.closed).toContain('2025-12-25');
    expect(snapshot.closed).toContain('2026-12-30');
    expect(snapshot.closed.every((d) => d >= '2025-12-01' && d <= '2027-03-31')).toBe(true);
    // Weekends are implied, never listed.
    expect(snapshot.closed.map((d) => new Date(`${d}T00:00:00Z`).getUTCDay()).filter((w) => w === 0 || w === 6)).toEqual([]);
    expect(snapshot.ramadan.length).toBeGreaterThan(0);
  });

  it('answers every question inside its span exactly as the full calendar does', () => {
    const copy = BusinessCalendar.fromSnapshot(JSON.parse(JSON.stringify(snapshot)));
    const starts = ['2025-12-22 10:15', '2025-12-31 15:00', '2026-02-20 07:00', '2026-03-16 11:45', '2026-12-29 16:10', '2027-01-04 08:00'].map(wib);
    for (const from of starts) {
      for (const minutes of [1, 90, 450, 2250, 6750]) {
        const args = { from: from.toISOString(), items: [{ key: 'due', minutes }] };
        expect(planDeadlines(copy, args)).toEqual(planDeadlines(full, args));
        const due = planDeadlines(full, args).due;
        const measure = { to: due, items: [{ key: 'used', from: from.toISOString() }] };
        expect(measureBusinessMinutes(copy, measure)).toEqual(measureBusinessMinutes(full, measure));
      }
    }
  });

  it('around an instant: the span counted in Jakarta days, stamped with the Jakarta day it was taken', () => {
    // 23:30 WIB on 31 Dec 2026 is still 31 Dec in Jakarta (16:30 UTC); 00:30 WIB on 1 Jan is the next day.
    expect(full.snapshotAround(new Date('2026-12-31T16:30:00Z'), { daysBefore: 30, daysAfter: 10 })).toEqual({
      ...full.snapshot('2026-12-01', '2027-01-10'),
      takenOn: '2026-12-31',
    });
    expect(full.snapshotAround(new Date('2026-12-31T17:30:00Z'), { daysBefore: 0, daysAfter: 0 })).toMatchObject({ from: '2027-01-01', to: '2027-01-01', takenOn: '2027-01-01' });
    const around = full.snapshotAround(new Date('2026-06-15T03:00:00Z'));
    expect([around.from, around.to, around.takenOn]).toEqual(['2025-05-11', '2027-07-20', '2026-06-15']);
  });

  it('refuses, by name, a question that needs a day outside its span', () => {
    const copy = BusinessCalendar.fromSnapshot(snapshot);
    expect(() => copy.addBusinessMinutes(wib('2027-03-30 08:00'), 3 * MINUTES_PER_BUSINESS_DAY)).toThrow(OutsideCalendarSnapshot);
    expect(() => copy.businessMinutesBetween(wib('2025-11-28 08:00'), wib('2025-12-02 08:00'))).toThrow(OutsideCalendarSnapshot);
  });
});

describe('closures of one office (a flood at a kelurahan office)', () => {
  const office = 'kel-31.75.01.1002';
  const calendar = new BusinessCalendar({ officeClosedDays: [{ officeId: office, date: '2026-12-01', name: 'Banjir' }], revision: 7 });
  const monday = wib('2026-11-30 10:00');

  it("close the office's calendar only: the province and other offices keep the day", () => {
    expect(calendar.forOffice(office).closedDay('2026-12-01')).toEqual({ name: 'Banjir', kind: 'extra' });
    expect(calendar.closedDay('2026-12-01')).toBeUndefined();
    expect(calendar.forOffice('kel-31.71.01.1001')).toBe(calendar);
    expect(calendar.forOffice(office).addBusinessMinutes(monday, MINUTES_PER_BUSINESS_DAY)).toEqual(wib('2026-12-02 10:00'));
    expect(calendar.addBusinessMinutes(monday, MINUTES_PER_BUSINESS_DAY)).toEqual(wib('2026-12-01 10:00'));
  });

  it('travel in the snapshot by office, with the revision, and a planning question that names the office gets them', () => {
    const snapshot = calendar.snapshotAround(monday, { daysBefore: 5, daysAfter: 30 });
    expect(snapshot.offices).toEqual({ [office]: ['2026-12-01'] });
    expect(snapshot.revision).toBe(7);
    expect(new BusinessCalendar().snapshotAround(monday)).not.toHaveProperty('offices');
    const copy = BusinessCalendar.fromSnapshot(JSON.parse(JSON.stringify(snapshot)));
    const question = { from: monday.toISOString(), items: [{ key: 'due', minutes: MINUTES_PER_BUSINESS_DAY }] };
    expect(planDeadlines(copy, { ...question, officeId: office })).toEqual({ due: wib('2026-12-02 10:00').toISOString() });
    expect(planDeadlines(copy, question)).toEqual({ due: wib('2026-12-01 10:00').toISOString() });
    const used = { to: wib('2026-12-02 10:00').toISOString(), items: [{ key: 'step', from: monday.toISOString(), officeId: office }, { key: 'app', from: monday.toISOString() }] };
    expect(measureBusinessMinutes(copy, used)).toEqual({ step: MINUTES_PER_BUSINESS_DAY, app: 2 * MINUTES_PER_BUSINESS_DAY });
  });

  it("replace a year's built-in holidays with a loaded decree", () => {
    const loaded = new BusinessCalendar({ years: { 2027: [{ date: '2027-03-09', name: 'Idul Fitri 1448 H', kind: 'national' }] } });
    expect(loaded.closedDay('2027-03-09')).toMatchObject({ kind: 'national' });
    expect(loaded.closedDay('2027-03-10')).toBeUndefined();
    expect(new BusinessCalendar().closedDay('2027-03-10')).toMatchObject({ kind: 'national' });
  });
});
