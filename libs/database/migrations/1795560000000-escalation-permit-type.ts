import { MigrationInterface, QueryRunner } from 'typeorm';
import { GATED_ESCALATION_FUNCTION } from './1795400000002-rollup-trigger-gates';

/**
 * Escalations by permit type. An escalation row carries its application's permit type (filled in from
 * its application unless the writer gives one, as the bench's bulk seed does), and `escalation_month`
 * gains it as a key column. A league table for one permit type then reads its escalations' whole months
 * from the rollup like every other measure. Before, it joined every escalation of the period to its
 * application: 260-375 ms of the office table for one type on the 1,000,000-row bench, more than any
 * other query of it.
 * `down` restores the rollup's key and function of 1795400000002 and drops the column.
 */
export class EscalationPermitType1795560000000 implements MigrationInterface {
  name = 'EscalationPermitType1795560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE escalation ADD COLUMN permit_type text;
      -- The rollup's trigger sees each row leave and come back with the same month, agency, office and
      -- rung: the update nets zero there, and the rollup is rebuilt below anyway.
      UPDATE escalation e SET permit_type = a.permit_type FROM application a WHERE a.id = e.application_id;

      CREATE FUNCTION escalation_permit_type() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NEW.permit_type IS NULL THEN
          NEW.permit_type := (SELECT permit_type FROM application WHERE id = NEW.application_id);
        END IF;
        RETURN NEW;
      END $fn$;
      CREATE TRIGGER escalation_permit_type BEFORE INSERT ON escalation FOR EACH ROW EXECUTE FUNCTION escalation_permit_type();

      ALTER TABLE escalation_month DROP CONSTRAINT escalation_month_pkey;
      ALTER TABLE escalation_month ADD COLUMN permit_type text NOT NULL DEFAULT '';
      TRUNCATE escalation_month;
      INSERT INTO escalation_month (month, agency, office_id, permit_type, rung, n)
      SELECT jakarta_month(at), agency, office_id, coalesce(permit_type, ''), rung, count(*) FROM escalation GROUP BY 1, 2, 3, 4, 5;
      ALTER TABLE escalation_month ADD PRIMARY KEY (month, agency, office_id, permit_type, rung);

      -- The period's partial months read from the rows, by permit type too: an index-only scan.
      DROP INDEX escalation_at_idx;
      CREATE INDEX escalation_at_idx ON escalation (at) INCLUDE (agency, office_id, rung, application_id, permit_type);

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
          INSERT INTO escalation_month AS t (month, agency, office_id, permit_type, rung, n)
          SELECT jakarta_month(at), agency, office_id, coalesce(permit_type, ''), rung, sum(sign) FROM (%s) r GROUP BY 1, 2, 3, 4, 5
          HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4, 5
          ON CONFLICT (month, agency, office_id, permit_type, rung) DO UPDATE SET n = t.n + excluded.n
        $q$, src);
        RETURN NULL;
      END $fn$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER escalation_permit_type ON escalation;
      DROP FUNCTION escalation_permit_type();
      ALTER TABLE escalation_month DROP CONSTRAINT escalation_month_pkey;
      TRUNCATE escalation_month;
      ALTER TABLE escalation_month DROP COLUMN permit_type;
      INSERT INTO escalation_month (month, agency, office_id, rung, n)
      SELECT jakarta_month(at), agency, office_id, rung, count(*) FROM escalation GROUP BY 1, 2, 3, 4;
      ALTER TABLE escalation_month ADD PRIMARY KEY (month, agency, office_id, rung);
      DROP INDEX escalation_at_idx;
      ALTER TABLE escalation DROP COLUMN permit_type;
      CREATE INDEX escalation_at_idx ON escalation (at) INCLUDE (agency, office_id, rung, application_id);
${GATED_ESCALATION_FUNCTION}
    `);
  }
}
