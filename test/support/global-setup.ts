// Starts the real services every integration test uses, once per `npm test`:
// an embedded PostgreSQL (migrated and seeded) and a Temporal dev server (in memory).
// Time-skipping workflow tests start their own test server per suite (test/support/time-skipping.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createDataSource, migrate } from '../../libs/database/data-source';
import { seed } from '../../libs/database/seed';
import { PostgresProcess, startPostgres } from '../../libs/dev/postgres';
import { freePort, RunningTemporal, startTemporalDevServer } from '../../libs/dev/services';
import { loadToolchain } from '../../libs/temporal/toolchain';
import { ensureConsoleBuilt } from '../../libs/dev/console-build';

declare global {
  var __SATUPINTU_SERVICES__: { postgres: PostgresProcess; temporal: RunningTemporal; dir: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const toolchain = loadToolchain();
  if (!toolchain.cli.path) throw new Error('no Temporal CLI: run `node scripts/toolchain.js` to see why');
  process.stderr.write(`\n[test] Temporal CLI from ${toolchain.cli.source}; test server from ${toolchain.testServer.source}\n`);
  await ensureConsoleBuilt((l) => process.stderr.write(`[test] ${l}\n`));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'satupintu-test-'));
  fs.chmodSync(dir, 0o777);
  const [pgPort, temporalPort] = [await freePort(), await freePort()];
  const [postgres, temporal] = await Promise.all([
    startPostgres({ dir: path.join(dir, 'pg'), port: pgPort, database: 'satupintu_test' }),
    startTemporalDevServer({ cli: toolchain.cli.path, port: temporalPort }),
  ]);
  const db = createDataSource(postgres.url, { poolSize: 2 });
  await db.initialize();
  await migrate(db);
  await seed(db);
  await db.destroy();
  process.env.TEST_DATABASE_URL = postgres.url;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.TEMPORAL_TEST_SERVER_PATH = toolchain.testServer.path ?? '';
  globalThis.__SATUPINTU_SERVICES__ = { postgres, temporal, dir };
}
