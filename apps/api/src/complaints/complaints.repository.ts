import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ComplaintRow {
  id: string;
  tracking_code: string;
  status: string;
  channel: string;
  category: string;
  office_id: string;
  office_name: string | null;
  application_id: string | null;
  application_tracking_code: string | null;
  description: string | null;
  created_at: Date;
  escalated_to: string | null;
  escalated_at: Date | null;
  request_hash: string;
  pin_hash: string | null;
  responsible_office_id: string | null;
  responsible_office_name: string | null;
  due_at: Date | null;
  overdue: boolean;
  answer: string | null;
  answered_at: Date | null;
  answered_on_time: boolean | null;
  reopened: boolean;
  reopen_until: Date | null;
  closed_at: Date | null;
}

export interface ComplaintEventRow {
  complaint_id: string;
  seq: number;
  at: Date;
  type: string;
  note: string | null;
}

export interface NewComplaint {
  id: string;
  trackingCode: string;
  requestHash: string;
  pinHash: string;
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

export interface InboxFilter {
  office: string | null;
  status: string | null;
  overdue: boolean | null;
  after: { at: string; id: string } | null;
  limit: number;
}

const SELECT = `SELECT c.id, c.tracking_code, c.status, c.channel, c.category, c.office_id, o.name AS office_name, c.application_id,
    a.tracking_code AS application_tracking_code, c.description, c.created_at, c.escalated_to, c.escalated_at, c.request_hash, c.pin_hash,
    c.responsible_office_id, r.name AS responsible_office_name, c.due_at, c.overdue, c.answer, c.answered_at, c.answered_on_time,
    c.reopened, c.reopen_until, c.closed_at
  FROM complaint c LEFT JOIN office o ON o.id = c.office_id LEFT JOIN office r ON r.id = c.responsible_office_id
  LEFT JOIN application a ON a.id = c.application_id`;

/** Table complaint (the read model of the complaint workflows), its timeline, and the outbox row of its inspectorate notice. */
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
        `INSERT INTO complaint (id, tracking_code, request_hash, pin_hash, channel, office_id, category, application_id, description, contact, escalated_to, escalated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11, CASE WHEN $11::text IS NULL THEN NULL ELSE now() END)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [c.id, c.trackingCode, c.requestHash, c.pinHash, c.channel, c.officeId, c.category, c.applicationId, c.description, c.contact ? JSON.stringify(c.contact) : null, c.escalatedTo],
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

  async events(complaintIds: string[]): Promise<ComplaintEventRow[]> {
    if (complaintIds.length === 0) return [];
    return this.db.query(`SELECT complaint_id, seq, at, type, note FROM complaint_event WHERE complaint_id = ANY($1) ORDER BY complaint_id, seq`, [complaintIds]);
  }

  /** An office's complaints (every office's when `office` is null), oldest first, keyset-paged on (created_at, id). */
  async inbox(f: InboxFilter): Promise<ComplaintRow[]> {
    return this.db.query(
      `${SELECT} WHERE c.responsible_office_id IS NOT NULL
         AND ($1::text IS NULL OR c.responsible_office_id = $1)
         AND ($2::text IS NULL OR c.status = $2)
         AND ($3::boolean IS NULL OR c.overdue = $3)
         AND ($4::timestamptz IS NULL OR (c.created_at, c.id) > ($4::timestamptz, $5::text))
       ORDER BY c.created_at, c.id LIMIT $6`,
      [f.office, f.status, f.overdue, f.after?.at ?? null, f.after?.id ?? null, f.limit],
    );
  }
}
