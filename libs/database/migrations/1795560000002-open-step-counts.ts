import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTransitionTriggers, transitionTriggers } from './transition-triggers';

/**
 * The SLA wall's open and overdue counts per permit type, version and step, kept by statement triggers
 * on `task` instead of counted from every open attempt at each read (150,000 index entries on the
 * 1,000,000-row bench: 40-75 ms a read).
 * - task_open_count: open attempts per permit type, version, step, UTC day of their due instant
 *   ('infinity' without one) and whether the engine marked them overdue. A row that falls to zero is
 *   deleted, so the table holds only the days open attempts are due on.
 * - A read takes the rows of the days before today as overdue, those of later days as not, and counts
 *   exactly only the open attempts due today before now: a short range of task_open_due_step_idx, which
 *   replaces task_open_step_idx (that index only served the count at every read).
 * What counts is the platform's one overdue rule (libs/domain/overdue.ts); attempts without a permit
 * type or a version (projected before the version was recorded) cannot be placed on a diagram and are
 * not counted.
 */
export class OpenStepCounts1795560000002 implements MigrationInterface {
  name = 'OpenStepCounts1795560000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION due_day(due timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT coalesce((due AT TIME ZONE 'UTC')::date, 'infinity'::date) $$;

      CREATE TABLE task_open_count (
        permit_type text NOT NULL, definition_version int NOT NULL, step_id text NOT NULL,
        due_day date NOT NULL, flagged boolean NOT NULL, n int NOT NULL,
        PRIMARY KEY (permit_type, definition_version, step_id, due_day, flagged)
      );
      INSERT INTO task_open_count (permit_type, definition_version, step_id, due_day, flagged, n)
      SELECT permit_type, definition_version, step_id, due_day(due_at), overdue, count(*) FROM task
      WHERE status = 'open' AND permit_type IS NOT NULL AND definition_version IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5;

      -- Static statements (planned once per trigger, not at every call): an INSERT adds its open rows, a
      -- DELETE takes its open rows away, an UPDATE both; only a row leaving a count can empty it.
      CREATE FUNCTION count_open_tasks() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO task_open_count AS t (permit_type, definition_version, step_id, due_day, flagged, n)
          SELECT permit_type, definition_version, step_id, due_day(due_at), overdue, count(*) FROM new_rows
          WHERE status = 'open' AND permit_type IS NOT NULL AND definition_version IS NOT NULL
          GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
          ON CONFLICT (permit_type, definition_version, step_id, due_day, flagged) DO UPDATE SET n = t.n + excluded.n;
          RETURN NULL;
        END IF;
        IF TG_OP = 'DELETE' THEN
          INSERT INTO task_open_count AS t (permit_type, definition_version, step_id, due_day, flagged, n)
          SELECT permit_type, definition_version, step_id, due_day(due_at), overdue, -count(*) FROM old_rows
          WHERE status = 'open' AND permit_type IS NOT NULL AND definition_version IS NOT NULL
          GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
          ON CONFLICT (permit_type, definition_version, step_id, due_day, flagged) DO UPDATE SET n = t.n + excluded.n;
        ELSE
          -- Closed attempts count nowhere: an update that touched only closed ones changes nothing.
          IF NOT EXISTS (SELECT FROM new_rows WHERE status = 'open') AND NOT EXISTS (SELECT FROM old_rows WHERE status = 'open') THEN
            RETURN NULL;
          END IF;
          INSERT INTO task_open_count AS t (permit_type, definition_version, step_id, due_day, flagged, n)
          SELECT permit_type, definition_version, step_id, due_day(due_at), overdue, sum(sign) FROM (
            SELECT 1 AS sign, permit_type, definition_version, step_id, due_at, overdue, status FROM new_rows
            UNION ALL
            SELECT -1, permit_type, definition_version, step_id, due_at, overdue, status FROM old_rows) r
          WHERE status = 'open' AND permit_type IS NOT NULL AND definition_version IS NOT NULL
          GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4, 5
          ON CONFLICT (permit_type, definition_version, step_id, due_day, flagged) DO UPDATE SET n = t.n + excluded.n;
        END IF;
        DELETE FROM task_open_count c
        USING (SELECT DISTINCT permit_type, definition_version, step_id, due_day(due_at) AS due_day, overdue FROM old_rows WHERE status = 'open') o
        WHERE c.n = 0 AND (c.permit_type, c.definition_version, c.step_id, c.due_day, c.flagged) = (o.permit_type, o.definition_version, o.step_id, o.due_day, o.overdue);
        RETURN NULL;
      END $fn$;
      ${transitionTriggers('task_open_count', 'task', 'count_open_tasks')}

      DROP INDEX task_open_step_idx;
      CREATE INDEX task_open_due_step_idx ON task (due_at) INCLUDE (permit_type, definition_version, step_id, overdue) WHERE status = 'open';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX task_open_due_step_idx;
      CREATE INDEX task_open_step_idx ON task (permit_type, definition_version, step_id) INCLUDE (overdue, due_at, status) WHERE status = 'open';
      ${dropTransitionTriggers('task_open_count', 'task')}
      DROP FUNCTION count_open_tasks();
      DROP TABLE task_open_count;
      DROP FUNCTION due_day(timestamptz);
    `);
  }
}
