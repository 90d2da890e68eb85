import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The changes of the calendar still to reach the running applications (docs/calendar.md): written in the
 * change's own transaction, keyed by the revision it made, and marked `fanned_out_at` once every running
 * application of its scope was told. A row left unmarked (the API or the worker stopped on the way) is
 * found by the worker's sweep and told again.
 */
export class CalendarChange1795550000000 implements MigrationInterface {
  name = 'CalendarChange1795550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_change (
        revision bigint PRIMARY KEY,
        -- NULL: the whole province.
        office_id text,
        from_date date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        fanned_out_at timestamptz
      );
      CREATE INDEX calendar_change_pending_idx ON calendar_change (recorded_at) WHERE fanned_out_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_change`);
  }
}
