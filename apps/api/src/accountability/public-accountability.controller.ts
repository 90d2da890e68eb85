import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { jakartaMonthOf, readPublicAccountability } from '../../../../libs/accountability/public-accountability';
import { Public } from '../auth/auth.guard';
import { ValidationError } from '../common/errors';
import { ApiProblems } from '../common/openapi';
import { PublicAccountabilityDto } from './public-accountability.dto';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The governor's public late list and the agencies' missed deadlines, for anyone: no personal data. */
@ApiTags('public')
@Controller('v1/public/accountability')
export class PublicAccountabilityController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Public()
  @ApiQuery({ name: 'month', required: false, example: '2026-11', description: 'Jakarta month YYYY-MM; the current one by default' })
  @ApiOkResponse({ type: PublicAccountabilityDto })
  @ApiProblems('validation')
  @ApiOperation({ summary: "Agencies ranked by missed deadlines in a month, and the steps on the governor's list. Public, no personal data." })
  async get(@Query('month') month?: string): Promise<PublicAccountabilityDto> {
    const now = new Date();
    if (month !== undefined && (!MONTH.test(month) || Number(month.slice(0, 4)) < 2000)) {
      throw new ValidationError([{ field: 'month', message: 'month must be a Jakarta month as YYYY-MM, e.g. 2026-11' }]);
    }
    return readPublicAccountability(this.db, month ?? jakartaMonthOf(now), now);
  }
}
