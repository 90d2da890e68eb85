import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/config';
import { createDataSource } from '../../../../libs/database/data-source';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotencyService } from './idempotency.service';

const LOCK_SEC = 10;
const config = { http: { idempotency: { ttlHours: 24, lockSec: LOCK_SEC } } } as AppConfig;
const answer = { status: 201, body: '{"id":"A"}', headers: { location: '/v1/applications/A' } };

// On the test PostgreSQL (migrated by test/support/global-setup.ts): the lease and fencing are SQL.
describe(IdempotencyService.name, () => {
  let db: DataSource;
  let sut: IdempotencyService;
  let caller: string;

  beforeAll(async () => {
    db = await createDataSource(process.env.TEST_DATABASE_URL!, { poolSize: 2 }).initialize();
  });

  afterAll(async () => {
    await db.destroy();
  });

  beforeEach(() => {
    sut = new IdempotencyService(new IdempotencyRepository(db), config);
    caller = `sub:${randomUUID()}`;
  });

  /** As if the request holding the key had started `seconds` ago. */
  const age = (key: string, seconds: number) => db.query(`UPDATE idempotency_key SET created_at = created_at - $3::interval WHERE caller = $1 AND key = $2`, [caller, key, `${seconds} seconds`]);

  it('makes the first request the owner, and answers a retry with its stored answer once it completed', async () => {
    const first = await sut.claim(caller, 'k', 'hash-1');
    if (first.kind !== 'owner') throw new Error(`expected owner, got ${first.kind}`);
    await sut.complete(caller, 'k', first.fence, answer);

    await expect(sut.claim(caller, 'k', 'hash-1')).resolves.toEqual({ kind: 'replay', response: answer });
  });

  it('answers a retry during the first request, once it waited its time, with the seconds left on the lease', async () => {
    await sut.claim(caller, 'k', 'hash-1');
    await age('k', 4);

    const retry = await sut.claim(caller, 'k', 'hash-1', 50);

    expect(retry).toEqual({ kind: 'in-flight', retryAfterSec: expect.any(Number) });
    expect((retry as { retryAfterSec: number }).retryAfterSec).toBeGreaterThanOrEqual(1);
    expect((retry as { retryAfterSec: number }).retryAfterSec).toBeLessThanOrEqual(LOCK_SEC - 4 + 1);
  });

  /** A repository through which `onFirstFind` runs right after the retry first found the key in flight. */
  function afterFirstFind(onFirstFind: () => Promise<void>): { repository: IdempotencyRepository; finds: () => number } {
    const real = new IdempotencyRepository(db);
    let finds = 0;
    const repository = Object.assign(Object.create(real) as IdempotencyRepository, {
      find: async (...args: Parameters<IdempotencyRepository['find']>) => {
        const record = await real.find(...args);
        if (++finds === 1) await onFirstFind();
        return record;
      },
    });
    return { repository, finds: () => finds };
  }

  it('holds a retry that arrives while the first request runs, and answers it with the first answer once stored', async () => {
    const first = await sut.claim(caller, 'k', 'hash-1');
    if (first.kind !== 'owner') throw new Error(`expected owner, got ${first.kind}`);
    const { repository, finds } = afterFirstFind(() => sut.complete(caller, 'k', first.fence, answer));

    const retry = await new IdempotencyService(repository, config).claim(caller, 'k', 'hash-1');

    expect(retry).toEqual({ kind: 'replay', response: answer });
    expect(finds()).toBe(2); // it found the key in flight first, then the answer
  });

  it('lets a waiting retry run the request itself when the first one failed and freed the key', async () => {
    const first = await sut.claim(caller, 'k', 'hash-1');
    if (first.kind !== 'owner') throw new Error(`expected owner, got ${first.kind}`);
    const { repository } = afterFirstFind(() => sut.release(caller, 'k', first.fence));

    await expect(new IdempotencyService(repository, config).claim(caller, 'k', 'hash-1')).resolves.toMatchObject({ kind: 'owner' });
  });

  it('refuses the same key for a different request', async () => {
    await sut.claim(caller, 'k', 'hash-1');

    await expect(sut.claim(caller, 'k', 'hash-2')).resolves.toEqual({ kind: 'mismatch' });
  });

  it('scopes keys by caller: another caller with the same key owns its own', async () => {
    await sut.claim(caller, 'k', 'hash-1');

    await expect(sut.claim(`${caller}-other`, 'k', 'hash-2')).resolves.toMatchObject({ kind: 'owner' });
  });

  it('frees the key of a request that failed, so the same key runs again', async () => {
    const first = await sut.claim(caller, 'k', 'hash-1');
    if (first.kind !== 'owner') throw new Error(`expected owner, got ${first.kind}`);
    await sut.release(caller, 'k', first.fence);

    await expect(sut.claim(caller, 'k', 'hash-1')).resolves.toMatchObject({ kind: 'owner' });
  });

  it('lets a retry take over a request whose lease ran out, and keeps the outlived request from overwriting its answer', async () => {
    const crashed = await sut.claim(caller, 'k', 'hash-1');
    if (crashed.kind !== 'owner') throw new Error(`expected owner, got ${crashed.kind}`);
    await age('k', LOCK_SEC + 1);

    const takeover = await sut.claim(caller, 'k', 'hash-1');
    if (takeover.kind !== 'owner') throw new Error(`expected owner, got ${takeover.kind}`);
    await sut.complete(caller, 'k', takeover.fence, answer);
    await sut.complete(caller, 'k', crashed.fence, { ...answer, body: '{"id":"stale"}' });
    await sut.release(caller, 'k', crashed.fence);

    await expect(sut.claim(caller, 'k', 'hash-1')).resolves.toEqual({ kind: 'replay', response: answer });
  });

  it('forgets a key after its time to live: the same key is a new request again', async () => {
    const first = await sut.claim(caller, 'k', 'hash-1');
    if (first.kind !== 'owner') throw new Error(`expected owner, got ${first.kind}`);
    await sut.complete(caller, 'k', first.fence, answer);
    await age('k', 24 * 3600 + 1);

    await expect(sut.claim(caller, 'k', 'hash-2')).resolves.toMatchObject({ kind: 'owner' });
  });
});
