import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource } from 'typeorm';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One in this many reservations also clears windows that have ended. */
const SWEEP_EVERY = 1000;
/** A process reserves this share of a caller's budget at once (1 % of the limit, at least 1 hit). */
const RESERVE_SHARE = 100;

/** What one process holds of one caller's window. */
interface Held {
  /** Local clock (ms) at which the window ends. */
  endsAt: number;
  /** Hits reserved in PostgreSQL and not yet served by this process. */
  left: number;
  /** The window's count in PostgreSQL after our last reservation, less what we still hold. */
  counted: number;
  /** PostgreSQL said the budget is spent: refuse without asking until the window ends. */
  blocked: boolean;
}

export function reserveChunk(limit: number): number {
  return Math.max(1, Math.floor(limit / RESERVE_SHARE));
}

/**
 * The callers' request counters in PostgreSQL, so every API process (and replica) draws on one
 * budget per caller: fixed windows of `ttl` aligned on the clock of the database.
 *
 * A process does not ask PostgreSQL on every request: it reserves a chunk of the caller's budget
 * (1 % of the limit, at least one hit) in one upsert and serves the next requests of that caller from
 * it, so the default budget (100,000 a minute) costs one round trip per 1,000 requests instead of one
 * each. Small budgets (under 200) reserve one hit at a time and count exactly as before. The error is
 * bounded and one-sided: hits reserved by a process but not served in the window count as spent, so a
 * caller may be refused at most `processes × (chunk - 1)` requests early (1 % of the limit per
 * process); it is never let past its budget. A spent budget is remembered until its window ends.
 * When PostgreSQL cannot answer, the request passes: the limit guards against a runaway caller, it is
 * no reason to refuse everyone while the database restarts.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(PostgresThrottlerStorage.name);
  private reservations = 0;
  /** Said once when counting stops working and once when it works again, not on every request. */
  private failing = false;
  private readonly held = new Map<string, Held>();
  /** One reservation in flight per caller: concurrent requests wait for it rather than each asking. */
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly db: DataSource) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const chunk = reserveChunk(limit);
    for (;;) {
      const now = Date.now();
      const h = this.held.get(key);
      if (h && h.endsAt > now) {
        const secondsLeft = Math.max(1, Math.ceil((h.endsAt - now) / 1000));
        if (h.blocked) return { totalHits: limit + 1, timeToExpire: secondsLeft, isBlocked: true, timeToBlockExpire: secondsLeft };
        if (h.left > 0) {
          h.left--;
          h.counted++;
          return { totalHits: h.counted, timeToExpire: secondsLeft, isBlocked: false, timeToBlockExpire: 0 };
        }
      }
      const inFlight = this.pending.get(key);
      if (inFlight && chunk > 1) {
        await inFlight;
        continue;
      }
      const reserving = this.reserve(key, ttl, limit, chunk);
      if (chunk > 1) this.pending.set(key, reserving.then(() => undefined, () => undefined));
      try {
        const result = await reserving;
        if (result) return result;
      } finally {
        if (chunk > 1) this.pending.delete(key);
      }
    }
  }

  /** Reserves `chunk` hits; answers the request's record when it was refused or PostgreSQL failed. */
  private async reserve(key: string, ttl: number, limit: number, chunk: number): Promise<ThrottlerStorageRecord | undefined> {
    try {
      const [row] = (await this.db.query(
        `WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) * 1000 / $2) * $2 / 1000.0) AS start)
         INSERT INTO rate_limit_window AS r (key, window_start, expires_at, hits)
         SELECT $1, w.start, w.start + make_interval(secs => $2 / 1000.0), $3 FROM w
         ON CONFLICT (key, window_start) DO UPDATE SET hits = r.hits + $3
         RETURNING r.hits, greatest(1, ceil(extract(epoch FROM r.expires_at - clock_timestamp()) * 1000))::int AS ms_left`,
        // The row is per caller, window and budget: processes configured alike (as deployed) share it,
        // and a process with another budget (a test suite's) counts apart instead of spending chunks of it.
        [`${key}/${limit}/${ttl}`, ttl, chunk],
      )) as Array<{ hits: number; ms_left: number }>;
      if (++this.reservations % SWEEP_EVERY === 0) this.sweep();
      if (this.failing) this.logger.log('rate limits counted again');
      this.failing = false;
      const before = row.hits - chunk;
      const granted = Math.min(chunk, limit - before);
      const endsAt = Date.now() + row.ms_left;
      if (granted <= 0) {
        this.held.set(key, { endsAt, left: 0, counted: row.hits, blocked: true });
        const secondsLeft = Math.max(1, Math.ceil(row.ms_left / 1000));
        return { totalHits: Math.max(row.hits, limit + 1), timeToExpire: secondsLeft, isBlocked: true, timeToBlockExpire: secondsLeft };
      }
      // The request that reserved is served by the loop from what it now holds, like the ones after it.
      this.held.set(key, { endsAt, left: granted, counted: before, blocked: false });
      return undefined;
    } catch (err) {
      if (!this.failing) this.logger.warn(`rate limits not counted until PostgreSQL answers again: ${(err as Error).message}`);
      this.failing = true;
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  /** Forgets windows that have ended, here and in PostgreSQL. */
  private sweep(): void {
    const now = Date.now();
    for (const [key, h] of this.held) if (h.endsAt <= now) this.held.delete(key);
    void this.db.query(`DELETE FROM rate_limit_window WHERE expires_at < now()`).catch(() => undefined);
  }
}
