// Exact nearest-rank percentiles from bucketed counts. The monthly rollups count decision times per
// bucket of whole business minutes; the counts say which bucket holds a rank and where inside it, and
// the repository then reads that one value from the rows of that bucket alone (docs/reports.md).

/**
 * Bucket b (1-based, as PostgreSQL's width_bucket) holds the whole minutes from MINUTE_BUCKETS[b − 1] up
 * to, not including, MINUTE_BUCKETS[b]. The same thresholds as the database function minutes_bucket
 * (migration 1795400000001); the report tests check the two agree.
 */
export const MINUTE_BUCKETS: ReadonlyArray<number> = [
  0, 1, 2, 4, 8, 15, 30, 45, 60, 90, 120, 180, 240, 300, 360, 450, 600, 750, 900, 1125, 1350, 1800, 2250, 2700, 3150, 3600, 4500, 5400, 6300,
  7650, 9000, 10800, 12600, 15750, 18000, 22500, 27000, 36000, 45000, 67500, 90000,
];

/** The whole minutes bucket b holds: [lo, hi), hi null for the last. */
export function bucketBounds(b: number): { lo: number; hi: number | null } {
  return { lo: MINUTE_BUCKETS[b - 1], hi: b < MINUTE_BUCKETS.length ? MINUTE_BUCKETS[b] : null };
}

export type Percentile = 'p50' | 'p90';

export interface BucketCount {
  bucket: number;
  n: number;
}

/**
 * Where the nearest-rank percentiles of a distribution fall, from its counts per bucket: the bucket and
 * the position inside it. Nearest rank (percentile_disc): the p-th percentile of N values is the value
 * at position ⌈p·N⌉, computed in integers (⌈N/2⌉ and ⌈9N/10⌉). Buckets below 1 hold rows that do not
 * count (closures that were no officer's decision).
 */
export function percentilePositions(counts: ReadonlyArray<BucketCount>): Array<{ which: Percentile; bucket: number; pos: number; n: number }> {
  const sorted = counts.filter((c) => c.bucket >= 1 && c.n > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((s, c) => s + c.n, 0);
  if (total === 0) return [];
  const ranks: Array<[Percentile, number]> = [
    ['p50', Math.floor((total + 1) / 2)],
    ['p90', Math.floor((9 * total + 9) / 10)],
  ];
  return ranks.map(([which, rank]) => {
    let before = 0;
    for (const c of sorted) {
      if (before + c.n >= rank) return { which, bucket: c.bucket, pos: rank - before, n: c.n };
      before += c.n;
    }
    throw new Error('unreachable: rank beyond the total');
  });
}

/**
 * One value to read from the rows: key `key`'s `which`, the `pos`-th of the `n` whole minutes its bucket
 * [lo, hi) holds in the period. The repository reads it from the nearer end of the bucket: the
 * (n − pos + 1)-th from the top is the same value, and half as many rows away on average.
 */
export interface PercentilePick {
  key: string;
  which: Percentile;
  bucket: number;
  pos: number;
  n: number;
  lo: number;
  hi: number | null;
}

/** The values to read for every key's median and 90th percentile. */
export function percentilePicks(buckets: ReadonlyMap<string, ReadonlyArray<BucketCount>>): PercentilePick[] {
  return [...buckets.entries()].flatMap(([key, counts]) => percentilePositions(counts).map((p) => ({ key, ...p, ...bucketBounds(p.bucket) })));
}

/** The values read, per key. */
export function byKey(rows: ReadonlyArray<{ key: string; which: Percentile; minutes: number }>): Map<string, Partial<Record<Percentile, number>>> {
  const out = new Map<string, Partial<Record<Percentile, number>>>();
  for (const r of rows) out.set(r.key, { ...out.get(r.key), [r.which]: r.minutes });
  return out;
}

/** onTime / (onTime + breaches) to 4 decimals; null when nothing closed. */
export const onTimeRate = (onTime: number, breaches: number): number | null =>
  onTime + breaches === 0 ? null : Math.round((onTime / (onTime + breaches)) * 10000) / 10000;

/** Whole minutes as hours to 2 decimals; null stays null. */
export const hoursOf = (minutes: number | null | undefined): number | null => (minutes === null || minutes === undefined ? null : Math.round((minutes / 60) * 100) / 100);
