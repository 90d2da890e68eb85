import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/token';
import { Deletes } from '../common/changes';
import { Creates } from '../common/creates';
import { Roles } from '../auth/auth.guard';
import { ApiProblems } from '../common/openapi';
import { CurrentPrincipal, IdempotencyKey } from '../common/request-context';
import { OutletSessionDto, OutletSessionListDto, WriteOutletSessionDto } from './outlet-session.dto';
import { OutletSessionsService } from './outlet-sessions.service';

const ID_PARAM = { name: 'id', example: 'ses_01J9Z8Q4M3KX7T2W5R6Y8B0C1D' };

/** Outlet sessions: PTSP at a mall, a park, a car-free day, on a date with its hours. Admins write them. */
@ApiTags('offices')
@ApiBearerAuth()
@Controller('v1/outlet-sessions')
export class OutletSessionsController {
  constructor(private readonly sessions: OutletSessionsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Open an outlet on a date, from one time to another (Asia/Jakarta)',
    description: 'A session opens the outlet besides its weekly schedule: GET /v1/offices/open lists it while it runs, and a submission there is not flagged.',
  })
  @Creates({ body: WriteOutletSessionDto, type: OutletSessionDto, location: '/v1/outlet-sessions/{id}', problems: ['validation', 'unauthorized', 'forbidden', 'unknown-office'] })
  create(@CurrentPrincipal() principal: Principal, @IdempotencyKey() key: string, @Body() dto: WriteOutletSessionDto) {
    return this.sessions.create(principal.sub, key, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Outlet sessions, by date and opening time' })
  @ApiQuery({ name: 'office', required: false, description: 'one outlet', example: 'outlet-rptra-kalijodo' })
  @ApiQuery({ name: 'from', required: false, description: 'first Jakarta date, YYYY-MM-DD' })
  @ApiQuery({ name: 'to', required: false, description: 'last Jakarta date, YYYY-MM-DD' })
  @ApiOkResponse({ type: OutletSessionListDto })
  @ApiProblems('validation', 'unauthorized')
  async list(@Query('office') office?: string, @Query('from') from?: string, @Query('to') to?: string) {
    return { items: await this.sessions.list({ officeId: office, from, to }), nextCursor: null };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One outlet session' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: OutletSessionDto })
  @ApiProblems('unauthorized', 'not-found')
  get(@Param('id') id: string) {
    return this.sessions.get(id);
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({ summary: "Change a session's outlet, date, hours or venue (the whole session, as when created)" })
  @ApiParam(ID_PARAM)
  @ApiBody({ type: WriteOutletSessionDto })
  @ApiOkResponse({ type: OutletSessionDto })
  @ApiProblems('validation', 'malformed-json', 'unauthorized', 'forbidden', 'not-found', 'unknown-office')
  update(@Param('id') id: string, @Body() dto: WriteOutletSessionDto) {
    return this.sessions.update(id, dto);
  }

  @Deletes(ID_PARAM)
  @Roles('admin')
  @ApiOperation({ summary: 'Cancel a session; applications already filed there keep their flag' })
  async remove(@Param('id') id: string) {
    await this.sessions.remove(id);
  }
}
