import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../../auth/auth.guard';
import { ApiProblems } from '../../common/openapi';
import { toCsv } from '../shared/csv';
import { ApiReportOk, ApiReportPeriod, sendCsv, wantsCsv } from '../shared/report-http';
import { ReportPeriods } from '../shared/report-periods';
import { ComplaintReportService } from './complaint-report.service';
import { ComplaintReportDto } from './dto/complaint-report.dto';

function complaintsCsv(report: ComplaintReportDto): string {
  return toCsv(
    ['rank', 'office', 'name', 'kecamatan', 'complaints', 'illegalFee', 'applicationsReceived', 'per100Applications'],
    report.offices.map((o, i) => [i + 1, o.office, o.name, o.kecamatan, o.complaints, o.illegalFee, o.applicationsReceived, o.per100Applications]),
  );
}

/** Complaints per office and kecamatan. Admin tokens only; docs/reports.md. */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/reports/complaints')
export class ComplaintReportController {
  constructor(
    private readonly complaints: ComplaintReportService,
    private readonly periods: ReportPeriods,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Complaints counted and ranked per office and per kecamatan' })
  @ApiReportPeriod()
  @ApiReportOk(ComplaintReportDto, 'one row per office')
  @ApiProblems('validation', 'unauthorized', 'forbidden')
  async report(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query('from') from?: string, @Query('to') to?: string) {
    const report = await this.complaints.report({ range: this.periods.parse(from, to) });
    return wantsCsv(req) ? sendCsv(res, 'complaints', complaintsCsv(report)) : report;
  }
}
