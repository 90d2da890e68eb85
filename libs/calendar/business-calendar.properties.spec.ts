import { BusinessCalendar } from './index';
import { MINUTE, seededRandom, show, wib } from './spec-support';

// All times in these specs are Jakarta wall-clock times (WIB, UTC+7), written 'YYYY-MM-DD HH:mm[:ss]'.

describe(BusinessCalendar.name, () => {
  const sut = new BusinessCalendar();

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
});
