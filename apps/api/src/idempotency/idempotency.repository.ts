import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredResponse {
  status: number;
  /** The JSON text sent the first time, replayed byte for byte. */
  body: string;
  headers: Record<string, string>;
}

/** A key's row as another request finds it. */
export interface KeyRecord {
  requestHash: string;
  /** Absent while the first request is in flight. */
  response: StoredResponse | null;
  /** Seconds until the in-flight lease ends (at least 1). */
  leaseLeftSec: number;
}

/**
 * Table idempotency_key: one row per (caller, key). A row without a status is a request in flight;
 * created_at is its lease start and doubles as the fencing token of its owner.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Inserts the key, or takes over a row that expired (older than `ttlHours`) or whose request was
   * abandoned in flight (lease older than `lockSec`). Answers the new owner's fence, or undefined when
   * another request holds the key.
   */
  async claim(caller: string, key: string, requestHash: string, limits: { ttlHours: number; lockSec: number }): Promise<string | undefined> {
    const rows: Array<{ fence: string }> = await this.db.query(
      `INSERT INTO idempotency_key (caller, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (caller, key) DO UPDATE SET request_hash = excluded.request_hash, status = NULL, response = NULL, created_at = clock_timestamp()
         WHERE idempotency_key.created_at < now() - $4::interval
            OR (idempotency_key.status IS NULL AND idempotency_key.created_at < now() - $5::interval)
       RETURNING created_at::text AS fence`,
      [caller, key, requestHash, `${limits.ttlHours} hours`, `${limits.lockSec} seconds`],
    );
    return rows[0]?.fence;
  }

  async find(caller: string, key: string, lockSec: number): Promise<KeyRecord | undefined> {
    const rows: Array<{ request_hash: string; status: number | null; response: StoredResponse | null; retry_after: number }> = await this.db.query(
      `SELECT request_hash, status, response,
              greatest(1, ceil(extract(epoch FROM created_at + $3::interval - now())))::int AS retry_after
         FROM idempotency_key WHERE caller = $1 AND key = $2`,
      [caller, key, `${lockSec} seconds`],
    );
    const row = rows[0];
    return row && { requestHash: row.request_hash, response: row.status === null ? null : row.response, leaseLeftSec: row.retry_after };
  }

  /** Stores the answer, unless the fence shows that another request took the key over. */
  async complete(caller: string, key: string, fence: string, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_key SET status = $4, response = $5 WHERE caller = $1 AND key = $2 AND created_at = $3::timestamptz AND status IS NULL`,
      [caller, key, fence, response.status, JSON.stringify(response)],
    );
  }

  async release(caller: string, key: string, fence: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_key WHERE caller = $1 AND key = $2 AND created_at = $3::timestamptz AND status IS NULL`, [caller, key, fence]);
  }

  async purgeOlderThan(ttlHours: number): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_key WHERE created_at < now() - $1::interval`, [`${ttlHours} hours`]);
  }
}
