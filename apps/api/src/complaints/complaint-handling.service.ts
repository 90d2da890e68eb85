import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/auth/token';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { ForbiddenError, NotFoundError } from '../common/errors';
import type { WriteRequest } from '../common/request-context';
import { ComplaintWorkflows, complaintUpdateIdOf } from './complaint-workflows';
import { type ComplaintView, presentComplaint } from './complaint-view';
import { ComplaintsRepository } from './complaints.repository';
import { ComplaintsService, pinHashOf } from './complaints.service';

export interface InboxQuery {
  office?: string;
  status?: string;
  overdue?: boolean;
  cursor?: string;
  limit: number;
}

/**
 * What the offices and the filer do with a complaint: the office's inbox, its public answer and close
 * (approvers of the responsible office, admins), and the filer's one reopening (by the code and the PIN
 * the filing answered). Each write is an Update of the complaint's workflow, which refuses what its state
 * does not allow and answers once the read model shows the change.
 */
@Injectable()
export class ComplaintHandlingService {
  constructor(
    private readonly repository: ComplaintsRepository,
    private readonly complaints: ComplaintsService,
    private readonly workflows: ComplaintWorkflows,
  ) {}

  async inbox(principal: Principal, q: InboxQuery): Promise<{ items: Array<ComplaintView & { description: string | null }>; nextCursor: string | null }> {
    let office = q.office ?? null;
    if (principal.role === 'approver') {
      if (!principal.office) throw new ForbiddenError('Your token names no office: complaints are answered by an office (token claim `office`).');
      if (office !== null && office !== principal.office) throw new ForbiddenError(`Approvers see their own office's complaints (${principal.office}), not ${office.slice(0, 60)}.`);
      office = principal.office;
    }
    const after = q.cursor ? decodeCursor(q.cursor, 'complaints') : null;
    const rows = await this.repository.inbox({ office, status: q.status ?? null, overdue: q.overdue ?? null, after, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const events = await this.repository.events(page.map((r) => r.id));
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ ...presentComplaint(r, events), description: r.description })),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id, sort: 'complaints' }) : null,
    };
  }

  async answer(principal: Principal, trackingCode: string, text: string, write: WriteRequest): Promise<ComplaintView> {
    const row = await this.complaints.find(trackingCode);
    this.mustSitInAnOffice(principal);
    await this.workflows.answer(row.id, row.status, complaintUpdateIdOf('answer', principal.sub, write.idempotencyKey), { actor: this.actorOf(principal), text });
    return this.complaints.get(trackingCode);
  }

  async close(principal: Principal, trackingCode: string, note: string | undefined, write: WriteRequest): Promise<ComplaintView> {
    const row = await this.complaints.find(trackingCode);
    this.mustSitInAnOffice(principal);
    await this.workflows.close(row.id, row.status, complaintUpdateIdOf('close', principal.sub, write.idempotencyKey), { actor: this.actorOf(principal), note });
    return this.complaints.get(trackingCode);
  }

  async reopen(trackingCode: string, pin: string, reason: string, write: WriteRequest): Promise<ComplaintView> {
    const row = await this.complaints.find(trackingCode);
    if (!row.pin_hash) throw new NotFoundError('Complaint', 'This complaint was filed before complaints could be reopened; file a new one.');
    if (row.pin_hash !== pinHashOf(row.id, pin)) {
      throw new ForbiddenError('The PIN does not match this complaint: use the followUpPin the filing answered (8 letters and digits).', 'wrong-pin');
    }
    await this.workflows.reopen(row.id, row.status, complaintUpdateIdOf('reopen', row.id, write.idempotencyKey), { reason });
    return this.complaints.get(trackingCode);
  }

  private mustSitInAnOffice(p: Principal): void {
    if (p.role === 'approver' && !p.office) throw new ForbiddenError('Your token names no office: complaints are answered by the office they are assigned to (token claim `office`).');
  }

  private actorOf(p: Principal) {
    return { sub: p.sub, role: p.role === 'admin' ? ('admin' as const) : ('approver' as const), office: p.office };
  }
}
