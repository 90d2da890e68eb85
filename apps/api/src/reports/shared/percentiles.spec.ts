import { bucketBounds, byKey, hoursOf, MINUTE_BUCKETS, onTimeRate, percentilePicks, percentilePositions } from './percentiles';

describe('percentilePositions', () => {
  it('finds the median at position ⌈N/2⌉ and the 90th percentile at ⌈9N/10⌉, across buckets', () => {
    // 5 values: 2 in bucket 3, 3 in bucket 7. Median rank 3: the first of bucket 7. p90 rank 5: its third.
    expect(percentilePositions([{ bucket: 7, n: 3 }, { bucket: 3, n: 2 }])).toEqual([
      { which: 'p50', bucket: 7, pos: 1, n: 3 },
      { which: 'p90', bucket: 7, pos: 3, n: 3 },
    ]);
  });

  it('takes the lower middle for an even count, as percentile_disc does', () => {
    // 4 values in one bucket: median rank 2, p90 rank ⌈3.6⌉ = 4.
    expect(percentilePositions([{ bucket: 5, n: 4 }])).toEqual([
      { which: 'p50', bucket: 5, pos: 2, n: 4 },
      { which: 'p90', bucket: 5, pos: 4, n: 4 },
    ]);
  });

  it('leaves out rows that are no decision (bucket below 1) and empty buckets', () => {
    expect(percentilePositions([{ bucket: -1, n: 10 }, { bucket: 4, n: 0 }, { bucket: 9, n: 1 }])).toEqual([
      { which: 'p50', bucket: 9, pos: 1, n: 1 },
      { which: 'p90', bucket: 9, pos: 1, n: 1 },
    ]);
    expect(percentilePositions([{ bucket: -1, n: 3 }])).toEqual([]);
  });

  it('agrees with a sort of the values themselves on every count up to 60', () => {
    for (let n = 1; n <= 60; n++) {
      const values = Array.from({ length: n }, (_, i) => (i * 37) % 500);
      const counts = new Map<number, number>();
      for (const v of values) {
        const b = MINUTE_BUCKETS.findIndex((t, i) => v >= t && (i + 1 === MINUTE_BUCKETS.length || v < MINUTE_BUCKETS[i + 1])) + 1;
        counts.set(b, (counts.get(b) ?? 0) + 1);
      }
      const sorted = [...values].sort((a, b) => a - b);
      const inBucket = (b: number) => sorted.filter((v) => v >= bucketBounds(b).lo && (bucketBounds(b).hi === null || v < bucketBounds(b).hi!));
      const pick = (p: { bucket: number; pos: number }) => inBucket(p.bucket)[p.pos - 1];
      // The repository may read from the bucket's top instead: the (n − pos + 1)-th from there.
      const fromTop = (p: { bucket: number; pos: number; n: number }) => [...inBucket(p.bucket)].reverse()[p.n - p.pos];
      const [p50, p90] = percentilePositions([...counts].map(([bucket, c]) => ({ bucket, n: c })));
      expect(pick(p50)).toBe(sorted[Math.ceil(n / 2) - 1]);
      expect(pick(p90)).toBe(sorted[Math.ceil((9 * n) / 10) - 1]);
      expect([fromTop(p50), fromTop(p90)]).toEqual([pick(p50), pick(p90)]);
    }
  });
});

describe('bucketBounds', () => {
  it('gives each bucket its whole minutes, the last one open', () => {
    expect(bucketBounds(1)).toEqual({ lo: 0, hi: 1 });
    expect(bucketBounds(16)).toEqual({ lo: 450, hi: 600 });
    expect(bucketBounds(MINUTE_BUCKETS.length)).toEqual({ lo: 90000, hi: null });
  });
});

describe('percentilePicks and byKey', () => {
  it('names every value to read per key, and gathers the values read back per key', () => {
    const picks = percentilePicks(new Map([['DCKTRP', [{ bucket: 16, n: 1 }]]]));
    expect(picks).toEqual([
      { key: 'DCKTRP', which: 'p50', bucket: 16, pos: 1, n: 1, lo: 450, hi: 600 },
      { key: 'DCKTRP', which: 'p90', bucket: 16, pos: 1, n: 1, lo: 450, hi: 600 },
    ]);
    expect(byKey([{ key: 'DCKTRP', which: 'p50', minutes: 451 }, { key: 'DCKTRP', which: 'p90', minutes: 600 }]).get('DCKTRP')).toEqual({ p50: 451, p90: 600 });
  });
});

describe('onTimeRate and hoursOf', () => {
  it('rounds the rate to 4 decimals and says null when nothing closed', () => {
    expect(onTimeRate(2, 1)).toBe(0.6667);
    expect(onTimeRate(0, 0)).toBeNull();
  });

  it('turns whole minutes into hours to 2 decimals', () => {
    expect(hoursOf(451)).toBe(7.52);
    expect(hoursOf(undefined)).toBeNull();
  });
});
