import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.guard';
import { ApiProblems } from '../../common/openapi';
import { ApiReportPeriod, positiveNumber } from '../shared/report-http';
import { ReportPeriods } from '../shared/report-periods';
import { LoadReportDto, MergeCandidatesDto } from './dto/staffing.dto';
import { StaffingService } from './staffing.service';

/** Staffing, opening hours and offices to merge. Admin tokens only; docs/reports.md. */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/reports/offices')
export class StaffingController {
  constructor(
    private readonly staffing: StaffingService,
    private readonly periods: ReportPeriods,
  ) {}

  @Get('merge-candidates')
  @ApiOperation({ summary: 'Kelurahan, kecamatan and outlets receiving too few applications per working day: candidates to merge' })
  @ApiReportPeriod()
  @ApiOkResponse({ type: MergeCandidatesDto })
  @ApiProblems('validation', 'unauthorized', 'forbidden')
  mergeCandidates(@Query('from') from?: string, @Query('to') to?: string): Promise<MergeCandidatesDto> {
    return this.staffing.mergeCandidates({ range: this.periods.parse(from, to) });
  }

  @Get(':id/load')
  @ApiOperation({ summary: 'Arrivals by weekday and hour, officers needed per hour (Erlang C), suggested opening hours, merge flag' })
  @ApiParam({ name: 'id', example: 'kel-31.74.01.1001' })
  @ApiReportPeriod()
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
  ): Promise<LoadReportDto> {
    return this.staffing.officeLoad({
      officeId: id,
      range: this.periods.parse(from, to),
      serviceMinutes: positiveNumber('serviceMinutes', serviceMinutes, 480),
      targetWaitMinutes: positiveNumber('targetWaitMinutes', targetWaitMinutes, 480),
    });
  }
}
