import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { OFFICE_TYPES, OfficeDto, OfficeListDto } from './office.dto';
import { parseLimit } from '../common/pagination';
import { NotFoundError, ValidationError } from '../common/errors';
import { OfficesService } from './offices.service';

@ApiTags('offices')
@ApiBearerAuth()
@Controller('v1/offices')
export class OfficesController {
  constructor(private readonly offices: OfficesService) {}

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
