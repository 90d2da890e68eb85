import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DEFINITIONS } from '../../../../../libs/permits';
import { ApproverPositions, Roles } from '../../auth/auth.guard';
import { ApiProblems } from '../../common/openapi';
import { problems } from '../../common/problem';
import { ReportFilters } from '../shared/report-filters';
import { OpenStepsDto } from './dto/open-steps.dto';
import { OpenStepsService } from './open-steps.service';

/** The SLA wall's badges: admins and heads of an agency or office (docs/reports.md). */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin', 'approver')
@ApproverPositions('head')
@Controller('v1/reports/open-steps')
export class OpenStepsController {
  constructor(
    private readonly openSteps: OpenStepsService,
    private readonly filters: ReportFilters,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Open and overdue step attempts now, per permit type, definition version and step (admins and heads)' })
  @ApiQuery({ name: 'permitType', required: false, example: 'SKDU' })
  @ApiQuery({ name: 'version', required: false, description: 'A definition version of permitType (needs permitType)', example: 2 })
  @ApiOkResponse({ type: OpenStepsDto })
  @ApiProblems('validation', 'unauthorized', 'forbidden', 'unknown-permit-type')
  counts(@Query('permitType') permitType?: string, @Query('version') version?: string) {
    const code = this.filters.permitType(permitType);
    return this.openSteps.counts(code, parseVersion(code, version));
  }
}

function parseVersion(code: string | null, raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) throw problems.validation([{ field: 'version', message: 'must be a positive integer' }]);
  if (code === null) throw problems.validation([{ field: 'version', message: 'needs permitType: a version belongs to one permit type' }]);
  const n = Number(raw);
  if (!DEFINITIONS.some((d) => d.code === code && d.version === n)) {
    const known = DEFINITIONS.filter((d) => d.code === code).map((d) => d.version).join(', ');
    throw problems.validation([{ field: 'version', message: `${code} has no version ${n}; its versions are ${known}` }]);
  }
  return n;
}
