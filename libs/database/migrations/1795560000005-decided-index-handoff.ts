import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * application_decided_idx also carries handoff_minutes, the one column the office table's hand-off
 * closures read at a period's ends that it lacked: without it, every application closed in those days
 * was fetched from the table (an index scan, not an index-only one; 30,431 applications for the ends of
 * 15 March to 14 September on the 1,000,000-row bench).
 */
export class DecidedIndexHandOff1795560000005 implements MigrationInterface {
  name = 'DecidedIndexHandOff1795560000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX application_decided_idx;
      CREATE INDEX application_decided_idx ON application (decided_at)
        INCLUDE (receiving_office_id, status, deemed_granted, business_minutes_used, legal_deadline_minutes, permit_type, handoff_minutes)
        WHERE decided_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX application_decided_idx;
      CREATE INDEX application_decided_idx ON application (decided_at)
        INCLUDE (receiving_office_id, status, deemed_granted, business_minutes_used, legal_deadline_minutes, permit_type)
        WHERE decided_at IS NOT NULL;
    `);
  }
}
