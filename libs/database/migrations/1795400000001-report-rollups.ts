import { MigrationInterface, QueryRunner } from 'typeorm';
import { transitionTriggers } from './transition-triggers';

/**
 * A closed application's intake to hand-off in whole business minutes (`handoff_minutes`): a deemed grant
 * counts the full legal deadline, the others their own clock rounded up; null while it is open.
 */
export const HANDOFF_MINUTES_SQL = `CASE WHEN status IN ('issued','rejected') THEN
          CASE WHEN deemed_granted THEN legal_deadline_minutes ELSE ceil(business_minutes_used)::int END
        END`;

/** The four rollup trigger functions as this migration defines them (1795400000002 restores them on the way down). */
export const ROLLUP_TRIGGER_FUNCTIONS = `
      -- Each rollup function reads the statement's transition tables: new_rows (+1) and old_rows (-1).
      CREATE OR REPLACE FUNCTION rollup_task() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE src text := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
        WHEN 'UPDATE' THEN 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows'
        ELSE 'SELECT -1 AS sign, * FROM old_rows' END;
      BEGIN
        EXECUTE format($q$
          WITH d AS (
            SELECT sign, jakarta_month(decided_at) AS month, agency, office_id, coalesce(permit_type, '') AS permit_type,
              CASE WHEN status IN ('approved','rejected','revision_requested') AND attempt_minutes IS NOT NULL THEN minutes_bucket(ceil(attempt_minutes)::int) ELSE -1 END AS bucket,
              (status IN ('approved','rejected','revision_requested'))::int AS decided,
              (status IN ('approved','rejected','revision_requested') AND NOT coalesce(breached, false))::int AS on_time,
              coalesce(breached, false)::int AS breaches,
              (status = 'deemed')::int AS deemed
            FROM (%s) r WHERE status <> 'open' AND decided_at IS NOT NULL
          ),
          by_agency AS (
            INSERT INTO task_month_agency AS t (month, agency, permit_type, bucket, decided, on_time, breaches, deemed)
            SELECT month, agency, permit_type, bucket, sum(sign * decided), sum(sign * on_time), sum(sign * breaches), sum(sign * deemed)
            FROM d GROUP BY 1, 2, 3, 4
            HAVING sum(sign * decided) <> 0 OR sum(sign * on_time) <> 0 OR sum(sign * breaches) <> 0 OR sum(sign * deemed) <> 0
            ORDER BY 1, 2, 3, 4
            ON CONFLICT (month, agency, permit_type, bucket) DO UPDATE SET decided = t.decided + excluded.decided,
              on_time = t.on_time + excluded.on_time, breaches = t.breaches + excluded.breaches, deemed = t.deemed + excluded.deemed
            RETURNING 1
          )
          INSERT INTO task_month_office AS t (month, office_id, bucket, decided, on_time, breaches, deemed)
          SELECT month, office_id, bucket, sum(sign * decided), sum(sign * on_time), sum(sign * breaches), sum(sign * deemed)
          FROM d GROUP BY 1, 2, 3
          HAVING sum(sign * decided) <> 0 OR sum(sign * on_time) <> 0 OR sum(sign * breaches) <> 0 OR sum(sign * deemed) <> 0
          ORDER BY 1, 2, 3
          ON CONFLICT (month, office_id, bucket) DO UPDATE SET decided = t.decided + excluded.decided,
            on_time = t.on_time + excluded.on_time, breaches = t.breaches + excluded.breaches, deemed = t.deemed + excluded.deemed
        $q$, src);
        RETURN NULL;
      END $fn$;

      CREATE OR REPLACE FUNCTION rollup_application() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE src text := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
        WHEN 'UPDATE' THEN 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows'
        ELSE 'SELECT -1 AS sign, * FROM old_rows' END;
      BEGIN
        EXECUTE format($q$
          WITH r AS (%s),
          received AS (
            INSERT INTO application_month_received AS t (month, office_id, permit_type, n)
            SELECT jakarta_month(submitted_at), receiving_office_id, permit_type, sum(sign) FROM r GROUP BY 1, 2, 3
            HAVING sum(sign) <> 0 ORDER BY 1, 2, 3
            ON CONFLICT (month, office_id, permit_type) DO UPDATE SET n = t.n + excluded.n
            RETURNING 1
          ),
          d AS (
            SELECT sign, jakarta_month(decided_at) AS month, receiving_office_id AS office_id,
              coalesce(minutes_bucket(handoff_minutes), -1) AS bucket,
              (status IN ('issued','rejected'))::int AS closed,
              (status IN ('issued','rejected') AND NOT deemed_granted AND business_minutes_used <= legal_deadline_minutes)::int AS on_time,
              (status IN ('issued','rejected') AND (deemed_granted OR business_minutes_used > legal_deadline_minutes))::int AS breaches,
              deemed_granted::int AS deemed
            FROM r WHERE decided_at IS NOT NULL
          )
          INSERT INTO application_month_closed AS t (month, office_id, bucket, closed, on_time, breaches, deemed)
          SELECT month, office_id, bucket, sum(sign * closed), sum(sign * coalesce(on_time, 0)), sum(sign * coalesce(breaches, 0)), sum(sign * deemed)
          FROM d GROUP BY 1, 2, 3
          HAVING sum(sign * closed) <> 0 OR sum(sign * coalesce(on_time, 0)) <> 0 OR sum(sign * coalesce(breaches, 0)) <> 0 OR sum(sign * deemed) <> 0
          ORDER BY 1, 2, 3
          ON CONFLICT (month, office_id, bucket) DO UPDATE SET closed = t.closed + excluded.closed,
            on_time = t.on_time + excluded.on_time, breaches = t.breaches + excluded.breaches, deemed = t.deemed + excluded.deemed
        $q$, src);
        RETURN NULL;
      END $fn$;

      CREATE OR REPLACE FUNCTION rollup_escalation() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE src text := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
        WHEN 'UPDATE' THEN 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows'
        ELSE 'SELECT -1 AS sign, * FROM old_rows' END;
      BEGIN
        EXECUTE format($q$
          INSERT INTO escalation_month AS t (month, agency, office_id, rung, n)
          SELECT jakarta_month(at), agency, office_id, rung, sum(sign) FROM (%s) r GROUP BY 1, 2, 3, 4
          HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4
          ON CONFLICT (month, agency, office_id, rung) DO UPDATE SET n = t.n + excluded.n
        $q$, src);
        RETURN NULL;
      END $fn$;

      CREATE OR REPLACE FUNCTION rollup_points() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE src text := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
        WHEN 'UPDATE' THEN 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows'
        ELSE 'SELECT -1 AS sign, * FROM old_rows' END;
      BEGIN
        EXECUTE format($q$
          INSERT INTO points_month AS t (month, officer, agency, office_id, steps, on_time, points)
          SELECT jakarta_month(awarded_at), officer, agency, office_id, sum(sign), sum(sign * (late_minutes = 0)::int), sum(sign * points)
          FROM (%s) r GROUP BY 1, 2, 3, 4
          HAVING sum(sign) <> 0 OR sum(sign * points) <> 0 ORDER BY 1, 2, 3, 4
          ON CONFLICT (month, officer, agency, office_id) DO UPDATE SET steps = t.steps + excluded.steps,
            on_time = t.on_time + excluded.on_time, points = t.points + excluded.points
        $q$, src);
        RETURN NULL;
      END $fn$;`;

/**
 * Monthly rollups for the accountability reports, kept exact by statement-level triggers: every
 * INSERT, UPDATE or DELETE on task, application, escalation and points adds its rows' contribution and
 * takes away the old one (a projection that rewrites an unchanged row nets zero and writes nothing).
 * A report takes the whole Jakarta months of its period from the rollups and the partial months at
 * its ends from the rows themselves. Decision times are counted per bucket of whole minutes
 * (minutes_bucket); the exact percentile is then read from the rows of the one bucket it falls in.
 * docs/reports.md shows the query plans.
 */
export class ReportRollups1795400000001 implements MigrationInterface {
  name = 'ReportRollups1795400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE task_month_agency (
        month date NOT NULL, agency text NOT NULL, permit_type text NOT NULL, bucket int NOT NULL,
        decided int NOT NULL, on_time int NOT NULL, breaches int NOT NULL, deemed int NOT NULL,
        PRIMARY KEY (month, agency, permit_type, bucket)
      );
      CREATE TABLE task_month_office (
        month date NOT NULL, office_id text NOT NULL, bucket int NOT NULL,
        decided int NOT NULL, on_time int NOT NULL, breaches int NOT NULL, deemed int NOT NULL,
        PRIMARY KEY (month, office_id, bucket)
      );
      CREATE TABLE escalation_month (
        month date NOT NULL, agency text NOT NULL, office_id text NOT NULL, rung text NOT NULL, n int NOT NULL,
        PRIMARY KEY (month, agency, office_id, rung)
      );
      CREATE TABLE application_month_closed (
        month date NOT NULL, office_id text NOT NULL, bucket int NOT NULL,
        closed int NOT NULL, on_time int NOT NULL, breaches int NOT NULL, deemed int NOT NULL,
        PRIMARY KEY (month, office_id, bucket)
      );
      CREATE TABLE application_month_received (
        month date NOT NULL, office_id text NOT NULL, permit_type text NOT NULL, n int NOT NULL,
        PRIMARY KEY (month, office_id, permit_type)
      );
      CREATE TABLE points_month (
        month date NOT NULL, officer text NOT NULL, agency text NOT NULL, office_id text NOT NULL,
        steps int NOT NULL, on_time int NOT NULL, points numeric NOT NULL,
        PRIMARY KEY (month, officer, agency, office_id)
      );

      -- Intake to hand-off in whole business minutes, for a closed application: a deemed grant counts the
      -- full legal deadline (nobody decided), the others their own clock rounded up.
      ALTER TABLE application ADD COLUMN handoff_minutes int GENERATED ALWAYS AS (${HANDOFF_MINUTES_SQL}) STORED;

      -- The rows of one quarter-hour bucket of one agency or office, in order: the exact percentile.
      CREATE INDEX task_agency_minutes_idx ON task (agency, attempt_minutes) INCLUDE (decided_at, permit_type)
        WHERE status IN ('approved','rejected','revision_requested');
      CREATE INDEX task_office_minutes_idx ON task (office_id, attempt_minutes) INCLUDE (decided_at, permit_type)
        WHERE status IN ('approved','rejected','revision_requested');
      -- The first-due open step of each agency or office: one short descent per key.
      CREATE INDEX task_open_agency_due_idx ON task (agency, due_at) INCLUDE (permit_type) WHERE status = 'open';
      CREATE INDEX task_open_office_due_idx ON task (office_id, due_at) INCLUDE (permit_type) WHERE status = 'open';
      CREATE INDEX application_handoff_idx ON application (receiving_office_id, handoff_minutes) INCLUDE (decided_at, permit_type)
        WHERE handoff_minutes IS NOT NULL;

      CREATE FUNCTION jakarta_month(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT date_trunc('month', at AT TIME ZONE 'Asia/Jakarta')::date $$;
      -- Buckets of whole business minutes, finer where most decisions fall; bucket b holds the minutes
      -- from the b-th threshold up to (not including) the next. apps/api/src/reports/reports.service.ts
      -- holds the same thresholds (MINUTE_BUCKETS), checked against this function by the report tests.
      CREATE FUNCTION minutes_bucket(minutes int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT width_bucket(minutes, '{0,1,2,4,8,15,30,45,60,90,120,180,240,300,360,450,600,750,900,1125,1350,1800,2250,2700,3150,3600,4500,5400,6300,7650,9000,10800,12600,15750,18000,22500,27000,36000,45000,67500,90000}'::int[]) $$;

${ROLLUP_TRIGGER_FUNCTIONS}
    `);
    // What is already there, then the triggers that keep it exact from now on.
    await q.query(`
      INSERT INTO task_month_agency (month, agency, permit_type, bucket, decided, on_time, breaches, deemed)
      SELECT jakarta_month(decided_at), agency, coalesce(permit_type, ''),
        CASE WHEN status IN ('approved','rejected','revision_requested') AND attempt_minutes IS NOT NULL THEN minutes_bucket(ceil(attempt_minutes)::int) ELSE -1 END,
        count(*) FILTER (WHERE status IN ('approved','rejected','revision_requested')),
        count(*) FILTER (WHERE status IN ('approved','rejected','revision_requested') AND NOT coalesce(breached, false)),
        count(*) FILTER (WHERE coalesce(breached, false)), count(*) FILTER (WHERE status = 'deemed')
      FROM task WHERE status <> 'open' AND decided_at IS NOT NULL GROUP BY 1, 2, 3, 4;
      INSERT INTO task_month_office (month, office_id, bucket, decided, on_time, breaches, deemed)
      SELECT month, office_id, bucket, sum(decided), sum(on_time), sum(breaches), sum(deemed) FROM (
        SELECT jakarta_month(decided_at) AS month, office_id,
          CASE WHEN status IN ('approved','rejected','revision_requested') AND attempt_minutes IS NOT NULL THEN minutes_bucket(ceil(attempt_minutes)::int) ELSE -1 END AS bucket,
          (status IN ('approved','rejected','revision_requested'))::int AS decided,
          (status IN ('approved','rejected','revision_requested') AND NOT coalesce(breached, false))::int AS on_time,
          coalesce(breached, false)::int AS breaches, (status = 'deemed')::int AS deemed
        FROM task WHERE status <> 'open' AND decided_at IS NOT NULL) x GROUP BY 1, 2, 3;
      INSERT INTO escalation_month (month, agency, office_id, rung, n)
      SELECT jakarta_month(at), agency, office_id, rung, count(*) FROM escalation GROUP BY 1, 2, 3, 4;
      INSERT INTO application_month_received (month, office_id, permit_type, n)
      SELECT jakarta_month(submitted_at), receiving_office_id, permit_type, count(*) FROM application GROUP BY 1, 2, 3;
      INSERT INTO application_month_closed (month, office_id, bucket, closed, on_time, breaches, deemed)
      SELECT jakarta_month(decided_at), receiving_office_id, coalesce(minutes_bucket(handoff_minutes), -1),
        count(*) FILTER (WHERE status IN ('issued','rejected')),
        count(*) FILTER (WHERE status IN ('issued','rejected') AND NOT deemed_granted AND business_minutes_used <= legal_deadline_minutes),
        count(*) FILTER (WHERE status IN ('issued','rejected') AND (deemed_granted OR business_minutes_used > legal_deadline_minutes)),
        count(*) FILTER (WHERE deemed_granted)
      FROM application WHERE decided_at IS NOT NULL GROUP BY 1, 2, 3;
      INSERT INTO points_month (month, officer, agency, office_id, steps, on_time, points)
      SELECT jakarta_month(awarded_at), officer, agency, office_id, count(*), count(*) FILTER (WHERE late_minutes = 0), sum(points)
      FROM points GROUP BY 1, 2, 3, 4;
    `);
    for (const [table, fn] of [
      ['task', 'rollup_task'],
      ['application', 'rollup_application'],
      ['escalation', 'rollup_escalation'],
      ['points', 'rollup_points'],
    ]) {
      await q.query(transitionTriggers(`${table}_rollup`, table, fn));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['task', 'application', 'escalation', 'points']) {
      await q.query(`DROP TRIGGER ${table}_rollup_insert ON ${table}; DROP TRIGGER ${table}_rollup_update ON ${table}; DROP TRIGGER ${table}_rollup_delete ON ${table};`);
    }
    await q.query(`
      DROP FUNCTION rollup_points(); DROP FUNCTION rollup_escalation(); DROP FUNCTION rollup_application(); DROP FUNCTION rollup_task();
      DROP FUNCTION minutes_bucket(int); DROP FUNCTION jakarta_month(timestamptz);
      DROP INDEX application_handoff_idx; DROP INDEX task_open_office_due_idx; DROP INDEX task_open_agency_due_idx; DROP INDEX task_office_minutes_idx; DROP INDEX task_agency_minutes_idx;
      ALTER TABLE application DROP COLUMN handoff_minutes;
      DROP TABLE points_month; DROP TABLE application_month_received; DROP TABLE application_month_closed;
      DROP TABLE escalation_month; DROP TABLE task_month_office; DROP TABLE task_month_agency;
    `);
  }
}
