import { applyDecorators, Controller, Get, Query, Req, Res, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApproverPositions, Roles } from '../../auth/auth.guard';
import { ApiProblems } from '../../common/openapi';
import { ReportPeriods } from '../shared/report-periods';
import { ReportFilters } from '../shared/report-filters';
import { ApiReportOk, ApiReportPeriod, sendCsv, wantsCsv } from '../shared/report-http';
import { AgencyReportDto, OfficeReportDto, WeeklyReportDto } from './dto/sla.dto';
import { agencyCsv, officeCsv } from './sla.csv';
import { SlaService } from './sla.service';

/**
 * The league tables: which agencies and offices miss deadlines, and the on-time rate week by week. Admins,
 * and heads of an agency or office (the SLA wall); docs/reports.md.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin', 'approver')
@ApproverPositions('head')
@Controller('v1/reports/sla')
export class SlaController {
  constructor(
    private readonly sla: SlaService,
    private readonly periods: ReportPeriods,
    private readonly filters: ReportFilters,
  ) {}

  @Get('agencies')
  @ApiOperation({ summary: 'Agencies ranked by missed deadlines, worst on-time rate first (JSON, or CSV with Accept: text/csv)' })
  @ApiLeague(AgencyReportDto, 'one row per agency in rank order', 'PBG')
  agencies(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query('from') from?: string, @Query('to') to?: string, @Query('permitType') permitType?: string) {
    return this.league(req, res, 'sla-agencies', this.sla.agencies({ range: this.periods.parse(from, to), permitType: this.filters.permitType(permitType) }), agencyCsv);
  }

  @Get('offices')
  @ApiOperation({ summary: 'Receiving offices: intake to hand-off, and the field steps each office holds; worst first' })
  @ApiLeague(OfficeReportDto, 'one row per office in rank order')
  offices(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query('from') from?: string, @Query('to') to?: string, @Query('permitType') permitType?: string) {
    return this.league(req, res, 'sla-offices', this.sla.offices({ range: this.periods.parse(from, to), permitType: this.filters.permitType(permitType) }), officeCsv);
  }

  @Get('weeks')
  @ApiOperation({ summary: 'On-time rate of the decided steps per Jakarta week of the period, for all or one agency, holding office or permit type' })
  @ApiReportPeriod()
  @ApiQuery({ name: 'agency', required: false, example: 'DCKTRP' })
  @ApiQuery({ name: 'office', required: false, description: 'The office holding the steps (field steps of a kelurahan, kecamatan or city)' })
  @ApiQuery({ name: 'permitType', required: false })
  @ApiOkResponse({ type: WeeklyReportDto })
  @ApiProblems('validation', 'unauthorized', 'forbidden', 'unknown-permit-type', 'unknown-office')
  async weeks(@Query('from') from?: string, @Query('to') to?: string, @Query('agency') agency?: string, @Query('office') office?: string, @Query('permitType') permitType?: string) {
    return this.sla.weekly({
      range: this.periods.parse(from, to),
      agency: await this.filters.agency(agency),
      office: await this.filters.office(office),
      permitType: this.filters.permitType(permitType),
    });
  }

  /** A league table as JSON, or as CSV named `file` when the caller accepts text/csv. */
  private async league<R>(req: Request, res: Response, file: string, report: Promise<R>, csv: (report: R) => string) {
    const r = await report;
    return wantsCsv(req) ? sendCsv(res, file, csv(r)) : r;
  }
}

/** A league table's period, its permit-type filter, its answer (JSON or CSV) and its problems. */
function ApiLeague(dto: Type<unknown>, rows: string, permitTypeExample?: string) {
  return applyDecorators(
    ApiReportPeriod(),
    ApiQuery({ name: 'permitType', required: false, ...(permitTypeExample ? { example: permitTypeExample } : {}) }),
    ApiReportOk(dto, rows),
    ApiProblems('validation', 'unauthorized', 'forbidden', 'unknown-permit-type'),
  );
}
