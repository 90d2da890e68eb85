import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/auth.guard';
import { ApiProblems } from '../common/openapi';
import { problems } from '../common/problem';
import { CsvValue, toCsv } from './csv';
import { AgencyReportDto, ComplaintReportDto, LoadReportDto, MergeCandidatesDto, OfficeReportDto, PointsReportDto } from './dto/report.dto';
import { parseReportRange } from './report-range';
import { AgencyReport, ComplaintReport, OfficeReport, PointsBy, PointsReport, ReportsService, rungColumns } from './reports.service';

const RANGE_HELP = 'A date (YYYY-MM-DD, Asia/Jakarta; `to` includes that day) or an ISO 8601 instant with offset. Required: no report is unbounded.';
const POINTS_BY: PointsBy[] = ['officer', 'office', 'agency'];

function wantsCsv(req: Request): boolean {
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

function sendCsv(res: Response, name: string, body: string): string {
  res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  return body;
}

function positiveNumber(field: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw problems.validation([{ field, message: `must be a number above 0 and at most ${max}` }]);
  return n;
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw problems.validation([{ field: 'limit', message: 'must be an integer from 1 to 1000' }]);
  return n;
}

function parseOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0 || n > 10_000_000) throw problems.validation([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
  return n;
}

const measureColumns = ['tasksDecided', 'onTime', 'breaches', 'onTimeRate', 'openOverdue', 'oldestOverdueDueAt', 'oldestOverdueTask', 'medianBusinessHours', 'p90BusinessHours', 'escalations', 'deemedGrants'];

export function agencyCsv(report: AgencyReport): string {
  const rungs = rungColumns(report.agencies);
  const rows: CsvValue[][] = report.agencies.map((a, i) => [
    i + 1,
    a.agency,
    a.name,
    a.tasksDecided,
    a.onTime,
    a.breaches,
    a.onTimeRate,
    a.openOverdue,
    a.oldestOverdue?.dueAt,
    a.oldestOverdue?.taskId,
    a.medianBusinessHours,
    a.p90BusinessHours,
    a.escalations,
    a.deemedGrants,
    ...rungs.map((r) => a.escalationsByRung[r] ?? 0),
  ]);
  return toCsv(['rank', 'agency', 'name', ...measureColumns, ...rungs.map((r) => `escalations_${r}`)], rows);
}

export function officeCsv(report: OfficeReport): string {
  const rows: CsvValue[][] = report.offices.map((o, i) => [
    i + 1,
    o.office,
    o.name,
    o.type,
    o.kecamatan,
    o.onTimeRate,
    o.openOverdue,
    o.handOff.received,
    o.handOff.closed,
    o.handOff.onTime,
    o.handOff.breaches,
    o.handOff.onTimeRate,
    o.handOff.openOverdue,
    o.handOff.medianBusinessHours,
    o.handOff.p90BusinessHours,
    o.handOff.deemedGrants,
    o.fieldSteps.tasksDecided,
    o.fieldSteps.onTime,
    o.fieldSteps.breaches,
    o.fieldSteps.onTimeRate,
    o.fieldSteps.openOverdue,
    o.fieldSteps.medianBusinessHours,
    o.fieldSteps.p90BusinessHours,
    o.fieldSteps.escalations,
  ]);
  return toCsv(
    [
      'rank', 'office', 'name', 'type', 'kecamatan', 'onTimeRate', 'openOverdue',
      'handOffReceived', 'handOffClosed', 'handOffOnTime', 'handOffBreaches', 'handOffOnTimeRate', 'handOffOpenOverdue', 'handOffMedianBusinessHours', 'handOffP90BusinessHours', 'handOffDeemedGrants',
      'fieldStepsDecided', 'fieldStepsOnTime', 'fieldStepsBreaches', 'fieldStepsOnTimeRate', 'fieldStepsOpenOverdue', 'fieldStepsMedianBusinessHours', 'fieldStepsP90BusinessHours', 'fieldStepsEscalations',
    ],
    rows,
  );
}

function pointsCsv(report: PointsReport): string {
  return toCsv(
    ['key', 'name', 'agency', 'offices', 'steps', 'onTime', 'late', 'points'],
    report.items.map((p) => [p.key, p.name, p.agency, p.offices.join(' '), p.steps, p.onTime, p.late, p.points]),
  );
}

function complaintsCsv(report: ComplaintReport): string {
  return toCsv(
    ['rank', 'office', 'name', 'kecamatan', 'complaints', 'illegalFee', 'applicationsReceived', 'per100Applications'],
    report.offices.map((o, i) => [i + 1, o.office, o.name, o.kecamatan, o.complaints, o.illegalFee, o.applicationsReceived, o.per100Applications]),
  );
}

/**
 * Accountability reports for management: which agencies and offices miss deadlines, points per officer,
 * staffing and opening hours, complaints. Admin tokens only. Every figure is defined in docs/reports.md.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  private range(from?: string, to?: string) {
    return parseReportRange(from, to, { maxRangeDays: this.reports.options.maxRangeDays });
  }

  @Get('sla/agencies')
  @ApiOperation({ summary: 'Agencies ranked by missed deadlines, worst on-time rate first (JSON, or CSV with Accept: text/csv)' })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'from', description: RANGE_HELP, example: '2027-07-01' })
  @ApiQuery({ name: 'to', description: RANGE_HELP, example: '2027-07-31' })
  @ApiQuery({ name: 'permitType', required: false, example: 'PBG' })
  @ApiOkResponse({ type: AgencyReportDto, description: 'JSON, or with Accept: text/csv one row per agency in rank order' })
  @ApiProblems('validation', 'unauthorized', 'forbidden', 'unknown-permit-type')
  async agencies(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query('from') from?: string, @Query('to') to?: string, @Query('permitType') permitType?: string) {
    const range = this.range(from, to);
    const report = await this.reports.agencies({ range, permitType: this.reports.requirePermitType(permitType) });
    return wantsCsv(req) ? sendCsv(res, 'sla-agencies', agencyCsv(report)) : report;
  }

  @Get('sla/offices')
  @ApiOperation({ summary: 'Receiving offices: intake to hand-off, and the field steps each office holds; worst first' })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'from', description: RANGE_HELP, example: '2027-07-01' })
  @ApiQuery({ name: 'to', description: RANGE_HELP, example: '2027-07-31' })
  @ApiQuery({ name: 'permitType', required: false })
  @ApiOkResponse({ type: OfficeReportDto, description: 'JSON, or with Accept: text/csv one row per office in rank order' })
  @ApiProblems('validation', 'unauthorized', 'forbidden', 'unknown-permit-type')
  async offices(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query('from') from?: string, @Query('to') to?: string, @Query('permitType') permitType?: string) {
    const range = this.range(from, to);
    const report = await this.reports.offices({ range, permitType: this.reports.requirePermitType(permitType) });
    return wantsCsv(req) ? sendCsv(res, 'sla-offices', officeCsv(report)) : report;
  }

  @Get('points')
  @ApiOperation({ summary: 'Points earned by deciding steps (the step weight, less when late), by officer, office or agency' })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'by', enum: POINTS_BY })
  @ApiQuery({ name: 'from', description: RANGE_HELP })
  @ApiQuery({ name: 'to', description: RANGE_HELP })
  @ApiQuery({ name: 'agency', required: false })
  @ApiQuery({ name: 'office', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: PointsReportDto })
  @ApiProblems('validation', 'unauthorized', 'forbidden', 'unknown-office')
  async points(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query('by') by?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('agency') agency?: string,
    @Query('office') office?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
  ) {
    if (!POINTS_BY.includes(by as PointsBy)) throw problems.validation([{ field: 'by', message: `must be one of ${POINTS_BY.join(', ')}` }]);
    const range = this.range(from, to);
    const report = await this.reports.points({
      range,
      by: by as PointsBy,
      agency: await this.reports.requireAgency(agency),
      office: await this.reports.requireOffice(office),
      limit: parseLimit(limit),
      offset: parseOffset(cursor),
    });
    return wantsCsv(req) ? sendCsv(res, `points-by-${by}`, pointsCsv(report)) : report;
  }

  @Get('offices/merge-candidates')
  @ApiOperation({ summary: 'Kelurahan, kecamatan and outlets receiving too few applications per working day: candidates to merge' })
  @ApiQuery({ name: 'from', description: RANGE_HELP })
  @ApiQuery({ name: 'to', description: RANGE_HELP })
  @ApiOkResponse({ type: MergeCandidatesDto })
  @ApiProblems('validation', 'unauthorized', 'forbidden')
  mergeCandidates(@Query('from') from?: string, @Query('to') to?: string) {
    return this.reports.mergeCandidates({ range: this.range(from, to) });
  }

  @Get('offices/:id/load')
  @ApiOperation({ summary: 'Arrivals by weekday and hour, officers needed per hour (Erlang C), suggested opening hours, merge flag' })
  @ApiParam({ name: 'id', example: 'kel-31.74.01.1001' })
  @ApiQuery({ name: 'from', description: RANGE_HELP })
  @ApiQuery({ name: 'to', description: RANGE_HELP })
  @ApiQuery({ name: 'serviceMinutes', required: false, description: 'Service time per application; default: observed from the office, else the configured default' })
  @ApiQuery({ name: 'targetWaitMinutes', required: false, description: 'Expected wait to stay under; default 15' })
  @ApiOkResponse({ type: LoadReportDto })
  @ApiProblems('validation', 'unauthorized', 'forbidden', 'not-found')
  load(
    @Param('id') id: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('serviceMinutes') serviceMinutes?: string,
    @Query('targetWaitMinutes') targetWaitMinutes?: string,
  ) {
    const range = this.range(from, to);
    return this.reports.officeLoad({
      officeId: id,
      range,
      serviceMinutes: positiveNumber('serviceMinutes', serviceMinutes, 480),
      targetWaitMinutes: positiveNumber('targetWaitMinutes', targetWaitMinutes, 480),
    });
  }

  @Get('complaints')
  @ApiOperation({ summary: 'Complaints counted and ranked per office and per kecamatan' })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'from', description: RANGE_HELP })
  @ApiQuery({ name: 'to', description: RANGE_HELP })
  @ApiOkResponse({ type: ComplaintReportDto, description: 'JSON, or with Accept: text/csv one row per office' })
  @ApiProblems('validation', 'unauthorized', 'forbidden')
  async complaints(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query('from') from?: string, @Query('to') to?: string) {
    const report = await this.reports.complaints({ range: this.range(from, to) });
    return wantsCsv(req) ? sendCsv(res, 'complaints', complaintsCsv(report)) : report;
  }
}
