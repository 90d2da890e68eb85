import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One in this many increments also clears windows that have ended. */
const SWEEP_EVERY = 1000;

/**
 * The callers' request counters in PostgreSQL, so every API process (and replica) draws on one
 * budget per caller: fixed windows of `ttl` aligned on the clock of the database, one upsert a
 * request. When PostgreSQL cannot answer, the request passes: the limit guards against a runaway
 * caller, it is no reason to refuse everyone while the database restarts.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(PostgresThrottlerStorage.name);
  private increments = 0;
  /** Said once when counting stops working and once when it works again, not on every request. */
  private failing = false;

  constructor(private readonly db: DataSource) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    try {
      const [row] = (await this.db.query(
        `WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) * 1000 / $2) * $2 / 1000.0) AS start)
         INSERT INTO rate_limit_window AS r (key, window_start, expires_at, hits)
         SELECT $1, w.start, w.start + make_interval(secs => $2 / 1000.0), 1 FROM w
         ON CONFLICT (key, window_start) DO UPDATE SET hits = r.hits + 1
         RETURNING r.hits, greatest(1, ceil(extract(epoch FROM r.expires_at - clock_timestamp())))::int AS seconds_left`,
        [key, ttl],
      )) as Array<{ hits: number; seconds_left: number }>;
      if (++this.increments % SWEEP_EVERY === 0) void this.db.query(`DELETE FROM rate_limit_window WHERE expires_at < now()`).catch(() => undefined);
      if (this.failing) this.logger.log('rate limits counted again');
      this.failing = false;
      const blocked = row.hits > limit;
      return { totalHits: row.hits, timeToExpire: row.seconds_left, isBlocked: blocked, timeToBlockExpire: blocked ? row.seconds_left : 0 };
    } catch (err) {
      if (!this.failing) this.logger.warn(`rate limits not counted until PostgreSQL answers again: ${(err as Error).message}`);
      this.failing = true;
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
