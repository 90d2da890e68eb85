import type { KeyClosures } from './sla.repository';
import { BucketCount, byKey, hoursOf, onTimeRate, Percentile, PercentilePick, percentilePicks } from '../shared/percentiles';

/** What a closure adds to a row, and what its on-time rate and business-hour percentiles are read into. */
export interface ClosureMeasures {
  onTime: number;
  breaches: number;
  deemedGrants: number;
  onTimeRate: number | null;
  medianBusinessHours: number | null;
  p90BusinessHours: number | null;
}

/**
 * Closures counted per key (an agency, an office): the on-time counts, and the histogram of each key
 * from which its percentiles are read exactly. Hand-off closures and step decisions are tallied alike.
 */
export class ClosureTally<T extends ClosureMeasures> {
  readonly rows = new Map<string, T>();
  private readonly buckets = new Map<string, BucketCount[]>();

  constructor(private readonly empty: () => T) {}

  /** The row of `key`, made empty when it has none yet. */
  get(key: string): T {
    let row = this.rows.get(key);
    if (row === undefined) this.rows.set(key, (row = this.empty()));
    return row;
  }

  /** Takes one key's closures (the repository gives one row per key); returns its row for the figures only the caller knows. */
  add(r: KeyClosures): T {
    const row = this.get(r.key);
    row.onTime = r.on_time;
    row.breaches = r.breaches;
    row.deemedGrants = r.deemed;
    this.buckets.set(r.key, r.buckets.map((bucket, i) => ({ bucket, n: r.counts[i] })));
    return row;
  }

  /** Fills in every row's on-time rate, and its median and p90 from the percentile rows `read` returns. */
  async rate(read: (picks: PercentilePick[]) => Promise<ReadonlyArray<{ key: string; which: Percentile; minutes: number }>>): Promise<void> {
    const percentiles = byKey(await read(percentilePicks(this.buckets)));
    for (const [key, row] of this.rows) {
      row.onTimeRate = onTimeRate(row.onTime, row.breaches);
      row.medianBusinessHours = hoursOf(percentiles.get(key)?.p50);
      row.p90BusinessHours = hoursOf(percentiles.get(key)?.p90);
    }
  }
}
