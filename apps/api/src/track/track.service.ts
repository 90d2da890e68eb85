import { isOverdue } from '../../../../libs/domain';
import { Injectable } from '@nestjs/common';
import { ApplicationsRepository } from '../applications/applications.repository';
import { NotFoundError } from '../common/errors';
import { OfficesService } from '../offices/offices.service';
import { CatalogService } from '../permit-types/catalog.service';
import { TrackNoticesRepository } from './track-notices.repository';

/** Timeline events a citizen sees; actors, notes and personal data stay out. */
const PUBLIC_EVENTS = new Set(['submitted', 'task.assigned', 'task.approved', 'task.rejected', 'task.revision_requested', 'task.deemed', 'escalation', 'resubmitted', 'withdrawn', 'issued', 'rejected', 'lapsed', 'legal_deadline_missed']);

const ILLEGAL_FEE_NOTICE =
  'The official fee is shown above (usually Rp 0). If anyone asks you for money, report it: POST /v1/complaints with category illegal_fee, or SMS/WhatsApp the Jakarta complaint line (JAKI / CRM).';

/** Public tracking by the code on the receipt: where the file is, who holds it, when it is due. No personal data. */
@Injectable()
export class TrackService {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly catalog: CatalogService,
    private readonly offices: OfficesService,
    private readonly notices: TrackNoticesRepository,
  ) {}

  async track(code: string) {
    const normalized = code.toUpperCase();
    const notFound = new NotFoundError('Application', 'No application has this tracking code. Check the code on your receipt (format XXXX-XXXX-XXXX).');
    if (!/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(normalized)) throw notFound;
    const row = await this.applications.findByTrackingCode(normalized);
    if (!row) throw notFound;
    const v = row.view;
    const def = this.catalog.find(v.permitType, v.definitionVersion);
    const now = Date.now();
    return {
      trackingCode: v.trackingCode,
      permitType: v.permitType,
      permitName: def?.name.id,
      status: v.status,
      deemedGranted: v.deemedGranted,
      submittedAt: v.submittedAt,
      dueAt: v.dueAt,
      decidedAt: v.decidedAt,
      receivingOffice: this.offices.get(v.receivingOfficeId)?.name ?? v.receivingOfficeId,
      receivingOfficeId: v.receivingOfficeId,
      officialFee: def?.fee ?? null,
      currentSteps: v.openTasks.map((t) => ({
        step: t.stepName,
        agency: t.agency,
        office: this.offices.get(t.officeId)?.name ?? t.officeId,
        officeId: t.officeId,
        assignedAt: t.assignedAt,
        dueAt: t.dueAt,
        overdue: isOverdue(t, now),
      })),
      timeline: v.timeline.filter((e) => PUBLIC_EVENTS.has(e.type)).map((e) => ({ at: e.at, type: e.type, agency: e.agency ?? null, stepId: e.stepId ?? null })),
      notices: await this.notices.forApplication(row.id),
      reportIllegalFee: ILLEGAL_FEE_NOTICE,
    };
  }
}
