import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A resubmission may correct the data and replace documents: its audit row names what changed (the
 * field names and document types of the timeline's `resubmitted` event, never values). NULL on every
 * other row and on resubmissions recorded before. Adding a column changes no existing row, so the
 * append-only triggers stay as they are.
 */
export class AuditResubmissionChanges1795530000000 implements MigrationInterface {
  name = 'AuditResubmissionChanges1795530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ADD COLUMN changed_fields text[], ADD COLUMN changed_documents text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DROP COLUMN changed_documents, DROP COLUMN changed_fields`);
  }
}
