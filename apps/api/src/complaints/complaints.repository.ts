import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ComplaintRow {
  tracking_code: string;
  status: string;
  channel: string;
  category: string;
  office_id: string;
  office_name: string | null;
  application_tracking_code: string | null;
  created_at: Date;
  escalated_to: string | null;
  escalated_at: Date | null;
  request_hash: string;
}

export interface NewComplaint {
  id: string;
  trackingCode: string;
  requestHash: string;
  channel: string;
  officeId: string;
  category: string;
  applicationId: string | null;
  description: string | null;
  contact: object | null;
  /** Who it is escalated to at once (the inspectorate), if anyone. */
  escalatedTo: string | null;
}

/** A row of the notification outbox. */
export interface OutboxNotice {
  dedupKey: string;
  channel: 'email';
  recipient: string;
  subject: string;
  body: string;
}

const SELECT = `SELECT c.tracking_code, c.status, c.channel, c.category, c.office_id, o.name AS office_name,
    a.tracking_code AS application_tracking_code, c.created_at, c.escalated_to, c.escalated_at, c.request_hash
  FROM complaint c LEFT JOIN office o ON o.id = c.office_id LEFT JOIN application a ON a.id = c.application_id`;

/** Table complaint, with the office and application it names; the notification outbox for its escalation. */
@Injectable()
export class ComplaintsRepository {
  constructor(private readonly db: DataSource) {}

  async officeName(officeId: string): Promise<string | undefined> {
    const rows: Array<{ name: string }> = await this.db.query(`SELECT name FROM office WHERE id = $1`, [officeId]);
    return rows[0]?.name;
  }

  async applicationIdByTrackingCode(trackingCode: string): Promise<string | undefined> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM application WHERE tracking_code = $1`, [trackingCode]);
    return rows[0]?.id;
  }

  /**
   * The complaint and its outbox notice, in one transaction: no escalated complaint without its notice.
   * Answers false when a complaint with this id exists already (nothing is written then).
   */
  async insert(c: NewComplaint, notice?: OutboxNotice): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const inserted: Array<{ id: string }> = await m.query(
        `INSERT INTO complaint (id, tracking_code, request_hash, channel, office_id, category, application_id, description, contact, escalated_to, escalated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10, CASE WHEN $10::text IS NULL THEN NULL ELSE now() END)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [c.id, c.trackingCode, c.requestHash, c.channel, c.officeId, c.category, c.applicationId, c.description, c.contact ? JSON.stringify(c.contact) : null, c.escalatedTo],
      );
      if (inserted.length === 0) return false;
      if (notice) {
        await m.query(`INSERT INTO notification (dedup_key, channel, recipient, subject, body) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (dedup_key) DO NOTHING`, [
          notice.dedupKey,
          notice.channel,
          notice.recipient,
          notice.subject,
          notice.body,
        ]);
      }
      return true;
    });
  }

  async findById(id: string): Promise<ComplaintRow | undefined> {
    const rows: ComplaintRow[] = await this.db.query(`${SELECT} WHERE c.id = $1`, [id]);
    return rows[0];
  }

  async findByTrackingCode(trackingCode: string): Promise<ComplaintRow | undefined> {
    const rows: ComplaintRow[] = await this.db.query(`${SELECT} WHERE c.tracking_code = $1`, [trackingCode]);
    return rows[0];
  }
}
