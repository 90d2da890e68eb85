import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { TrackDto } from './track.dto';
import { DataSource } from 'typeorm';
import type { ApplicationView } from '../../../../workflows/messages';
import { isOverdue } from '../../../../libs/domain';
import { Public } from '../auth/auth.guard';
import { problems } from '../common/problem';
import { CatalogService } from '../permit-types/catalog.service';
import { OfficesService } from '../offices/offices.service';

/** Timeline events a citizen sees; actors, notes and personal data stay out. */
const PUBLIC_EVENTS = new Set(['submitted', 'task.assigned', 'task.approved', 'task.rejected', 'task.revision_requested', 'task.deemed', 'escalation', 'resubmitted', 'withdrawn', 'issued', 'rejected', 'lapsed', 'legal_deadline_missed']);

@ApiTags('track')
@Controller('v1/track')
export class TrackController {
  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly offices: OfficesService,
  ) {}

  @Get(':trackingCode')
  @Public()
  @ApiParam({ name: 'trackingCode', example: '7K3M-Q9TX-2B4R', description: 'From the receipt; case-insensitive' })
  @ApiOkResponse({ type: TrackDto })
  @ApiProblems('not-found')
  @ApiOperation({ summary: 'Public tracking: where the file is, who holds it, when it is due, the official fee. No personal data.' })
  async track(@Param('trackingCode') code: string) {
    const normalized = code.toUpperCase();
    const notFound = problems.notFound('Application', 'No application has this tracking code. Check the code on your receipt (format XXXX-XXXX-XXXX).');
    if (!/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(normalized)) throw notFound;
    const rows: Array<{ view: ApplicationView }> = await this.db.query(`SELECT view FROM application WHERE tracking_code = $1`, [normalized]);
    if (rows.length === 0) throw notFound;
    const v = rows[0].view;
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
      officialFee: def?.fee ?? null,
      currentSteps: v.openTasks.map((t) => ({
        step: t.stepName,
        agency: t.agency,
        office: this.offices.get(t.officeId)?.name ?? t.officeId,
        assignedAt: t.assignedAt,
        dueAt: t.dueAt,
        overdue: isOverdue(t, now),
      })),
      timeline: v.timeline.filter((e) => PUBLIC_EVENTS.has(e.type)).map((e) => ({ at: e.at, type: e.type, agency: e.agency ?? null, stepId: e.stepId ?? null })),
      reportIllegalFee:
        'The official fee is shown above (usually Rp 0). If anyone asks you for money, report it: POST /v1/complaints with category illegal_fee, or SMS/WhatsApp the Jakarta complaint line (JAKI / CRM).',
    };
  }
}
