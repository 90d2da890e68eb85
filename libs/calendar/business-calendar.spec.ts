import { BusinessCalendar, jakartaLocalDate, MINUTES_PER_BUSINESS_DAY } from './index';
import { MINUTE, seededRandom, show, showIntervals, wib } from './spec-support';

// All times in these specs are Jakarta wall-clock times (WIB, UTC+7), written 'YYYY-MM-DD HH:mm[:ss]'.

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

describe(jakartaLocalDate.name, () => {
  it('turns over at 17:00 UTC (midnight WIB)', () => {
    expect(jakartaLocalDate(new Date('2025-10-10T16:59:59.999Z'))).toBe('2025-10-10');
    expect(jakartaLocalDate(new Date('2025-10-10T17:00:00.000Z'))).toBe('2025-10-11');
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(jakartaLocalDate(new Date('2025-12-31T18:00:00Z'))).toBe('2026-01-01');
      expect(new BusinessCalendar().isWorkingTime(new Date('2025-10-14T00:30:00Z'))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('MINUTES_PER_BUSINESS_DAY is the permit DSL constant: one normal day, 7.5 h', () => {
    expect(MINUTES_PER_BUSINESS_DAY).toBe(450);
  });
});
