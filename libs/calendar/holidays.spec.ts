import Holidays from 'date-holidays';
import { BusinessCalendar, DATE_HOLIDAYS_REVIEW, HOLIDAY_SOURCES, HOLIDAYS } from './index';
import { show, showIntervals, wib } from './spec-support';

// All times in these specs are Jakarta wall-clock times (WIB, UTC+7), written 'YYYY-MM-DD HH:mm[:ss]'.

describe(BusinessCalendar.name, () => {
  const sut = new BusinessCalendar();

  describe('national holidays and cuti bersama', () => {
    it('knows Christmas 2025 (national) and the cuti bersama the day after', () => {
      expect(sut.closedDay('2025-12-25')).toEqual({ name: 'Kelahiran Yesus Kristus', kind: 'national' });
      expect(sut.closedDay('2025-12-26')).toEqual({
        name: 'Cuti bersama Kelahiran Yesus Kristus',
        kind: 'cuti_bersama',
      });
      expect(sut.workingIntervals('2025-12-25')).toEqual([]);
    });

    it('a task assigned Wednesday 24 Dec 2025 15:00 with 2 hours is due Monday 29 Dec 08:30', () => {
      // Wed 15:00-16:00 gives 1 h; Thu 25 Natal and Fri 26 cuti bersama are closed, then the weekend.
      const due = sut.addBusinessMinutes(wib('2025-12-24 15:00'), 120);
      expect(show(due)).toBe('Mon 2025-12-29 08:30');
      expect(sut.nextOpening(wib('2025-12-24 16:00'))).toEqual(wib('2025-12-29 07:30'));
    });

    it('knows the cuti bersama added for the 80th Independence Day (Monday 18 August 2025)', () => {
      expect(sut.closedDay('2025-08-18')?.kind).toBe('cuti_bersama');
      // Fri 16:00-16:30 gives 30 min; Sat 16, Sun 17 (Proklamasi), Mon 18 closed.
      expect(show(sut.addBusinessMinutes(wib('2025-08-15 16:00'), 60))).toBe('Tue 2025-08-19 08:00');
    });

    it('reports a holiday that falls on a weekend as the holiday', () => {
      expect(sut.closedDay('2025-08-17')).toEqual({ name: 'Proklamasi Kemerdekaan', kind: 'national' });
    });

    it('uses the SKB date, not the library date, for Tahun Baru Islam 1447 H', () => {
      expect(sut.closedDay('2025-06-26')).toBeUndefined();
      expect(sut.closedDay('2025-06-27')?.kind).toBe('national');
    });

    it('lists both names when two holidays share a date', () => {
      expect(sut.closedDay('2027-12-25')?.name).toBe(
        'Kelahiran Yesus Kristus / Isra Mikraj Nabi Muhammad SAW 1449 Hijriah (perkiraan)',
      );
    });
  });

  describe('Ramadan hours', () => {
    it('opens Monday to Thursday 08:00-15:00 with a break 12:00-12:30 (6.5 h)', () => {
      const tuesday = sut.workingIntervals('2025-03-04');
      expect(showIntervals(tuesday)).toEqual(['08:00-12:00', '12:30-15:00']);
      expect(sut.businessMinutesBetween(wib('2025-03-04 00:00'), wib('2025-03-05 00:00'))).toBe(390);
    });

    it('opens Friday 08:00-15:30 with a break 11:30-12:30 (6.5 h)', () => {
      expect(showIntervals(sut.workingIntervals('2025-03-07'))).toEqual(['08:00-11:30', '12:30-15:30']);
    });

    it('has 32.5 working hours in a Ramadan week', () => {
      expect(sut.businessMinutesBetween(wib('2025-03-10 00:00'), wib('2025-03-17 00:00'))).toBe(32.5 * 60);
    });

    it('is closed at 07:45 and 12:15 but open at 15:15 on a Ramadan Friday', () => {
      expect(sut.isWorkingTime(wib('2025-03-14 07:45'))).toBe(false);
      expect(sut.isWorkingTime(wib('2025-03-14 12:15'))).toBe(false);
      expect(sut.isWorkingTime(wib('2025-03-14 15:15'))).toBe(true);
    });

    it('a task assigned on a Ramadan Friday at 15:00 with 1 hour is due Monday 08:30', () => {
      // Fri 15:00-15:30 gives 30 min; Monday opens at 08:00 during Ramadan.
      expect(show(sut.addBusinessMinutes(wib('2025-03-14 15:00'), 60))).toBe('Mon 2025-03-17 08:30');
    });

    it('across Lebaran 2025: Ramadan hours, then Nyepi, Idul Fitri and cuti bersama, then normal hours', () => {
      // Thu 27 Mar (Ramadan) 14:00-15:00 gives 1 h. Closed: Fri 28 (cuti bersama Nyepi), Sat 29 (Nyepi),
      // Sun 30, Mon 31 and Tue 1 Apr (Idul Fitri), Wed 2 - Fri 4 (cuti bersama), the weekend, Mon 7 (cuti bersama).
      // Tue 8 Apr is after Ramadan: opens 07:30.
      expect(show(sut.addBusinessMinutes(wib('2025-03-27 14:00'), 120))).toBe('Tue 2025-04-08 08:30');
      expect(sut.businessMinutesBetween(wib('2025-03-27 00:00'), wib('2025-04-08 23:00'))).toBe(390 + 450);
      expect(sut.closedDay('2025-04-07')?.kind).toBe('cuti_bersama');
      expect(sut.closedDay('2025-03-31')?.kind).toBe('national');
    });

    it('ships the expected Ramadan ranges for 1447 H and 1448 H', () => {
      expect(showIntervals(sut.workingIntervals('2026-02-18'))).toEqual(['08:00-12:00', '12:30-15:00']);
      expect(showIntervals(sut.workingIntervals('2027-03-09'))).toEqual(['08:00-12:00', '12:30-15:00']);
      expect(showIntervals(sut.workingIntervals('2027-02-05'))).toEqual(['07:30-11:30', '13:00-16:30']);
    });
  });

  describe('the holiday table, reviewed against date-holidays', () => {
    const library = new Holidays('ID');
    const reviewed = new Map(DATE_HOLIDAYS_REVIEW.map((entry) => [entry.date, entry]));
    const libraryPublicDates = (year: number) =>
      library
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10));

    it.each([2025, 2026, 2027])('every public holiday date-holidays knows in %i is in the table or explicitly reviewed out', (year) => {
      const table = new Set(HOLIDAYS[year].map((h) => h.date));
      const unexplained = libraryPublicDates(year).filter((date) => !table.has(date) && !reviewed.has(date));
      expect(unexplained).toEqual([]);
    });

    it('every reviewed-out date is still reported by the library and absent from the table', () => {
      const all = [2025, 2026, 2027].flatMap(libraryPublicDates);
      for (const entry of DATE_HOLIDAYS_REVIEW) {
        expect(all).toContain(entry.date);
        expect(HOLIDAYS[Number(entry.date.slice(0, 4))].map((h) => h.date)).not.toContain(entry.date);
        expect(entry.reason.length).toBeGreaterThan(20);
      }
    });

    it('matches the decreed counts: 17 national days each year, cuti bersama 10 + 1 in 2025 and 8 in 2026', () => {
      const count = (year: number, kind: string) => HOLIDAYS[year].filter((h) => h.kind === kind).length;
      expect([count(2025, 'national'), count(2025, 'cuti_bersama')]).toEqual([17, 11]);
      expect([count(2026, 'national'), count(2026, 'cuti_bersama')]).toEqual([17, 8]);
      expect(HOLIDAY_SOURCES[2027].status).toBe('provisional');
      expect(count(2027, 'cuti_bersama')).toBe(0);
    });

    it.each([2025, 2026, 2027])('the %i table is sorted, in its year, and closes every listed day', (year) => {
      const dates = HOLIDAYS[year].map((h) => h.date);
      expect([...dates].sort()).toEqual(dates);
      for (const h of HOLIDAYS[year]) {
        expect(h.date.startsWith(`${year}-`)).toBe(true);
        expect(sut.closedDay(h.date)?.kind).toBe(h.kind);
        expect(sut.workingIntervals(h.date)).toEqual([]);
      }
    });
  });
});
