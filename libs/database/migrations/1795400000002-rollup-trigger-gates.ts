import { MigrationInterface, QueryRunner } from 'typeorm';
import { ROLLUP_TRIGGER_FUNCTIONS } from './1795400000001-report-rollups';

/** The gated rollup_task and rollup_application of this migration (1795400000003 restores them on the way down). */
export const GATED_TASK_AND_APPLICATION_FUNCTIONS = `
      CREATE OR REPLACE FUNCTION rollup_task() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE src text := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
        WHEN 'UPDATE' THEN 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows'
        ELSE 'SELECT -1 AS sign, * FROM old_rows' END;
      BEGIN
        -- Open attempts count nowhere: a statement that touched only open ones (and left them open) changes nothing.
        -- (One IF per transition table: a query naming old_rows may not even be prepared in an INSERT trigger.)
        IF TG_OP = 'INSERT' THEN
          IF NOT EXISTS (SELECT FROM new_rows WHERE status <> 'open' AND decided_at IS NOT NULL) THEN RETURN NULL; END IF;
        ELSIF TG_OP = 'DELETE' THEN
          IF NOT EXISTS (SELECT FROM old_rows WHERE status <> 'open' AND decided_at IS NOT NULL) THEN RETURN NULL; END IF;
        ELSIF NOT EXISTS (SELECT FROM new_rows WHERE status <> 'open' AND decided_at IS NOT NULL)
          AND NOT EXISTS (SELECT FROM old_rows WHERE status <> 'open' AND decided_at IS NOT NULL) THEN
          RETURN NULL;
        END IF;
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
        -- An update counts only when an application closes (or a closed one changes), or its intake row changes.
        IF TG_OP = 'INSERT' THEN
          IF NOT EXISTS (SELECT FROM new_rows) THEN RETURN NULL; END IF;
        ELSIF TG_OP = 'DELETE' THEN
          IF NOT EXISTS (SELECT FROM old_rows) THEN RETURN NULL; END IF;
        ELSIF NOT EXISTS (SELECT FROM new_rows WHERE decided_at IS NOT NULL)
          AND NOT EXISTS (SELECT FROM old_rows WHERE decided_at IS NOT NULL)
          AND NOT EXISTS (SELECT FROM new_rows n JOIN old_rows o USING (id)
                          WHERE (n.submitted_at, n.receiving_office_id, n.permit_type) IS DISTINCT FROM (o.submitted_at, o.receiving_office_id, o.permit_type)) THEN
          RETURN NULL;
        END IF;
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
      END $fn$;`;

/** The escalation rollup's function as this migration defines it (1795560000000 restores it on the way down). */
export const GATED_ESCALATION_FUNCTION = `
      CREATE OR REPLACE FUNCTION rollup_escalation() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE src text := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
        WHEN 'UPDATE' THEN 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows'
        ELSE 'SELECT -1 AS sign, * FROM old_rows' END;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF NOT EXISTS (SELECT FROM old_rows) THEN RETURN NULL; END IF;
        ELSIF NOT EXISTS (SELECT FROM new_rows) THEN
          RETURN NULL;
        END IF;
        EXECUTE format($q$
          INSERT INTO escalation_month AS t (month, agency, office_id, rung, n)
          SELECT jakarta_month(at), agency, office_id, rung, sum(sign) FROM (%s) r GROUP BY 1, 2, 3, 4
          HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4
          ON CONFLICT (month, agency, office_id, rung) DO UPDATE SET n = t.n + excluded.n
        $q$, src);
        RETURN NULL;
      END $fn$;
`;

/**
 * The rollup triggers of 1795400000001 ran their whole (dynamically planned) statement for every write to
 * their tables, although most writes change no rollup: a projection rewrites open step attempts, and
 * applications still in review. Each function now first checks its transition tables with a plain query
 * and returns at once when no row can count (open attempts, open applications, empty statements). What the
 * rollups hold is unchanged: the same rows that counted before count now. The projection (activities/
 * projection.activities.ts) also stopped rewriting step attempts that did not change.
 * `down` restores the functions of 1795400000001 as they were.
 */
export class RollupTriggerGates1795400000002 implements MigrationInterface {
  name = 'RollupTriggerGates1795400000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
${GATED_TASK_AND_APPLICATION_FUNCTIONS}

${GATED_ESCALATION_FUNCTION}
      CREATE OR REPLACE FUNCTION rollup_points() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE src text := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
        WHEN 'UPDATE' THEN 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows'
        ELSE 'SELECT -1 AS sign, * FROM old_rows' END;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF NOT EXISTS (SELECT FROM old_rows) THEN RETURN NULL; END IF;
        ELSIF NOT EXISTS (SELECT FROM new_rows) THEN
          RETURN NULL;
        END IF;
        EXECUTE format($q$
          INSERT INTO points_month AS t (month, officer, agency, office_id, steps, on_time, points)
          SELECT jakarta_month(awarded_at), officer, agency, office_id, sum(sign), sum(sign * (late_minutes = 0)::int), sum(sign * points)
          FROM (%s) r GROUP BY 1, 2, 3, 4
          HAVING sum(sign) <> 0 OR sum(sign * points) <> 0 ORDER BY 1, 2, 3, 4
          ON CONFLICT (month, officer, agency, office_id) DO UPDATE SET steps = t.steps + excluded.steps,
            on_time = t.on_time + excluded.on_time, points = t.points + excluded.points
        $q$, src);
        RETURN NULL;
      END $fn$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
${ROLLUP_TRIGGER_FUNCTIONS}
    `);
  }
}
