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

  async claim(caller: string, key: string, requestHash: string): Promise<Claim> {
    const { ttlHours, lockSec } = this.config.http.idempotency;
    await this.purgeExpired();
    for (let attempt = 0; attempt < 3; attempt++) {
      const fence = await this.repository.claim(caller, key, requestHash, { ttlHours, lockSec });
      if (fence !== undefined) return { kind: 'owner', fence };
      const record = await this.repository.find(caller, key, lockSec);
      if (!record) continue; // released between our two statements: claim again
      if (record.requestHash !== requestHash) return { kind: 'mismatch' };
      if (record.response === null) return { kind: 'in-flight', retryAfterSec: record.leaseLeftSec };
      return { kind: 'replay', response: record.response };
    }
    return { kind: 'in-flight', retryAfterSec: 1 };
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
