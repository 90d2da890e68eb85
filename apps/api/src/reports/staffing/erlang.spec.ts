import { erlangB, erlangC, expectedWaitMinutes, officersNeeded } from './erlang';

// Hand-computed from the closed forms in erlang.ts (fractions kept exact where they are).
describe('Erlang C', () => {
  it('B(3, 2) = (2³/3!) / (1 + 2 + 2²/2! + 2³/3!) = (4/3) / (19/3) = 4/19', () => {
    expect(erlangB(3, 2)).toBeCloseTo(4 / 19, 12);
  });

  it('C(2, 1) = [1²/2! · 2/(2−1)] / [1 + 1 + 1] = 1/3', () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  it('C(3, 2) = [8/6 · 3/1] / [1 + 2 + 4/2 + 8/6 · 3] = 4 / 9', () => {
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
  });

  it('C(1, a) = a: a single officer is busy with probability a', () => {
    expect(erlangC(1, 0.25)).toBeCloseTo(0.25, 12);
  });

  it('an overloaded counter (c <= a) always makes people wait, an empty one never does', () => {
    expect(erlangC(2, 2)).toBe(1);
    expect(erlangC(2, 3)).toBe(1);
    expect(erlangC(3, 0)).toBe(0);
  });

  it('10 arrivals an hour, 12 minutes each (a = 2), 3 officers: wait = (4/9) / (3·5 − 10) h = 16/3 min', () => {
    expect(expectedWaitMinutes(3, 10, 12)).toBeCloseTo(16 / 3, 10);
  });

  it('2 officers cannot keep up with a = 2 (the queue grows without end); 3 meet a 10-minute target, 4 a 2-minute one', () => {
    expect(expectedWaitMinutes(2, 10, 12)).toBe(Infinity);
    expect(officersNeeded(10, 12, 10)).toBe(3);
    // 4 officers: B(4,2) = (16/24)/(1+2+2+8/6+16/24) = (2/3)/7 = 2/21; C = 4·(2/21)/(4 − 2·19/21) = (8/21)/(46/21) = 4/23;
    // wait = (4/23)/(4·5 − 10) h = 2/115 h = 24/23 min, so a 2-minute target needs 4.
    expect(expectedWaitMinutes(4, 10, 12)).toBeCloseTo(24 / 23, 10);
    expect(officersNeeded(10, 12, 2)).toBe(4);
  });

  it('nobody comes: no officer needed', () => {
    expect(officersNeeded(0, 12, 5)).toBe(0);
  });

  it('refuses nonsense', () => {
    expect(() => erlangB(-1, 1)).toThrow(RangeError);
    expect(() => officersNeeded(1, 0, 5)).toThrow(RangeError);
  });
});
