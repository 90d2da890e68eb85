import { applyDecorators, Body, Controller, Get, Param, Post, Query, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/token';
import { Public, Roles } from '../auth/auth.guard';
import { StaffQuery } from '../auth/staff-query';
import { Changes } from '../common/changes';
import { Creates, madeOrFound } from '../common/creates';
import { ApiProblems } from '../common/openapi';
import type { ProblemKind } from '../common/problem';
import { parseLimit } from '../common/pagination';
import { CurrentPrincipal, IdempotencyKey, Write, type WriteRequest } from '../common/request-context';
import { ComplaintHandlingService } from './complaint-handling.service';
import { ComplaintsService } from './complaints.service';
import { AnswerComplaintDto, CloseComplaintDto, ComplaintInboxQueryDto, ReopenComplaintDto } from './dto/complaint-actions.dto';
import { ComplaintDto, ComplaintInboxDto, FiledComplaintDto } from './dto/complaint.dto';
import { FileComplaintDto } from './dto/file-complaint.dto';

const CODE_PARAM = { name: 'trackingCode', example: 'ADU-7K2M-Q9XD' };

/** Pengaduan: any citizen may complain about an office, by SMS gateway, web form, app or email, without a token. docs/complaints.md. */
@ApiTags('complaints')
@Controller('v1/complaints')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly handling: ComplaintHandlingService,
  ) {}

  @Post()
  @Public()
  @ApiOperation({
    summary: 'File a complaint about an office (public); illegal_fee goes to the inspectorate at once',
    description:
      'Answers 201 with the complaint tracking code (ADU-XXXX-XXXX) and, once, the followUpPin that reopens it; the same Idempotency-Key answers the same complaint and PIN. The complaint is then assigned to the office that must answer it within 5 business days.',
  })
  @Creates({
    body: FileComplaintDto,
    type: FiledComplaintDto,
    location: '/v1/complaints/{trackingCode}',
    problems: ['validation', 'unknown-office'],
    created: 'The complaint, with its tracking code and follow-up PIN; Location names it',
    found: 'The same complaint sent again with its key after the 24 h replay window',
  })
  async file(@IdempotencyKey() key: string, @Body() dto: FileComplaintDto) {
    const { created, complaint } = await this.complaints.file(dto, key);
    return madeOrFound(complaint, created);
  }

  // Declared before :trackingCode, so "inbox" is not read as a code.
  @Get('inbox')
  @ApiBearerAuth()
  @StaffQuery(ComplaintInboxDto)
  @ApiOperation({
    summary: "An office's complaint inbox, oldest first",
    description: "Approvers see the complaints assigned to their token's office (naming another office answers 403); admins see every office's, or one with ?office=.",
  })
  inbox(@CurrentPrincipal() principal: Principal, @Query() q: ComplaintInboxQueryDto) {
    return this.handling.inbox(principal, { office: q.office, status: q.status, overdue: q.overdue === undefined ? undefined : q.overdue === 'true', cursor: q.cursor, limit: parseLimit(q.limit) });
  }

  @Get(':trackingCode')
  @Public()
  @ApiOperation({ summary: 'Where a complaint stands, by its code: office, due time, public answer, timeline; no personal data' })
  @ApiParam(CODE_PARAM)
  @ApiOkResponse({ type: ComplaintDto })
  @ApiProblems('not-found')
  get(@Param('trackingCode') code: string) {
    return this.complaints.get(code);
  }

  @ComplaintChange('answer', AnswerComplaintDto, ['validation', 'unauthorized', 'forbidden', 'wrong-office', 'not-found', 'complaint-answered', 'complaint-closed', 'complaint-not-assigned'])
  @ApiBearerAuth()
  @Roles('approver', 'admin')
  @ApiOperation({
    summary: 'Answer a complaint publicly (approvers of its office, admins)',
    description: 'An Update of the complaint workflow: another office (403 wrong-office), a complaint already answered in this round (409 complaint-answered) or closed (409 complaint-closed) is refused and leaves no trace.',
  })
  answer(@CurrentPrincipal() principal: Principal, @Write() write: WriteRequest, @Param('trackingCode') code: string, @Body() dto: AnswerComplaintDto) {
    return this.handling.answer(principal, code, dto.text, write);
  }

  @ComplaintChange('close', CloseComplaintDto, ['validation', 'unauthorized', 'forbidden', 'wrong-office', 'not-found', 'complaint-not-answered', 'complaint-closed'], { optionalBody: true })
  @ApiBearerAuth()
  @Roles('approver', 'admin')
  @ApiOperation({
    summary: 'Close an answered complaint (approvers of its office, admins)',
    description: 'The filer may still reopen it once within 10 business days of the answer. Unanswered (409 complaint-not-answered) or closed (409 complaint-closed) complaints are refused.',
  })
  close(@CurrentPrincipal() principal: Principal, @Write() write: WriteRequest, @Param('trackingCode') code: string, @Body() dto: CloseComplaintDto) {
    return this.handling.close(principal, code, dto?.note, write);
  }

  @ComplaintChange('reopen', ReopenComplaintDto, ['validation', 'wrong-pin', 'not-found', 'complaint-not-answered', 'complaint-reopen-refused', 'complaint-closed'])
  @Public()
  @ApiOperation({
    summary: 'Reopen an answered complaint, once (public: the code and the followUpPin of the filing)',
    description: 'Within 10 business days of the answer; the office must answer again within 5 business days. A wrong PIN answers 403 wrong-pin; a second reopening, or one after the window, 409.',
  })
  reopen(@Write() write: WriteRequest, @Param('trackingCode') code: string, @Body() dto: ReopenComplaintDto) {
    return this.handling.reopen(code, dto.pin, dto.reason, write);
  }
}

/** A POST on one complaint that its workflow validates as an Update: idempotent, answering the complaint as it then stands. */
function ComplaintChange(action: string, body: Type<unknown>, problems: ProblemKind[], o: { optionalBody?: boolean } = {}) {
  return applyDecorators(Changes({ path: `:trackingCode/${action}`, body, optionalBody: o.optionalBody, type: ComplaintDto, problems }), ApiParam(CODE_PARAM));
}
