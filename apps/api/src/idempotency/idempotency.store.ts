import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../config.provider';

export interface StoredResponse {
  status: number;
  /** The JSON text sent the first time, replayed byte for byte. */
  body: string;
  headers: Record<string, string>;
}

export type Claim =
  | { kind: 'owner'; fence: string }
  | { kind: 'replay'; response: StoredResponse }
  /** The first request still runs; its lease ends in `retryAfterSec` (a request whose process died is taken over then). */
  | { kind: 'in-flight'; retryAfterSec: number }
  | { kind: 'mismatch' };

/**
 * Idempotency keys in PostgreSQL (table idempotency_key), scoped by caller, kept `ttlHours`.
 * A row with no status is a request in flight, leased for `lockSec`: a retry after the lease takes the
 * request over. That is safe because every write is idempotent downstream by the same key (the
 * workflow id, the Update id, the row id derive from it), so a takeover while the first request still
 * runs reaches the same workflow or row and gets the same answer. created_at doubles as a fencing
 * token, so a request that outlived its lease cannot overwrite its successor's answer.
 */
@Injectable()
export class IdempotencyStore {
  private lastPurge = 0;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get ttl() {
    return `${this.config.http.idempotency.ttlHours} hours`;
  }

  async claim(caller: string, key: string, requestHash: string): Promise<Claim> {
    await this.purgeExpired();
    for (let attempt = 0; attempt < 3; attempt++) {
      // Insert, or take over a row that expired or whose request was abandoned mid-flight.
      const claimed: Array<{ fence: string }> = await this.db.query(
        `INSERT INTO idempotency_key (caller, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (caller, key) DO UPDATE SET request_hash = excluded.request_hash, status = NULL, response = NULL, created_at = clock_timestamp()
           WHERE idempotency_key.created_at < now() - $4::interval
              OR (idempotency_key.status IS NULL AND idempotency_key.created_at < now() - $5::interval)
         RETURNING created_at::text AS fence`,
        [caller, key, requestHash, this.ttl, `${this.config.http.idempotency.lockSec} seconds`],
      );
      if (claimed.length > 0) return { kind: 'owner', fence: claimed[0].fence };
      const rows: Array<{ request_hash: string; status: number | null; response: StoredResponse | null; retry_after: number }> = await this.db.query(
        `SELECT request_hash, status, response,
                greatest(1, ceil(extract(epoch FROM created_at + $3::interval - now())))::int AS retry_after
           FROM idempotency_key WHERE caller = $1 AND key = $2`,
        [caller, key, `${this.config.http.idempotency.lockSec} seconds`],
      );
      if (rows.length === 0) continue; // released between our two statements: claim again
      const [row] = rows;
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.status === null || row.response === null) return { kind: 'in-flight', retryAfterSec: row.retry_after };
      return { kind: 'replay', response: row.response };
    }
    return { kind: 'in-flight', retryAfterSec: 1 };
  }

  async complete(caller: string, key: string, fence: string, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_key SET status = $4, response = $5 WHERE caller = $1 AND key = $2 AND created_at = $3::timestamptz AND status IS NULL`,
      [caller, key, fence, response.status, JSON.stringify(response)],
    );
  }

  /** An error changed nothing worth replaying: free the key so a retry runs again. */
  async release(caller: string, key: string, fence: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_key WHERE caller = $1 AND key = $2 AND created_at = $3::timestamptz AND status IS NULL`, [caller, key, fence]);
  }

  /** At most once a minute per process: the created_at index makes it cheap. */
  private async purgeExpired(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < 60_000) return;
    this.lastPurge = now;
    await this.db.query(`DELETE FROM idempotency_key WHERE created_at < now() - $1::interval`, [this.ttl]);
  }
}
