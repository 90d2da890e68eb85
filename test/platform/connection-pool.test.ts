// The read model's connection pool keeps its connections through a lull: a new connection is a new
// PostgreSQL backend, which plans the projection and its rollup triggers again on its first write. It still
// closes them after a long idle spell, and an idle pool does not keep a finished script's process alive.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, POOL_IDLE_TIMEOUT_MS } from '../../libs/database/data-source';

const ROOT = path.resolve(__dirname, '../..');

async function backendPid(db: DataSource): Promise<number> {
  const [row] = await db.query('SELECT pg_backend_pid() AS pid');
  return row.pid;
}

describe('The read model connection pool', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await createDataSource(process.env.TEST_DATABASE_URL!, { poolSize: 1, applicationName: 'pool-test' }).initialize();
  });
  afterAll(async () => {
    jest.useRealTimers();
    await db?.destroy();
  });

  it('keeps its connection through a lull of a minute, and closes it after the idle timeout', async () => {
    // Only the timers are faked: the socket's I/O and the promises around it run as ever.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'hrtime', 'performance', 'Date'] });
    const pool = (db.driver as unknown as { master: Pool }).master;
    const first = await backendPid(db); // released into the pool now, under the fake clock
    jest.advanceTimersByTime(60_000); // node-postgres's default would have closed it after 10 s
    expect(await backendPid(db)).toBe(first);

    const removed = new Promise((resolve) => pool.once('remove', resolve));
    jest.advanceTimersByTime(POOL_IDLE_TIMEOUT_MS);
    await removed;
    expect(await backendPid(db)).not.toBe(first);
    jest.useRealTimers();
  });

  it('lets a script that is done exit while its pool holds an idle connection', () => {
    // A child that opens a pool, queries, and never closes it: it must still exit by itself.
    const script = `
      const { createDataSource } = require('./libs/database/data-source');
      createDataSource(process.env.TEST_DATABASE_URL, { poolSize: 1 }).initialize()
        .then((db) => db.query('SELECT 1 AS one'))
        .then(([row]) => console.log('queried', row.one));`;
    const child = spawnSync(process.execPath, ['-r', './scripts/register.js', '-e', script], { cwd: ROOT, env: process.env, encoding: 'utf8', timeout: 120_000 });
    expect(child.error).toBeUndefined();
    expect(child.stdout.trim()).toBe('queried 1');
    expect(child.status).toBe(0);
  });
});
