import Holidays from 'date-holidays';
import {
  BusinessCalendar,
  DATE_HOLIDAYS_REVIEW,
  HOLIDAYS,
  HOLIDAY_SOURCES,
  MINUTES_PER_BUSINESS_DAY,
} from './index';
import { MINUTE, seededRandom, show, showIntervals, wib } from './spec-helpers';

describe(BusinessCalendar.name, () => {
  const sut = new BusinessCalendar();

  describe('the civil-service week', () => {
    it('opens Monday to Thursday 07:30-16:00 with a break 12:00-13:00', () => {
      expect(showIntervals(sut.workingIntervals('2025-10-14'))).toEqual(['07:30-12:00', '13:00-16:00']);
    });

    it('opens Friday 07:30-16:30 with a 90-minute break 11:30-13:00 for Friday prayer', () => {
      expect(showIntervals(sut.workingIntervals('2025-10-10'))).toEqual(['07:30-11:30', '13:00-16:30']);
    });

    it('returns the intervals as UTC milliseconds (07:30 WIB is 00:30 UTC)', () => {
      expect(sut.workingIntervals('2025-10-14')[0]).toEqual([
        Date.parse('2025-10-14T00:30:00Z'),
        Date.parse('2025-10-14T05:00:00Z'),
      ]);
    });

    it('is closed on Saturday and Sunday', () => {
      expect(sut.closedDay('2025-10-11')).toEqual({ name: 'Sabtu', kind: 'weekend' });
      expect(sut.closedDay('2025-10-12')).toEqual({ name: 'Minggu', kind: 'weekend' });
      expect(sut.workingIntervals('2025-10-11')).toEqual([]);
      expect(sut.closedDay('2025-10-13')).toBeUndefined();
    });

    it('has 7.5 working hours every day and 37.5 hours a week', () => {
      for (const day of ['2025-10-13', '2025-10-14', '2025-10-15', '2025-10-16', '2025-10-17']) {
        expect(sut.businessMinutesBetween(wib(`${day} 00:00`), wib(`${day} 23:59:59`))).toBe(MINUTES_PER_BUSINESS_DAY);
      }
      expect(sut.businessMinutesBetween(wib('2025-10-13 00:00'), wib('2025-10-20 00:00'))).toBe(37.5 * 60);
    });

    it.each([
      ['2025-10-14 07:29:59', false, 'before opening'],
      ['2025-10-14 07:30', true, 'at opening'],
      ['2025-10-14 11:59:59', true, 'just before the break'],
      ['2025-10-14 12:00', false, 'at the start of the break'],
      ['2025-10-14 12:59:59', false, 'at the end of the break'],
      ['2025-10-14 13:00', true, 'back from the break'],
      ['2025-10-14 15:59:59', true, 'just before closing'],
      ['2025-10-14 16:00', false, 'at closing'],
      ['2025-10-10 11:30', false, 'Friday prayer break'],
      ['2025-10-10 16:15', true, 'Friday, open until 16:30'],
      ['2025-10-11 10:00', false, 'Saturday'],
    ])('isWorkingTime at %s is %s (%s)', (time, expected) => {
      expect(sut.isWorkingTime(wib(time))).toBe(expected);
    });
  });

  describe('deadlines counted in working time', () => {
    it('a task assigned Friday 15:00 with 3 working hours is due Monday 09:00', () => {
      // Friday 15:00-16:30 gives 1.5 h (Friday closes at 16:30), Monday 07:30-09:00 gives the other 1.5 h.
      const due = sut.addBusinessMinutes(wib('2025-10-10 15:00'), 3 * 60);
      expect(show(due)).toBe('Mon 2025-10-13 09:00');
      expect(sut.businessMinutesBetween(wib('2025-10-10 15:00'), due)).toBe(180);
    });

    it('skips the lunch break', () => {
      expect(show(sut.addBusinessMinutes(wib('2025-10-14 11:30'), 60))).toBe('Tue 2025-10-14 13:30');
    });

    it('a deadline that ends exactly at closing time stays at closing time', () => {
      expect(show(sut.addBusinessMinutes(wib('2025-10-14 15:00'), 60))).toBe('Tue 2025-10-14 16:00');
      expect(show(sut.addBusinessMinutes(wib('2025-10-14 11:00'), 60))).toBe('Tue 2025-10-14 12:00');
    });

    it('one business day from opening ends at closing; from mid-morning it ends at the same time next day', () => {
      expect(show(sut.addBusinessMinutes(wib('2025-10-14 07:30'), MINUTES_PER_BUSINESS_DAY))).toBe('Tue 2025-10-14 16:00');
      expect(show(sut.addBusinessMinutes(wib('2025-10-14 10:00'), MINUTES_PER_BUSINESS_DAY))).toBe('Wed 2025-10-15 10:00');
    });

    it('counts fractional minutes', () => {
      expect(sut.businessMinutesBetween(wib('2025-10-14 10:00'), wib('2025-10-14 10:00:30'))).toBe(0.5);
      expect(show(sut.addBusinessMinutes(wib('2025-10-14 10:00'), 0.5))).toBe('Tue 2025-10-14 10:00:30');
    });

    it('businessMinutesBetween is 0 when `to` is not after `from`', () => {
      expect(sut.businessMinutesBetween(wib('2025-10-14 10:00'), wib('2025-10-14 10:00'))).toBe(0);
      expect(sut.businessMinutesBetween(wib('2025-10-14 11:00'), wib('2025-10-14 10:00'))).toBe(0);
    });
  });

  describe('a start outside working hours', () => {
    it('an application filed on Saturday starts counting at the Monday opening', () => {
      expect(show(sut.addBusinessMinutes(wib('2025-10-11 10:00'), 60))).toBe('Mon 2025-10-13 08:30');
    });

    it('before opening, during the break and after closing, counting starts at the next opening', () => {
      expect(show(sut.addBusinessMinutes(wib('2025-10-14 06:00'), 30))).toBe('Tue 2025-10-14 08:00');
      expect(show(sut.addBusinessMinutes(wib('2025-10-14 12:15'), 30))).toBe('Tue 2025-10-14 13:30');
      expect(show(sut.addBusinessMinutes(wib('2025-10-10 12:00'), 30))).toBe('Fri 2025-10-10 13:30');
      expect(show(sut.addBusinessMinutes(wib('2025-10-15 17:00'), 60))).toBe('Thu 2025-10-16 08:30');
    });

    it('zero minutes returns `from` unchanged, even outside working time', () => {
      const saturday = wib('2025-10-11 10:00');
      expect(sut.addBusinessMinutes(saturday, 0).getTime()).toBe(saturday.getTime());
    });

    it('nextOpening is `at` itself during working time, otherwise the next opening', () => {
      expect(show(sut.nextOpening(wib('2025-10-14 10:00')))).toBe('Tue 2025-10-14 10:00');
      expect(show(sut.nextOpening(wib('2025-10-14 06:00')))).toBe('Tue 2025-10-14 07:30');
      expect(show(sut.nextOpening(wib('2025-10-14 12:15')))).toBe('Tue 2025-10-14 13:00');
      expect(show(sut.nextOpening(wib('2025-10-14 16:00')))).toBe('Wed 2025-10-15 07:30');
      expect(show(sut.nextOpening(wib('2025-10-11 10:00')))).toBe('Mon 2025-10-13 07:30');
    });

    it('no working time passes while the office is closed', () => {
      expect(sut.businessMinutesBetween(wib('2025-10-10 16:30'), wib('2025-10-13 07:30'))).toBe(0);
      expect(sut.businessMinutesBetween(wib('2025-10-14 12:00'), wib('2025-10-14 13:00'))).toBe(0);
    });
  });

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

  describe('configuration', () => {
    it('extra closed days close the office and push deadlines', () => {
      const withElection = new BusinessCalendar({
        extraClosedDays: [{ date: '2025-10-15', name: 'Libur pemungutan suara (contoh)' }],
      });
      expect(withElection.closedDay('2025-10-15')).toEqual({ name: 'Libur pemungutan suara (contoh)', kind: 'extra' });
      expect(withElection.workingIntervals('2025-10-15')).toEqual([]);
      expect(show(withElection.addBusinessMinutes(wib('2025-10-14 15:00'), 120))).toBe('Thu 2025-10-16 08:30');
      // Default holidays still apply, and other calendars are not affected.
      expect(withElection.closedDay('2025-12-25')?.kind).toBe('national');
      expect(show(sut.addBusinessMinutes(wib('2025-10-14 15:00'), 120))).toBe('Wed 2025-10-15 08:30');
    });

    it('extra Ramadan ranges are merged with the shipped ones', () => {
      const with1449 = new BusinessCalendar({ ramadan: [{ from: '2028-01-27', to: '2028-02-25' }] });
      expect(showIntervals(with1449.workingIntervals('2028-02-01'))).toEqual(['08:00-12:00', '12:30-15:00']);
      expect(showIntervals(with1449.workingIntervals('2025-03-04'))).toEqual(['08:00-12:00', '12:30-15:00']);
      expect(showIntervals(sut.workingIntervals('2028-02-01'))).toEqual(['07:30-12:00', '13:00-16:00']);
    });

    it('rejects malformed configuration', () => {
      expect(() => new BusinessCalendar({ extraClosedDays: [{ date: '2025-02-30', name: 'x' }] })).toThrow(RangeError);
      expect(() => new BusinessCalendar({ extraClosedDays: [{ date: '2025-10-15', name: '' }] })).toThrow(RangeError);
      expect(() => new BusinessCalendar({ ramadan: [{ from: '2028-02-25', to: '2028-01-27' }] })).toThrow(RangeError);
    });
  });

  describe('years without a holiday table', () => {
    it('closes only on weekends (date-holidays is not consulted at run time)', () => {
      expect(sut.closedDay('2030-12-25')).toBeUndefined();
      expect(sut.closedDay('2024-12-26')).toBeUndefined();
      expect(showIntervals(sut.workingIntervals('2030-12-25'))).toEqual(['07:30-12:00', '13:00-16:00']);
      expect(sut.closedDay('2030-12-28')?.kind).toBe('weekend');
    });

    it('works far from today in both directions', () => {
      // Friday 31 Dec 1999 15:00-16:30 gives 1.5 h, Monday 07:30-08:00 the remaining 30 min.
      expect(show(sut.addBusinessMinutes(wib('1999-12-31 15:00'), 120))).toBe('Mon 2000-01-03 08:00');
      expect(show(sut.addBusinessMinutes(wib('2099-10-02 16:00'), 60))).toBe('Mon 2099-10-05 08:00');
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

  describe('properties on random samples', () => {
    const from2025 = wib('2024-12-01 00:00').getTime();
    const to2028 = wib('2028-01-31 00:00').getTime();

    it('businessMinutesBetween(from, addBusinessMinutes(from, m)) is m', () => {
      const random = seededRandom(20250101);
      for (let i = 0; i < 500; i++) {
        const from = new Date(Math.floor(from2025 + random() * (to2028 - from2025)));
        const minutes = 1 + Math.floor(random() * 27_000);
        const due = sut.addBusinessMinutes(from, minutes);
        expect(sut.businessMinutesBetween(from, due)).toBe(minutes);
        // A deadline always falls in working time or exactly at a closing time.
        expect(sut.isWorkingTime(new Date(due.getTime() - 1))).toBe(true);
      }
    });

    it('addBusinessMinutes(from, businessMinutesBetween(from, to)) is `to`, or the last closing before it', () => {
      const random = seededRandom(7);
      for (let i = 0; i < 500; i++) {
        const a = Math.floor(from2025 + random() * (to2028 - from2025));
        const b = a + Math.floor(random() * 90 * 24 * 60 * MINUTE);
        const [from, to] = [new Date(a), new Date(b)];
        const back = sut.addBusinessMinutes(from, sut.businessMinutesBetween(from, to));
        expect(back.getTime()).toBeLessThanOrEqual(b);
        expect(sut.businessMinutesBetween(back, to)).toBe(0);
        if (sut.isWorkingTime(new Date(b - 1))) expect(back.getTime()).toBe(b);
      }
    });

    it('businessMinutesBetween adds up over consecutive spans', () => {
      const random = seededRandom(1447);
      for (let i = 0; i < 200; i++) {
        const [a, b, c] = [0, 1, 2]
          .map(() => Math.floor(from2025 + random() * (to2028 - from2025)))
          .sort((x, y) => x - y)
          .map((ms) => new Date(ms));
        const whole = sut.businessMinutesBetween(a, c);
        expect(sut.businessMinutesBetween(a, b) + sut.businessMinutesBetween(b, c)).toBeCloseTo(whole, 6);
      }
    });

    it('agrees with a minute-by-minute walk for short deadlines', () => {
      const random = seededRandom(99);
      for (let i = 0; i < 60; i++) {
        const from = from2025 + Math.floor(random() * ((to2028 - from2025) / MINUTE)) * MINUTE;
        const minutes = 1 + Math.floor(random() * 480);
        let t = from;
        for (let counted = 0; counted < minutes; t += MINUTE) if (sut.isWorkingTime(new Date(t))) counted++;
        expect(show(sut.addBusinessMinutes(new Date(from), minutes))).toBe(show(t));
      }
    });
  });

  describe('performance', () => {
    it('a 60-business-day permit lodged Monday 13 Oct 2025 07:30 is due Wednesday 7 Jan 2026 16:00', () => {
      // 60 working days, skipping Natal (25 Dec), cuti bersama (26 Dec) and New Year (1 Jan 2026).
      const due = sut.addBusinessMinutes(wib('2025-10-13 07:30'), 60 * MINUTES_PER_BUSINESS_DAY);
      expect(show(due)).toBe('Wed 2026-01-07 16:00');
      expect(sut.businessMinutesBetween(wib('2025-10-13 07:30'), due)).toBe(27_000);
    });

    it('computes a thousand 60-business-day deadlines quickly (day by day, not minute by minute)', () => {
      const random = seededRandom(60);
      const started = performance.now();
      for (let i = 0; i < 1000; i++) {
        const from = new Date(wib('2025-01-01 00:00').getTime() + Math.floor(random() * 2 * 365 * 24 * 60) * MINUTE);
        sut.addBusinessMinutes(from, 27_000);
      }
      expect(performance.now() - started).toBeLessThan(2000);
    });
  });

  describe('input validation', () => {
    it.each(['2025-02-30', '2025-2-3', '2025-13-01', '25-01-01', '', 'today'])('rejects the local date %j', (date) => {
      expect(() => sut.workingIntervals(date)).toThrow(RangeError);
      expect(() => sut.closedDay(date)).toThrow(RangeError);
    });

    it('rejects invalid instants and minute counts', () => {
      const ok = wib('2025-10-14 10:00');
      expect(() => sut.isWorkingTime(new Date(NaN))).toThrow(RangeError);
      expect(() => sut.addBusinessMinutes(new Date(NaN), 1)).toThrow(RangeError);
      expect(() => sut.addBusinessMinutes(ok, -1)).toThrow(RangeError);
      expect(() => sut.addBusinessMinutes(ok, Infinity)).toThrow(RangeError);
      expect(() => sut.addBusinessMinutes(ok, NaN)).toThrow(RangeError);
      expect(() => sut.businessMinutesBetween(ok, new Date(NaN))).toThrow(RangeError);
      expect(() => sut.nextOpening(new Date(NaN))).toThrow(RangeError);
    });

    it('does not let callers mutate the calendar through returned values', () => {
      const closed = sut.closedDay('2025-12-25')!;
      closed.name = 'changed';
      expect(sut.closedDay('2025-12-25')?.name).toBe('Kelahiran Yesus Kristus');
    });
  });
});
