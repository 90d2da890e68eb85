import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Notifier } from '../../../../activities/notifier';
import { NotFoundError, UnprocessableError, ValidationError } from '../common/errors';
import { base32 } from '../common/keyed-id';
import { ComplaintRow, ComplaintsRepository, OutboxNotice } from './complaints.repository';
import { FileComplaintDto } from './dto/file-complaint.dto';
import { COMPLAINT_NOTIFIER } from './notifier.provider';

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

/**
 * Citizens' complaints (pengaduan), filed without a token. A complaint about a request for money is
 * escalated to the inspectorate in the same transaction that records it: a notification in the outbox
 * and the complaint row marked as escalated. The contact details stay in the row, out of every message.
 */
@Injectable()
export class ComplaintsService {
  private readonly logger = new Logger(ComplaintsService.name);

  constructor(
    private readonly repository: ComplaintsRepository,
    @Inject(COMPLAINT_NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async file(dto: FileComplaintDto, idempotencyKey: string): Promise<{ created: boolean; complaint: ComplaintView }> {
    const { id, trackingCode } = complaintIdsFor(idempotencyKey);
    const hash = requestHash(dto);
    const officeName = await this.repository.officeName(dto.officeId);
    if (officeName === undefined) {
      throw new UnprocessableError('unknown-office', `There is no office "${dto.officeId.slice(0, 60)}": GET /v1/offices lists the PTSP offices and outlets.`, [
        { field: 'officeId', message: 'unknown office' },
      ]);
    }
    let applicationId: string | null = null;
    if (dto.trackingCode) {
      applicationId = (await this.repository.applicationIdByTrackingCode(dto.trackingCode.toUpperCase())) ?? null;
      if (applicationId === null) {
        throw new ValidationError([{ field: 'trackingCode', message: 'no application has this tracking code' }], {
          detail: `No application has the tracking code ${dto.trackingCode}; check the receipt, or leave trackingCode out.`,
        });
      }
    }
    const escalate = dto.category === 'illegal_fee';
    const notice: OutboxNotice | undefined = escalate
      ? {
          dedupKey: `complaint:${id}:${INSPECTORATE.toLowerCase()}`,
          channel: 'email',
          recipient: INSPECTORATE_RECIPIENT,
          subject: `[satupintu] Pungutan liar dilaporkan: ${officeName} (${trackingCode})`,
          body:
            `A citizen reports a request for money at ${officeName} (${dto.officeId}), by ${dto.channel}.\n` +
            `Complaint ${trackingCode}${dto.trackingCode ? `, application ${dto.trackingCode.toUpperCase()}` : ''}.\n` +
            `${dto.description ? `Description: ${dto.description}\n` : ''}` +
            `The complainant's contact details are in the complaint record, not in this message.`,
        }
      : undefined;
    // The complaint, its escalation and the outbox row commit together: no illegal-fee report without its notice.
    const created = await this.repository.insert(
      {
        id,
        trackingCode,
        requestHash: hash,
        channel: dto.channel,
        officeId: dto.officeId,
        category: dto.category,
        applicationId,
        description: dto.description ?? null,
        contact: dto.contact ?? null,
        escalatedTo: escalate ? INSPECTORATE : null,
      },
      notice,
    );
    // Delivery after the commit; the outbox row de-duplicates, so a retry never sends twice. A mail
    // server that is down leaves the row unsent in the outbox: the complaint itself is recorded.
    if (notice) await this.notifier.send(notice).catch((err: unknown) => this.logger.warn(`inspectorate notice ${notice.dedupKey} not sent: ${String(err)}`));
    const row = (await this.repository.findById(id))!;
    if (!created && row.request_hash !== hash) {
      throw new UnprocessableError('idempotency-key-reused', 'This Idempotency-Key was already used for a different complaint; use a new key for a new complaint.');
    }
    return { created, complaint: present(row) };
  }

  async get(trackingCode: string): Promise<ComplaintView> {
    const code = trackingCode.toUpperCase();
    const notFound = new NotFoundError('Complaint', `No complaint with the code ${trackingCode.slice(0, 40)} (format ADU-XXXX-XXXX).`);
    if (!/^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(code)) throw notFound;
    const row = await this.repository.findByTrackingCode(code);
    if (!row) throw notFound;
    return present(row);
  }
}
