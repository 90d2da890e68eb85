// `npm run bench -- --pg-statements`: what the bench's PostgreSQL spent its time on. The server loads
// pg_stat_statements and tracks the statements run inside functions too (a rollup trigger's upserts
// count apart from the projection that fired them), and track_functions times each trigger function,
// lock waits included. Found the rollup triggers' dynamic SQL and the wait on the permit type's lock
// (docs/perf/2026-11-30-api-performance.md, "1 December, night").
import { Client } from 'pg';

export const PG_STATEMENTS_SETTINGS: Readonly<Record<string, string>> = {
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'all',
  'pg_stat_statements.track_planning': 'on',
  track_functions: 'all',
};

export interface StatementCost {
  calls: number;
  totalMs: number;
  msPerCall: number;
  /** The normalized statement, whitespace folded, cut at 160 characters. */
  query: string;
}

export interface FunctionCost {
  name: string;
  calls: number;
  totalMs: number;
  selfMs: number;
}

/** Forgets what the server tracked so far (the migrations, the seed): the figures then cover the run alone. */
export async function resetStatements(query: (sql: string) => Promise<unknown>): Promise<void> {
  await query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await query('SELECT pg_stat_statements_reset()');
  await query('SELECT pg_stat_reset()');
}

/**
 * The `limit` statements and functions of `url`'s database that took the most time since the reset (a
 * cluster's Temporal server has databases of its own on the same server). Read once the clients are gone:
 * a backend reports its function timings lazily.
 */
export async function topStatements(url: string, limit = 12): Promise<{ statements: StatementCost[]; functions: FunctionCost[] }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const statements = await client.query<StatementCost>(
      `SELECT calls::int, round((total_exec_time + total_plan_time)::numeric, 1)::float8 AS "totalMs",
         round(((total_exec_time + total_plan_time) / calls)::numeric, 3)::float8 AS "msPerCall",
         left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query
       FROM pg_stat_statements WHERE calls > 0 AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time + total_plan_time DESC LIMIT $1`,
      [limit],
    );
    const functions = await client.query<FunctionCost>(
      `SELECT funcname AS name, calls::int, round(total_time::numeric, 1)::float8 AS "totalMs", round(self_time::numeric, 1)::float8 AS "selfMs"
       FROM pg_stat_user_functions ORDER BY total_time DESC LIMIT $1`,
      [limit],
    );
    return { statements: statements.rows, functions: functions.rows };
  } finally {
    await client.end();
  }
}
