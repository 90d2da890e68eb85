import { MigrationInterface, QueryRunner } from 'typeorm';
import { ROLLED_UP, ROLLUP_LOCK_CLASS, RollupLockOrder1795560000003 } from './1795560000003-rollup-lock-order';
import { ATTEMPT_BUCKET_SQL } from './1795560000004-closed-attempt-bucket';

export type Op = 'INSERT' | 'UPDATE' | 'DELETE';

/** The rows a statement changed, signed: +1 for what it wrote, −1 for what it replaced or removed. */
const SIGNED: Record<Op, string> = {
  INSERT: 'SELECT 1 AS sign, * FROM new_rows',
  UPDATE: 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows',
  DELETE: 'SELECT -1 AS sign, * FROM old_rows',
};

/**
 * A trigger function that runs `body(rows)` with the signed rows of the operation that fired it, as
 * three static statements, one per operation. `gate` (a boolean SQL expression over the same rows, or
 * null) says when a statement changed nothing the rollup counts. Each branch only names the transition
 * tables its operation has: PostgreSQL plans a statement when it first runs, so an INSERT trigger never
 * plans the branch naming old_rows.
 *
 * With `lock`, before it writes a rollup row the function takes the transaction lock of each permit
 * type among the rows (in hash order; ROLLUP_LOCK_CLASS, 1795560000003). The functions on `task` need it:
 * an upsert of attempts fires the INSERT trigger and then the UPDATE trigger, two passes over the same
 * rollup rows (the open counts, the closures), and two projections of one permit type could lock two of
 * them in opposite orders. Under the lock they cannot. The rollups of `application`, `points` and
 * `escalation` are written in one pass per statement (a projection changes one application and only
 * inserts points), each in key order, so they need no lock. The lock is held from the first task rollup
 * write to the commit, not from the statement's first row as 1795560000003's row triggers held it; the
 * projection's statement has its task rollups run last (activities/projection.activities.ts).
 */
export function staticRollup(name: string, body: (rows: string, op: Op) => string, gate: Record<Op, string> | null, lock = false): string {
  const locked = (op: Op) => `
          FOR h IN SELECT DISTINCT hashtext(coalesce(permit_type, '')) FROM (${SIGNED[op]}) r ORDER BY 1 LOOP
            PERFORM pg_advisory_xact_lock(${ROLLUP_LOCK_CLASS}, h);
          END LOOP;`;
  const branch = (op: Op) => `
          ${gate ? `IF NOT (${gate[op]}) THEN RETURN NULL; END IF;` : ''}${lock ? locked(op) : ''}
          ${body(SIGNED[op], op)};`;
  return `
      CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$${lock ? '\n      DECLARE h int;' : ''}
      BEGIN
        IF TG_OP = 'INSERT' THEN${branch('INSERT')}
        ELSIF TG_OP = 'UPDATE' THEN${branch('UPDATE')}
        ELSE${branch('DELETE')}
        END IF;
        RETURN NULL;
      END $fn$;`;
}

const OFFICER = `('approved','rejected','revision_requested')`;

/** The stored bucket of a closed attempt (1795560000004); ATTEMPT_BUCKET_SQL is what it is computed from. */
const STORED_BUCKET = 'attempt_bucket';

const taskRollup = (bucket: string): string =>
  staticRollup(
    'rollup_task',
    (rows) => `
          WITH d AS (
            SELECT sign, jakarta_month(decided_at) AS month, agency, office_id, coalesce(permit_type, '') AS permit_type,
              ${bucket} AS bucket,
              (status IN ${OFFICER})::int AS decided,
              (status IN ${OFFICER} AND NOT coalesce(breached, false))::int AS on_time,
              coalesce(breached, false)::int AS breaches,
              (status = 'deemed')::int AS deemed
            FROM (${rows}) r WHERE status <> 'open' AND decided_at IS NOT NULL
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
          INSERT INTO task_month_office AS t (month, office_id, permit_type, bucket, decided, on_time, breaches, deemed)
          SELECT month, office_id, permit_type, bucket, sum(sign * decided), sum(sign * on_time), sum(sign * breaches), sum(sign * deemed)
          FROM d GROUP BY 1, 2, 3, 4
          HAVING sum(sign * decided) <> 0 OR sum(sign * on_time) <> 0 OR sum(sign * breaches) <> 0 OR sum(sign * deemed) <> 0
          ORDER BY 1, 2, 3, 4
          ON CONFLICT (month, office_id, permit_type, bucket) DO UPDATE SET decided = t.decided + excluded.decided,
            on_time = t.on_time + excluded.on_time, breaches = t.breaches + excluded.breaches, deemed = t.deemed + excluded.deemed`,
    // Open attempts count nowhere: a statement that touched only open ones (and left them open) changes nothing.
    {
      INSERT: `EXISTS (SELECT FROM new_rows WHERE status <> 'open' AND decided_at IS NOT NULL)`,
      UPDATE: `EXISTS (SELECT FROM new_rows WHERE status <> 'open' AND decided_at IS NOT NULL)
               OR EXISTS (SELECT FROM old_rows WHERE status <> 'open' AND decided_at IS NOT NULL)`,
      DELETE: `EXISTS (SELECT FROM old_rows WHERE status <> 'open' AND decided_at IS NOT NULL)`,
    },
    true,
  );

const APPLICATION = staticRollup(
  'rollup_application',
  (rows) => `
          WITH r AS (${rows}),
          received AS (
            INSERT INTO application_month_received AS t (month, office_id, permit_type, n)
            SELECT jakarta_month(submitted_at), receiving_office_id, permit_type, sum(sign) FROM r GROUP BY 1, 2, 3
            HAVING sum(sign) <> 0 ORDER BY 1, 2, 3
            ON CONFLICT (month, office_id, permit_type) DO UPDATE SET n = t.n + excluded.n
            RETURNING 1
          ),
          d AS (
            SELECT sign, jakarta_month(decided_at) AS month, receiving_office_id AS office_id, permit_type,
              coalesce(minutes_bucket(handoff_minutes), -1) AS bucket,
              (status IN ('issued','rejected'))::int AS closed,
              (status IN ('issued','rejected') AND NOT deemed_granted AND business_minutes_used <= legal_deadline_minutes)::int AS on_time,
              (status IN ('issued','rejected') AND (deemed_granted OR business_minutes_used > legal_deadline_minutes))::int AS breaches,
              deemed_granted::int AS deemed
            FROM r WHERE decided_at IS NOT NULL
          )
          INSERT INTO application_month_closed AS t (month, office_id, permit_type, bucket, closed, on_time, breaches, deemed)
          SELECT month, office_id, permit_type, bucket, sum(sign * closed), sum(sign * coalesce(on_time, 0)), sum(sign * coalesce(breaches, 0)), sum(sign * deemed)
          FROM d GROUP BY 1, 2, 3, 4
          HAVING sum(sign * closed) <> 0 OR sum(sign * coalesce(on_time, 0)) <> 0 OR sum(sign * coalesce(breaches, 0)) <> 0 OR sum(sign * deemed) <> 0
          ORDER BY 1, 2, 3, 4
          ON CONFLICT (month, office_id, permit_type, bucket) DO UPDATE SET closed = t.closed + excluded.closed,
            on_time = t.on_time + excluded.on_time, breaches = t.breaches + excluded.breaches, deemed = t.deemed + excluded.deemed`,
  // An update counts only when an application closes (or a closed one changes), or its intake row changes.
  {
    INSERT: `EXISTS (SELECT FROM new_rows)`,
    UPDATE: `EXISTS (SELECT FROM new_rows WHERE decided_at IS NOT NULL)
             OR EXISTS (SELECT FROM old_rows WHERE decided_at IS NOT NULL)
             OR EXISTS (SELECT FROM new_rows n JOIN old_rows o USING (id)
                        WHERE (n.submitted_at, n.receiving_office_id, n.permit_type) IS DISTINCT FROM (o.submitted_at, o.receiving_office_id, o.permit_type))`,
    DELETE: `EXISTS (SELECT FROM old_rows)`,
  },
);

export const ANY_ROWS: Record<Op, string> = { INSERT: `EXISTS (SELECT FROM new_rows)`, UPDATE: `EXISTS (SELECT FROM new_rows)`, DELETE: `EXISTS (SELECT FROM old_rows)` };

const ESCALATION = staticRollup(
  'rollup_escalation',
  (rows) => `
          INSERT INTO escalation_month AS t (month, agency, office_id, permit_type, rung, n)
          SELECT jakarta_month(at), agency, office_id, coalesce(permit_type, ''), rung, sum(sign) FROM (${rows}) r GROUP BY 1, 2, 3, 4, 5
          HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4, 5
          ON CONFLICT (month, agency, office_id, permit_type, rung) DO UPDATE SET n = t.n + excluded.n`,
  ANY_ROWS,
);

const POINTS = staticRollup(
  'rollup_points',
  (rows) => `
          INSERT INTO points_month AS t (month, officer, agency, office_id, steps, on_time, points)
          SELECT jakarta_month(awarded_at), officer, agency, office_id, sum(sign), sum(sign * (late_minutes = 0)::int), sum(sign * points)
          FROM (${rows}) r GROUP BY 1, 2, 3, 4
          HAVING sum(sign) <> 0 OR sum(sign * points) <> 0 ORDER BY 1, 2, 3, 4
          ON CONFLICT (month, officer, agency, office_id) DO UPDATE SET steps = t.steps + excluded.steps,
            on_time = t.on_time + excluded.on_time, points = t.points + excluded.points`,
  ANY_ROWS,
);

const CLOSED_ALL = staticRollup(
  'rollup_closed_all',
  (rows) => `
          INSERT INTO application_month_closed_all AS t (month, office_id, bucket, closed, on_time, breaches, deemed)
          SELECT month, office_id, bucket, sum(sign * closed), sum(sign * on_time), sum(sign * breaches), sum(sign * deemed)
          FROM (${rows}) r GROUP BY 1, 2, 3
          HAVING sum(sign * closed) <> 0 OR sum(sign * on_time) <> 0 OR sum(sign * breaches) <> 0 OR sum(sign * deemed) <> 0
          ORDER BY 1, 2, 3
          ON CONFLICT (month, office_id, bucket) DO UPDATE SET closed = t.closed + excluded.closed,
            on_time = t.on_time + excluded.on_time, breaches = t.breaches + excluded.breaches, deemed = t.deemed + excluded.deemed`,
  null,
);

/** The SLA wall's open attempts per step (1795560000002), the same statements, with the lock. */
const OPEN_COUNTS = staticRollup(
  'count_open_tasks',
  (rows, op) => `
          INSERT INTO task_open_count AS t (permit_type, definition_version, step_id, due_day, flagged, n)
          SELECT permit_type, definition_version, step_id, due_day(due_at), overdue, sum(sign) FROM (${rows}) r
          WHERE status = 'open' AND permit_type IS NOT NULL AND definition_version IS NOT NULL
          GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4, 5
          ON CONFLICT (permit_type, definition_version, step_id, due_day, flagged) DO UPDATE SET n = t.n + excluded.n${
            op === 'INSERT'
              ? ''
              : `;
          -- Only a row leaving a count can empty it.
          DELETE FROM task_open_count c
          USING (SELECT DISTINCT permit_type, definition_version, step_id, due_day(due_at) AS due_day, overdue FROM old_rows WHERE status = 'open') o
          WHERE c.n = 0 AND (c.permit_type, c.definition_version, c.step_id, c.due_day, c.flagged) = (o.permit_type, o.definition_version, o.step_id, o.due_day, o.overdue)`
          }`,
  // Closed attempts count nowhere.
  {
    INSERT: `EXISTS (SELECT FROM new_rows WHERE status = 'open')`,
    UPDATE: `EXISTS (SELECT FROM new_rows WHERE status = 'open') OR EXISTS (SELECT FROM old_rows WHERE status = 'open')`,
    DELETE: `EXISTS (SELECT FROM old_rows WHERE status = 'open')`,
  },
  true,
);

/**
 * The monthly rollups' trigger functions (task, application, escalation, points and the hand-off rollup
 * of all permit types) with static statements instead of `EXECUTE format(...)`: the same rollups, but
 * each statement is planned once per session rather than at every call, as count_open_tasks already
 * was (1795560000002).
 *
 * With pg_stat_statements in the bench (1,100 filings, 1,000 decisions, one permit type), the dynamic
 * functions cost 0.6-1.1 ms a call, about 5 ms per projection, and that time was spent holding the
 * permit type's rollup lock (1795560000003), so the projections of one permit type queued behind it.
 *
 * The permit type's lock moves into the task rollups, rollup_task and count_open_tasks (see
 * staticRollup): in the same bench, projections of the one permit type waited 10 s in all for each
 * other with the lock taken at the statement's first row.
 *
 * The down migration keeps the static functions, which compute what the dynamic ones did; only the
 * task rollup goes back to computing each attempt's bucket, so that 1795560000004's down can drop the
 * stored one, and the row triggers come back.
 */
export class StaticRollupTriggers1795560000006 implements MigrationInterface {
  name = 'StaticRollupTriggers1795560000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      [
        taskRollup(STORED_BUCKET),
        APPLICATION,
        ESCALATION,
        POINTS,
        CLOSED_ALL,
        OPEN_COUNTS,
        ...ROLLED_UP.map((t) => `DROP TRIGGER ${t}_rollup_lock ON ${t};`),
        'DROP FUNCTION lock_rollups_of_permit_type();',
      ].join('\n'),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The task rollup computes its bucket again, so that 1795560000004's down can drop the stored one.
    await q.query(taskRollup(ATTEMPT_BUCKET_SQL));
    await new RollupLockOrder1795560000003().up(q);
  }
}
