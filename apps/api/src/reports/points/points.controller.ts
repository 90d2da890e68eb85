import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../../auth/auth.guard';
import { ApiProblems } from '../../common/openapi';
import { problems } from '../../common/problem';
import { toCsv } from '../shared/csv';
import { ReportFilters } from '../shared/report-filters';
import { ApiReportOk, ApiReportPeriod, sendCsv, wantsCsv } from '../shared/report-http';
import { ReportPeriods } from '../shared/report-periods';
import { POINTS_BY, PointsBy, PointsReportDto } from './dto/points.dto';
import { PointsService } from './points.service';

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 100;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 1000) throw problems.validation([{ field: 'limit', message: 'must be an integer from 1 to 1000' }]);
  return n;
}

function pointsCsv(report: PointsReportDto): string {
  return toCsv(
    ['key', 'name', 'agency', 'offices', 'steps', 'onTime', 'late', 'points'],
    report.items.map((p) => [p.key, p.name, p.agency, p.offices.join(' '), p.steps, p.onTime, p.late, p.points]),
  );
}

/** Points per officer, office or agency: the sistem poin. Admin tokens only; docs/reports.md. */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/reports/points')
export class PointsController {
  constructor(
    private readonly points: PointsService,
    private readonly periods: ReportPeriods,
    private readonly filters: ReportFilters,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Points earned by deciding steps (the step weight, less when late), by officer, office or agency' })
  @ApiQuery({ name: 'by', enum: POINTS_BY })
  @ApiReportPeriod()
  @ApiQuery({ name: 'agency', required: false })
  @ApiQuery({ name: 'office', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100' })
  @ApiQuery({ name: 'cursor', required: false, description: 'The nextCursor of the previous page (a keyset cursor), with the same query' })
  @ApiReportOk(PointsReportDto, 'one row per item of the page')
  @ApiProblems('validation', 'unauthorized', 'forbidden', 'unknown-office')
  async report(
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
    const report = await this.points.report({
      range: this.periods.parse(from, to),
      by: by as PointsBy,
      agency: await this.filters.agency(agency),
      office: await this.filters.office(office),
      limit: parseLimit(limit),
      cursor,
    });
    return wantsCsv(req) ? sendCsv(res, `points-by-${by}`, pointsCsv(report)) : report;
  }
}
