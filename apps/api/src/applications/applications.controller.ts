import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../../../../libs/auth/token';
import { Roles } from '../auth/auth.guard';
import { CurrentPrincipal, IdempotencyKey, RequestId } from '../common/request-context';
import { problems } from '../common/problem';
import { ApplicationsService } from './applications.service';
import { ResubmitDto, SubmitApplicationDto, WithdrawDto } from './dto/submit-application.dto';

const STATUSES = ['in_review', 'awaiting_applicant', 'issued', 'rejected', 'withdrawn', 'lapsed'];
const IDEMPOTENCY = { name: 'Idempotency-Key', required: true, description: 'A unique key per logical request; a retry with the same key is not applied twice.' };

export function parseLimit(raw?: string): number {
  if (raw === undefined) return 50;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 200) throw problems.validation([{ field: 'limit', message: 'must be an integer from 1 to 200' }]);
  return n;
}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('v1/applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Roles('integrator')
  @ApiOperation({ summary: 'Submit an application at any office or outlet; one workflow starts per application' })
  @ApiHeader(IDEMPOTENCY)
  async submit(
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() key: string,
    @RequestId() requestId: string,
    @Body() dto: SubmitApplicationDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { created, application } = await this.applications.submit(principal, dto, key, requestId);
    res.status(created ? 201 : 200).setHeader('Location', `/v1/applications/${application.id}`);
    return application;
  }

  @Get()
  @ApiOperation({ summary: 'List applications, newest first (integrators see their own)' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiQuery({ name: 'permitType', required: false })
  @ApiQuery({ name: 'office', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query('status') status?: string,
    @Query('permitType') permitType?: string,
    @Query('office') office?: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ) {
    if (status !== undefined && !STATUSES.includes(status)) throw problems.validation([{ field: 'status', message: `must be one of ${STATUSES.join(', ')}` }]);
    return this.applications.list(principal, { status, permitType, office, cursor, limit: parseLimit(limit) });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Status, open steps with agency and due time, overdue flags, timeline' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.applications.get(principal, id);
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @Roles('integrator')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Answer a revision request; every stopped clock resumes with the time it had left' })
  resubmit(@CurrentPrincipal() principal: Principal, @IdempotencyKey() _key: string, @RequestId() requestId: string, @Param('id') id: string, @Body() dto: ResubmitDto) {
    return this.applications.resubmit(principal, id, dto, requestId);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('integrator', 'admin')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Withdraw the application; open steps are cancelled' })
  withdraw(@CurrentPrincipal() principal: Principal, @IdempotencyKey() _key: string, @RequestId() requestId: string, @Param('id') id: string, @Body() dto: WithdrawDto) {
    return this.applications.withdraw(principal, id, dto, requestId);
  }
}
