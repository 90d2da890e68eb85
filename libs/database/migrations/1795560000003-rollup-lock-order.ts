import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose statement triggers keep rollups (1795400000001-report-rollups, 1795560000002-open-step-counts). */
export const ROLLED_UP = ['application', 'task', 'points', 'escalation'];

/**
 * The class of the advisory locks below (pg_advisory_xact_lock(class, key)): the other half of the key
 * is the permit type's hash.
 */
export const ROLLUP_LOCK_CLASS = 1795560003;

/**
 * One order for the rollups' row locks: a transaction that changes a row of a rolled-up table first
 * takes a transaction lock on the row's permit type, before any rollup row is locked.
 *
 * The rollups are kept by statement triggers, which run at the end of the statement, one trigger after
 * another; each locks its rollup rows in key order, but two triggers of one statement (a projection
 * inserts a step's next attempt and updates the one decided) lock theirs one after the other. Two
 * projections of the same permit type could so wait for each other, one on the open-step count of a
 * step and the other on that of another step, until PostgreSQL broke the deadlock after a second and the
 * projection was retried: 48 times on task_open_count and 28 on task_month_agency in the first 16 days
 * of a simulated month of 10,000 applications, each costing its decision over a second.
 *
 * The lock is taken by a row trigger BEFORE the change, so during the statement, always before the
 * statement triggers lock any rollup row; rollups of one permit type are then changed by one transaction
 * at a time, and transactions of other permit types go on beside it. A projection touches one
 * application, so one permit type. It is named to run after the row triggers that fill in the permit
 * type (escalation_permit_type).
 */
export class RollupLockOrder1795560000003 implements MigrationInterface {
  name = 'RollupLockOrder1795560000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION lock_rollups_of_permit_type() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM pg_advisory_xact_lock(${ROLLUP_LOCK_CLASS}, hashtext(coalesce(OLD.permit_type, '')));
          RETURN OLD;
        END IF;
        PERFORM pg_advisory_xact_lock(${ROLLUP_LOCK_CLASS}, hashtext(coalesce(NEW.permit_type, '')));
        RETURN NEW;
      END $fn$;
      ${ROLLED_UP.map((t) => `CREATE TRIGGER ${t}_rollup_lock BEFORE INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION lock_rollups_of_permit_type();`).join('\n      ')}
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ${ROLLED_UP.map((t) => `DROP TRIGGER ${t}_rollup_lock ON ${t};`).join('\n      ')}
      DROP FUNCTION lock_rollups_of_permit_type();
    `);
  }
}
