import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters shared by every API process: one row per caller and fixed window. UNLOGGED:
 * no WAL for a counter that is worthless after a crash (the table is emptied then, which only
 * forgives the callers of the current window).
 */
export class RateLimitWindow1795400000012 implements MigrationInterface {
  name = 'RateLimitWindow1795400000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_window (
        key text NOT NULL,
        window_start timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        hits integer NOT NULL,
        PRIMARY KEY (key, window_start)
      )`);
    await q.query(`CREATE INDEX rate_limit_window_expires ON rate_limit_window (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_window`);
  }
}
