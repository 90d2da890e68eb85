import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { COMPLAINT_CODE, ILLEGAL_FEE, INSPECTORATE, INSPECTORATE_RECIPIENT, inspectorateNoticeKey } from '../../../../libs/domain/complaints';
import { NotFoundError, UnprocessableError, ValidationError } from '../common/errors';
import { base32 } from '../common/keyed-id';
import { ComplaintWorkflows } from './complaint-workflows';
import { type ComplaintView, presentComplaint } from './complaint-view';
import { ComplaintRow, ComplaintsRepository, OutboxNotice } from './complaints.repository';
import { FileComplaintDto } from './dto/file-complaint.dto';

export { INSPECTORATE };

/**
 * Ids derive from the Idempotency-Key: a complaint sent again after a timeout is the same complaint, with
 * the same follow-up PIN (which only the filer, who chose the key, can know).
 */
export function complaintIdsFor(idempotencyKey: string): { id: string; trackingCode: string; pin: string } {
  const digest = createHash('sha256').update(`complaint\n${idempotencyKey}`).digest();
  const code = base32(digest.subarray(15, 30), 8);
  const pin = base32(createHash('sha256').update(`complaint-pin\n${idempotencyKey}`).digest().subarray(0, 10), 8);
  return { id: base32(digest.subarray(0, 15), 24), trackingCode: `ADU-${code.slice(0, 4)}-${code.slice(4, 8)}`, pin };
}

/** Only the PIN's hash is stored, salted with the complaint's id. */
export const pinHashOf = (complaintId: string, pin: string): string => createHash('sha256').update(`${complaintId}\n${pin.toUpperCase()}`).digest('hex');

function requestHash(dto: FileComplaintDto): string {
  const canonical = JSON.stringify([dto.channel, dto.officeId, dto.category, dto.trackingCode?.toUpperCase() ?? null, dto.description ?? null, dto.contact?.phone ?? null, dto.contact?.email ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Citizens' complaints (pengaduan), filed without a token. The row (and, for a request for money, the
 * inspectorate's notice in the outbox) commits first; then the complaint's workflow starts, which assigns
 * it, keeps its deadline and delivers that notice until it goes out (docs/complaints.md). A retry of the
 * filing starts the same workflow, so a crash between the two loses nothing. The contact details stay in
 * the row, out of every message and view.
 */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly repository: ComplaintsRepository,
    private readonly workflows: ComplaintWorkflows,
  ) {}

  async file(dto: FileComplaintDto, idempotencyKey: string): Promise<{ created: boolean; complaint: ComplaintView & { followUpPin: string } }> {
    const { id, trackingCode, pin } = complaintIdsFor(idempotencyKey);
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
    const escalate = dto.category === ILLEGAL_FEE;
    const notice: OutboxNotice | undefined = escalate
      ? {
          dedupKey: inspectorateNoticeKey(id),
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
    const created = await this.repository.insert(
      {
        id,
        trackingCode,
        requestHash: hash,
        pinHash: pinHashOf(id, pin),
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
    const row = (await this.repository.findById(id))!;
    if (!created && row.request_hash !== hash) {
      throw new UnprocessableError('idempotency-key-reused', 'This Idempotency-Key was already used for a different complaint; use a new key for a new complaint.');
    }
    // The answer is the complaint as filed (read before the workflow moves it on). The workflow is started
    // on every filing, also a repeated one: the first start wins, and a crash before it is repaired.
    const complaint = { ...(await this.view(row)), followUpPin: pin };
    await this.workflows.start({
      complaintId: id,
      trackingCode,
      category: row.category,
      officeId: row.office_id,
      applicationId: row.application_id,
      filedAt: row.created_at.toISOString(),
      inspectorateNotice: row.escalated_to ? inspectorateNoticeKey(id) : null,
    });
    return { created, complaint };
  }

  async get(trackingCode: string): Promise<ComplaintView> {
    return this.view(await this.find(trackingCode));
  }

  /** The complaint of a code, or 404 (also for a malformed code). */
  async find(trackingCode: string): Promise<ComplaintRow> {
    const code = trackingCode.toUpperCase();
    const notFound = new NotFoundError('Complaint', `No complaint with the code ${trackingCode.slice(0, 40)} (format ADU-XXXX-XXXX).`);
    if (!COMPLAINT_CODE.test(code)) throw notFound;
    const row = await this.repository.findByTrackingCode(code);
    if (!row) throw notFound;
    return row;
  }

  async view(row: ComplaintRow): Promise<ComplaintView> {
    return presentComplaint(row, await this.repository.events([row.id]));
  }
}
