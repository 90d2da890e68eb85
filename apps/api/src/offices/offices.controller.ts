import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { OFFICE_TYPES, OfficeDto, OfficeListDto } from './office.dto';
import { parseLimit } from '../common/pagination';
import { NotFoundError, ValidationError } from '../common/errors';
import { OfficesService } from './offices.service';
import { OpenOfficesDto } from './outlet-session.dto';
import { OutletSessionsService } from './outlet-sessions.service';

@ApiTags('offices')
@ApiBearerAuth()
@Controller('v1/offices')
export class OfficesController {
  constructor(
    private readonly offices: OfficesService,
    private readonly sessions: OutletSessionsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'PTSP offices (province, cities, kecamatan, kelurahan) and outlets with weekly schedules',
    description: 'Sorted by area code, a parent before the offices under it. Without a limit every office comes in one page; with one, pages follow nextCursor.',
  })
  @ApiQuery({ name: 'type', required: false, enum: OFFICE_TYPES })
  @ApiQuery({ name: 'parentId', required: false })
  @ApiQuery({ name: 'cursor', required: false, description: 'the id after which to continue' })
  @ApiQuery({ name: 'limit', required: false, description: '1-200; all by default' })
  @ApiOkResponse({ type: OfficeListDto })
  @ApiProblems('validation', 'unauthorized')
  list(@Query('type') type?: string, @Query('parentId') parentId?: string, @Query('cursor') cursor?: string, @Query('limit') limit?: string) {
    if (type !== undefined && !OFFICE_TYPES.includes(type)) throw new ValidationError([{ field: 'type', message: `must be one of ${OFFICE_TYPES.join(', ')}` }]);
    return this.offices.page({ type, parentId }, cursor, limit === undefined ? 500 : parseLimit(limit));
  }

  @Get('open')
  @ApiOperation({
    summary: 'Offices and outlets of a city or kecamatan that take applications at a time',
    description:
      'near: a kecamatan code (31.74.01: its office, its kelurahan and the outlets in it) or a city code (31.74: the city office and every office and outlet under it). ' +
      'An office is open in the civil-service working time of the business calendar; an outlet within its weekly schedule or one of its sessions (GET /v1/outlet-sessions). docs/api.md, Outlets and opening hours.',
  })
  @ApiQuery({ name: 'near', required: true, example: '31.74.01' })
  @ApiQuery({ name: 'at', required: false, description: 'ISO 8601 instant with offset; now by default', example: '2026-12-06T07:00:00+07:00' })
  @ApiOkResponse({ type: OpenOfficesDto })
  @ApiProblems('validation', 'unauthorized')
  open(@Query('at') at?: string, @Query('near') near?: string) {
    return this.sessions.openNear(at, near);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One office or outlet, with its schedule' })
  @ApiParam({ name: 'id', example: 'outlet-mall-kota-kasablanka' })
  @ApiOkResponse({ type: OfficeDto })
  @ApiProblems('unauthorized', 'not-found')
  get(@Param('id') id: string) {
    const office = this.offices.get(id);
    if (!office) throw new NotFoundError('Office', `No office ${id}: GET /v1/offices lists them.`);
    return office;
  }
}
