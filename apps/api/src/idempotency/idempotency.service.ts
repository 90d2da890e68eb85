import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../config.provider';
import { IdempotencyRepository, StoredResponse } from './idempotency.repository';

export type { StoredResponse } from './idempotency.repository';

export type Claim =
  | { kind: 'owner'; fence: string }
  | { kind: 'replay'; response: StoredResponse }
  /** The first request still runs; its lease ends in `retryAfterSec` (a request whose process died is taken over then). */
  | { kind: 'in-flight'; retryAfterSec: number }
  | { kind: 'mismatch' };

/**
 * How long a request whose key is held by a request still running waits for that request's answer: a
 * submission takes well under a second, so a retry sent after a client-side timeout is answered with
 * the first request's result; beyond it the retry gets 409 with Retry-After.
 */
export const IN_FLIGHT_WAIT_MS = 3000;

/** Expired keys are purged at most this often per process: the created_at index makes it cheap. */
const PURGE_EVERY_MS = 60_000;

/**
 * Idempotency keys, scoped by caller, kept `ttlHours`. A request in flight leases its key for
 * `lockSec`: a retry after the lease takes the request over. That is safe because every write is
 * idempotent downstream by the same key (the workflow id, the Update id, the row id derive from it),
 * so a takeover while the first request still runs reaches the same workflow or row and gets the same
 * answer. The lease start is a fencing token, so a request that outlived its lease cannot overwrite
 * its successor's answer.
 */
@Injectable()
export class IdempotencyService {
  private lastPurge = 0;

  constructor(
    private readonly repository: IdempotencyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Takes the key, or answers what its first request answered. While that request still runs, this one
   * waits up to `waitMs` for its answer (polling, backing off to every 250 ms), so a client that retried
   * after a timeout gets the real answer rather than a 409; only a request still running after that is
   * answered in-flight. A key released meanwhile (the first request failed) is taken here.
   */
  async claim(caller: string, key: string, requestHash: string, waitMs = IN_FLIGHT_WAIT_MS): Promise<Claim> {
    const { ttlHours, lockSec } = this.config.http.idempotency;
    await this.purgeExpired();
    const deadline = Date.now() + waitMs;
    for (let released = 0, pauseMs = 20; ; ) {
      const fence = await this.repository.claim(caller, key, requestHash, { ttlHours, lockSec });
      if (fence !== undefined) return { kind: 'owner', fence };
      const record = await this.repository.find(caller, key, lockSec);
      if (!record) {
        // Released between our two statements: claim again, a few times at most.
        if (++released >= 3) return { kind: 'in-flight', retryAfterSec: 1 };
        continue;
      }
      if (record.requestHash !== requestHash) return { kind: 'mismatch' };
      if (record.response !== null) return { kind: 'replay', response: record.response };
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'in-flight', retryAfterSec: record.leaseLeftSec };
      await new Promise((resolve) => setTimeout(resolve, Math.min(pauseMs, left)));
      pauseMs = Math.min(pauseMs * 2, 250);
    }
  }

  complete(caller: string, key: string, fence: string, response: StoredResponse): Promise<void> {
    return this.repository.complete(caller, key, fence, response);
  }

  /** An error changed nothing worth replaying: free the key so a retry runs again. */
  release(caller: string, key: string, fence: string): Promise<void> {
    return this.repository.release(caller, key, fence);
  }

  private async purgeExpired(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    await this.repository.purgeOlderThan(this.config.http.idempotency.ttlHours);
  }
}
