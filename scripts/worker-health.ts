// `node dist/scripts/worker-health.js`: the worker container's health check. Healthy when this
// host's worker refreshed its heartbeat row in PostgreSQL lately (it runs, polls and reaches the
// database); exit 1 otherwise.
import * as os from 'node:os';
import { Client } from 'pg';
import { loadConfig } from '../libs/config/config';
import { LIVE_WITHIN_SEC } from '../libs/database/worker-heartbeat';

async function main(): Promise<boolean> {
  const config = loadConfig();
  const db = new Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: 5_000 });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT 1 FROM worker_heartbeat WHERE host = $1 AND task_queue = $2 AND seen_at > now() - make_interval(secs => $3)`,
      [os.hostname(), config.temporal.taskQueue, LIVE_WITHIN_SEC],
    );
    return rows.length > 0;
  } finally {
    await db.end();
  }
}

main().then(
  (live) => {
    if (!live) process.stderr.write(`no fresh heartbeat from a worker on ${os.hostname()}\n`);
    process.exit(live ? 0 : 1);
  },
  (err: Error) => {
    process.stderr.write(`worker health: ${err.message}\n`);
    process.exit(1);
  },
);
