import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import * as nodemailer from 'nodemailer';
import { DataSource } from 'typeorm';
import { Notifier, OutboxNotifier } from '../../../../activities/notifier';
import type { AppConfig } from '../../../../libs/config/config';
import { problems } from '../common/problem';
import { APP_CONFIG } from '../config.provider';
import { FileComplaintDto } from './dto/file-complaint.dto';

/** The provincial inspectorate: where a request for money (pungutan liar) goes at once. */
export const INSPECTORATE = 'INSPEKTORAT';
const INSPECTORATE_RECIPIENT = 'inspektur@inspektorat.jakarta.go.id';

export interface ComplaintView {
  trackingCode: string;
  status: string;
  channel: string;
  category: string;
  officeId: string;
  officeName: string | null;
  applicationTrackingCode: string | null;
  createdAt: string;
  escalatedTo: string | null;
  escalatedAt: string | null;
}

// Crockford base32 without I, L, O, U, as for application tracking codes.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function base32(bytes: Buffer, length: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** Ids derive from the Idempotency-Key: a complaint sent again after a timeout is the same complaint. */
export function complaintIdsFor(idempotencyKey: string): { id: string; trackingCode: string } {
  const digest = createHash('sha256').update(`complaint\n${idempotencyKey}`).digest();
  const code = base32(digest.subarray(15, 30), 8);
  return { id: base32(digest.subarray(0, 15), 24), trackingCode: `ADU-${code.slice(0, 4)}-${code.slice(4, 8)}` };
}

function requestHash(dto: FileComplaintDto): string {
  const canonical = JSON.stringify([dto.channel, dto.officeId, dto.category, dto.trackingCode?.toUpperCase() ?? null, dto.description ?? null, dto.contact?.phone ?? null, dto.contact?.email ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}

interface ComplaintRow {
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

const present = (r: ComplaintRow): ComplaintView => ({
  trackingCode: r.tracking_code,
  status: r.status,
  channel: r.channel,
  category: r.category,
  officeId: r.office_id,
  officeName: r.office_name,
  applicationTrackingCode: r.application_tracking_code,
  createdAt: r.created_at.toISOString(),
  escalatedTo: r.escalated_to,
  escalatedAt: r.escalated_at?.toISOString() ?? null,
});

const SELECT = `SELECT c.tracking_code, c.status, c.channel, c.category, c.office_id, o.name AS office_name,
    a.tracking_code AS application_tracking_code, c.created_at, c.escalated_to, c.escalated_at, c.request_hash
  FROM complaint c LEFT JOIN office o ON o.id = c.office_id LEFT JOIN application a ON a.id = c.application_id`;

/**
 * Citizens' complaints (pengaduan), filed without a token. A complaint about a request for money is
 * escalated to the inspectorate in the same transaction that records it: a notification in the outbox
 * and the complaint row marked as escalated. The contact details stay in the row, out of every message.
 */
@Injectable()
export class ComplaintsService {
  private readonly notifier: Notifier;
  private readonly logger = new Logger(ComplaintsService.name);

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const smtp = config.smtp;
    const mail = smtp ? { transport: nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false }), from: smtp.from } : undefined;
    this.notifier = new OutboxNotifier(db, mail);
  }

  async file(dto: FileComplaintDto, idempotencyKey: string): Promise<{ created: boolean; complaint: ComplaintView }> {
    const { id, trackingCode } = complaintIdsFor(idempotencyKey);
    const hash = requestHash(dto);
    const offices: Array<{ name: string }> = await this.db.query(`SELECT name FROM office WHERE id = $1`, [dto.officeId]);
    if (offices.length === 0) {
      throw problems.unprocessable('unknown-office', 'Unknown office', `There is no office "${dto.officeId.slice(0, 60)}": GET /v1/offices lists the PTSP offices and outlets.`, [
        { field: 'officeId', message: 'unknown office' },
      ]);
    }
    let applicationId: string | null = null;
    if (dto.trackingCode) {
      const apps: Array<{ id: string }> = await this.db.query(`SELECT id FROM application WHERE tracking_code = $1`, [dto.trackingCode.toUpperCase()]);
      if (apps.length === 0) {
        throw problems.validation(
          [{ field: 'trackingCode', message: 'no application has this tracking code' }],
          `No application has the tracking code ${dto.trackingCode}; check the receipt, or leave trackingCode out.`,
        );
      }
      applicationId = apps[0].id;
    }
    const escalate = dto.category === 'illegal_fee';
    const notice = escalate
      ? {
          dedupKey: `complaint:${id}:${INSPECTORATE.toLowerCase()}`,
          channel: 'email' as const,
          recipient: INSPECTORATE_RECIPIENT,
          subject: `[satupintu] Pungutan liar dilaporkan: ${offices[0].name} (${trackingCode})`,
          body:
            `A citizen reports a request for money at ${offices[0].name} (${dto.officeId}), by ${dto.channel}.\n` +
            `Complaint ${trackingCode}${dto.trackingCode ? `, application ${dto.trackingCode.toUpperCase()}` : ''}.\n` +
            `${dto.description ? `Description: ${dto.description}\n` : ''}` +
            `The complainant's contact details are in the complaint record, not in this message.`,
        }
      : undefined;
    // The complaint, its escalation and the outbox row commit together: no illegal-fee report without its notice.
    const created = await this.db.transaction(async (m) => {
      const inserted: Array<{ id: string }> = await m.query(
        `INSERT INTO complaint (id, tracking_code, request_hash, channel, office_id, category, application_id, description, contact, escalated_to, escalated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10, CASE WHEN $10::text IS NULL THEN NULL ELSE now() END)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [id, trackingCode, hash, dto.channel, dto.officeId, dto.category, applicationId, dto.description ?? null, dto.contact ? JSON.stringify(dto.contact) : null, escalate ? INSPECTORATE : null],
      );
      if (inserted.length === 0) return false;
      if (notice) {
        await m.query(
          `INSERT INTO notification (dedup_key, channel, recipient, subject, body) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (dedup_key) DO NOTHING`,
          [notice.dedupKey, notice.channel, notice.recipient, notice.subject, notice.body],
        );
      }
      return true;
    });
    // Delivery after the commit; the outbox row de-duplicates, so a retry never sends twice. A mail
    // server that is down leaves the row unsent in the outbox: the complaint itself is recorded.
    if (notice) await this.notifier.send(notice).catch((err: unknown) => this.logger.warn(`inspectorate notice ${notice.dedupKey} not sent: ${String(err)}`));
    const [row]: ComplaintRow[] = await this.db.query(`${SELECT} WHERE c.id = $1`, [id]);
    if (!created && row.request_hash !== hash) {
      throw problems.unprocessable('idempotency-key-reused', 'Idempotency-Key reused with a different request', 'This Idempotency-Key was already used for a different complaint; use a new key for a new complaint.');
    }
    return { created, complaint: present(row) };
  }

  async get(trackingCode: string): Promise<ComplaintView> {
    const code = trackingCode.toUpperCase();
    const notFound = problems.notFound('Complaint', `No complaint with the code ${trackingCode.slice(0, 40)} (format ADU-XXXX-XXXX).`);
    if (!/^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(code)) throw notFound;
    const rows: ComplaintRow[] = await this.db.query(`${SELECT} WHERE c.tracking_code = $1`, [code]);
    if (rows.length === 0) throw notFound;
    return present(rows[0]);
  }
}
