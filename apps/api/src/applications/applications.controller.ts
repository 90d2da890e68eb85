import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import type { Principal } from '../../../../libs/auth/token';
import { Roles } from '../auth/auth.guard';
import { Changes } from '../common/changes';
import { Creates, madeOrFound } from '../common/creates';
import { ApiProblems } from '../common/openapi';
import { CurrentPrincipal, Write, type WriteRequest } from '../common/request-context';
import { ApplicationResponse, ApplicationsService } from './applications.service';
import { ApplicationDto, ApplicationListDto } from './dto/application.dto';
import { ListApplicationsQueryDto } from './dto/list-applications.query';
import { ResubmitDto, SubmitApplicationDto, WithdrawDto } from './dto/submit-application.dto';

const ID_PARAM = { name: 'id', description: 'Application id (24 characters, Crockford base32)', example: '01J9Z8Q4M3KX7T2W5R6Y8B0C1D' };

/**
 * A weak validator of what the caller sees: the view's revision, plus what changes without a new
 * revision (a due time passing turns a task overdue) and what differs per role (the applicant block).
 */
export function applicationEtag(app: ApplicationResponse): string {
  const overdue = app.openTasks.filter((t) => t.overdue).map((t) => t.id);
  const digest = createHash('sha256').update(JSON.stringify([overdue, app.applicant !== undefined])).digest('base64url').slice(0, 10);
  return `W/"${app.id}-r${app.revision}-${digest}"`;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): a list of tags, or *. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(etag));
}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('v1/applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Roles('integrator')
  @ApiOperation({
    summary: 'Submit an application at any office or outlet',
    description:
      "Starts one workflow per application. The workflow id derives from (caller, Idempotency-Key): a submit retried after a timeout never starts a second one. `data` is validated against the permit type's dataSchema (GET /v1/permit-types/{code}).",
  })
  @Creates({
    body: SubmitApplicationDto,
    type: ApplicationDto,
    location: '/v1/applications/{id}',
    problems: ['validation', 'unauthorized', 'forbidden', 'unknown-permit-type', 'unknown-office', 'unknown-kelurahan', 'invalid-data', 'unavailable'],
    created: 'The application as started; Location names it',
    found: 'The same submission was already started (idempotency key seen after its 24 h record expired)',
  })
  async submit(@CurrentPrincipal() principal: Principal, @Write() write: WriteRequest, @Body() dto: SubmitApplicationDto) {
    const { created, application } = await this.applications.submit(principal, dto, write);
    return madeOrFound(application, created);
  }

  @Get()
  @ApiOperation({
    summary: 'List applications',
    description: 'Integrators see their own, approvers those with a task of their agency, admins all. Filters combine with AND; pages follow nextCursor.',
  })
  @ApiOkResponse({ type: ApplicationListDto })
  @ApiProblems('validation', 'unauthorized')
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListApplicationsQueryDto) {
    return this.applications.list(principal, { ...query, limit: query.limit ?? 50 });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One application: status, open steps with agency and due time, overdue flags, timeline',
    description: 'Answers a weak ETag; send it back in If-None-Match to get 304 while nothing changed. Applications of other integrators (or without a task of your agency) answer 404.',
  })
  @ApiParam(ID_PARAM)
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier answer' })
  @ApiOkResponse({ type: ApplicationDto, headers: { ETag: { description: 'Weak validator of the view', schema: { type: 'string' } } } })
  @ApiNotModifiedResponse({ description: 'Nothing changed since the ETag in If-None-Match' })
  @ApiProblems('unauthorized', 'not-found')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const app = await this.applications.get(principal, id);
    const etag = applicationEtag(app);
    res.setHeader('ETag', etag);
    // The answer holds personal data for some callers: shared caches must not keep it.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Authorization');
    if (matches(ifNoneMatch, etag)) {
      res.status(304);
      return undefined;
    }
    return app;
  }

  @Changes({
    path: ':id/resubmit',
    body: ResubmitDto,
    type: ApplicationDto,
    answer: 'The application after the resubmission',
    problems: ['validation', 'unauthorized', 'forbidden', 'not-found', 'invalid-data', 'route-change', 'no-revision-requested', 'application-closed', 'unavailable'],
  })
  @Roles('integrator')
  @ApiOperation({
    summary: 'Answer a revision request; every stopped clock resumes with the time it had left',
    description:
      "The applicant's answer: a note, corrections to `data` (each top-level field given replaces that field, `null` removes it; the result must fit the dataSchema of the application's definition version, else 422 invalid-data names each field) and documents (each type given replaces the documents of that type). The timeline's `resubmitted` event names the changed fields and document types, never their values; the approvers of the next attempt read them in GET /v1/tasks/{taskId} (`application.resubmissions`).",
  })
  @ApiParam(ID_PARAM)
  resubmit(@CurrentPrincipal() principal: Principal, @Write() write: WriteRequest, @Param('id') id: string, @Body() dto: ResubmitDto) {
    return this.applications.resubmit(principal, id, dto, write);
  }

  @Changes({
    path: ':id/withdraw',
    body: WithdrawDto,
    type: ApplicationDto,
    answer: 'The application, withdrawn',
    problems: ['validation', 'unauthorized', 'forbidden', 'not-found', 'application-closed', 'unavailable'],
  })
  @Roles('integrator', 'admin')
  @ApiOperation({ summary: 'Withdraw the application; open steps are cancelled', description: 'The submitting integrator, or an admin.' })
  @ApiParam(ID_PARAM)
  withdraw(@CurrentPrincipal() principal: Principal, @Write() write: WriteRequest, @Param('id') id: string, @Body() dto: WithdrawDto) {
    return this.applications.withdraw(principal, id, dto, write);
  }
}
