import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/token';
import { Creates, madeOrFound } from '../common/creates';
import { Roles } from '../auth/auth.guard';
import { Changes } from '../common/changes';
import { ApiProblems } from '../common/openapi';
import { CurrentPrincipal, Write, type WriteRequest } from '../common/request-context';
import { CalendarService } from './calendar.service';
import { AddClosureDto, CalendarYearDto, CancelClosureDto, ClosureDto, ClosureListDto, ListClosuresQueryDto, LoadYearDto, LoadYearResultDto, YearParamDto } from './dto/calendar.dto';

const YEAR_PARAM = { name: 'year', example: 2027, schema: { type: 'integer', minimum: 2024, maximum: 2100 } } as const;
const ID_PARAM = { name: 'id', example: 'cl_6Q0M3KX7T2W5R6Y8' };

/** The business calendar run by admins: closed days, and a year's holidays from its decree (docs/calendar.md). */
@ApiTags('calendar')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Post('closures')
  @ApiOperation({
    summary: 'Close a day for the whole province or for one office (a flood, an election day)',
    description:
      "Steps planned after the closure count the day as closed, and the scope's running steps due on or after the day move by it: the answer comes once the closure is committed, and the running applications are told right after it by a fan-out workflow (docs/calendar.md). Audit-logged with the caller, the decree and the reason.",
  })
  @Creates({
    body: AddClosureDto,
    type: ClosureDto,
    location: '/v1/calendar/closures/{id}',
    problems: ['validation', 'unauthorized', 'forbidden', 'unknown-office', 'calendar-day-closed'],
    found: 'A retry that found the closure it made (with another Idempotency-Key after a crash)',
  })
  async addClosure(@CurrentPrincipal() principal: Principal, @Write() request: WriteRequest, @Body() dto: AddClosureDto) {
    const { created, closure } = await this.calendar.addClosure(principal, dto, request);
    return madeOrFound(closure, created);
  }

  @Get('closures')
  @ApiOperation({ summary: "A year's closures, standing and cancelled, by date" })
  @ApiOkResponse({ type: ClosureListDto })
  @ApiProblems('validation', 'unauthorized', 'forbidden')
  closures(@Query() query: ListClosuresQueryDto) {
    return this.calendar.closures(query.year, query.office);
  }

  @Changes({ path: 'closures/:id/cancel', body: CancelClosureDto, type: ClosureDto, problems: ['validation', 'unauthorized', 'forbidden', 'not-found'] })
  @ApiOperation({ summary: 'Withdraw a closure: the day is a working day again, and the running steps it moved move back; cancelling twice changes nothing' })
  @ApiParam(ID_PARAM)
  cancelClosure(@CurrentPrincipal() principal: Principal, @Write() request: WriteRequest, @Param('id') id: string, @Body() dto: CancelClosureDto) {
    return this.calendar.cancelClosure(principal, id, dto, request);
  }

  @Get('years/:year')
  @ApiOperation({ summary: "A year's holidays and cuti bersama, where they come from (decree, or projected), and its closures" })
  @ApiParam(YEAR_PARAM)
  @ApiOkResponse({ type: CalendarYearDto })
  @ApiProblems('validation', 'unauthorized', 'forbidden')
  year(@Param() params: YearParamDto) {
    return this.calendar.year(params.year);
  }

  @Changes({ path: 'years/:year/decree', body: LoadYearDto, type: LoadYearResultDto, problems: ['validation', 'unauthorized', 'forbidden'] })
  @ApiOperation({
    summary: "Load a year's national holidays and cuti bersama from its decree (SKB), in one request",
    description: "The days replace the year's table (built-in or loaded before). Loading the same decree with the same days again changes nothing (`changed: false`, no audit entry).",
  })
  @ApiParam(YEAR_PARAM)
  loadYear(@CurrentPrincipal() principal: Principal, @Write() request: WriteRequest, @Param() params: YearParamDto, @Body() dto: LoadYearDto) {
    return this.calendar.loadYear(principal, params.year, dto, request);
  }
}
