import { applyDecorators, Body, Controller, Get, Param, Query, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/token';
import { ApplicationDto } from '../applications/dto/application.dto';
import { Roles } from '../auth/auth.guard';
import { StaffQuery } from '../auth/staff-query';
import { Changes } from '../common/changes';
import { ApiProblems } from '../common/openapi';
import type { ProblemKind } from '../common/problem';
import { CurrentPrincipal, RequestId, Write, type WriteRequest } from '../common/request-context';
import { ValidationError } from '../common/errors';
import { AssignDto } from './dto/assign.dto';
import { ClaimDto } from './dto/claim.dto';
import { DecisionDto } from './dto/decision.dto';
import { InboxQueryDto, TaskFiltersQueryDto } from './dto/inbox.query';
import { TaskCountsDto, TaskDto, TaskListDto } from './dto/task.dto';
import TASK_WRITES from './task-writes.json';
import { TasksService } from './tasks.service';

const TASK_PARAM = { name: 'taskId', description: '<applicationId>.<stepId>.<attempt>', example: '01J9Z8Q4M3KX7T2W5R6Y8B0C1D.technical_review.1' };

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @StaffQuery(TaskListDto)
  @ApiOperation({
    summary: "An agency's inbox, most urgent first",
    description:
      "One queue (`queue`: mine, unclaimed, open, done) or, without one, the tasks of a `status`; filtered by permit type, step, office and due window. Approvers see only their agency (and office, when their token names one): naming another agency, or another office than their token's, answers 403. Admins see every agency's.",
  })
  inbox(@CurrentPrincipal() principal: Principal, @Query() q: InboxQueryDto) {
    if (q.queue && q.status) {
      throw new ValidationError([{ field: 'status', message: 'give either queue or status, not both: a queue has its own statuses' }]);
    }
    const overdue = q.overdue === undefined ? undefined : q.overdue === 'true';
    return this.tasks.inbox(principal, { ...filtersOf(q), queue: q.queue, status: q.status, overdue, cursor: q.cursor, limit: q.limit ?? 50 });
  }

  // Declared before :taskId, so "counts" is not read as a task id.
  @Get('counts')
  @StaffQuery(TaskCountsDto)
  @ApiOperation({
    summary: 'How many tasks each queue of the inbox holds',
    description: 'The same scope and filters as GET /v1/tasks, for every queue at once: mine, unclaimed, open, done.',
  })
  counts(@CurrentPrincipal() principal: Principal, @Query() q: TaskFiltersQueryDto) {
    return this.tasks.counts(principal, filtersOf(q));
  }

  @Get(':taskId')
  @Roles('approver', 'admin')
  @ApiOperation({
    summary: 'One task; for its holders, with what it takes to decide it',
    description:
      "A task of another agency or office answers 404, like one that does not exist. An approver who holds the open task (its agency, and its office for territorial steps) also gets `application`: the data, documents and applicant identity; every such read is written to the audit log (type personal_data.read). Nobody else gets that block.",
  })
  @ApiParam(TASK_PARAM)
  @ApiOkResponse({ type: TaskDto })
  @ApiProblems('unauthorized', 'forbidden', 'not-found', 'unavailable')
  get(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string, @Param('taskId') taskId: string) {
    return this.tasks.get(principal, taskId, requestId);
  }

  @TaskUpdate('decision', DecisionDto, ['wrong-agency', 'wrong-position', 'not-found', 'task-not-open', 'task-claimed', 'awaiting-applicant'])
  decide(@CurrentPrincipal() principal: Principal, @Write() write: WriteRequest, @Param('taskId') taskId: string, @Body() dto: DecisionDto) {
    return this.tasks.decide(principal, taskId, dto, write);
  }

  @TaskUpdate('claim', ClaimDto, ['wrong-agency', 'wrong-position', 'not-found', 'task-not-open', 'task-claimed'], { optionalBody: true })
  claim(@CurrentPrincipal() principal: Principal, @Write() write: WriteRequest, @Param('taskId') taskId: string, @Body() dto: ClaimDto) {
    return this.tasks.claim(principal, taskId, dto?.note, write);
  }

  @TaskUpdate('unclaim', ClaimDto, ['wrong-agency', 'not-found', 'task-not-open', 'task-claimed', 'task-not-claimed'], { optionalBody: true })
  unclaim(@CurrentPrincipal() principal: Principal, @Write() write: WriteRequest, @Param('taskId') taskId: string, @Body() dto: ClaimDto) {
    return this.tasks.unclaim(principal, taskId, dto?.note, write);
  }

  @TaskUpdate('assign', AssignDto, ['wrong-agency', 'wrong-position', 'not-found', 'task-not-open'])
  assign(@CurrentPrincipal() principal: Principal, @Write() write: WriteRequest, @Param('taskId') taskId: string, @Body() dto: AssignDto) {
    return this.tasks.assign(principal, taskId, dto.officerId, write);
  }
}

/**
 * A POST on one task that the workflow validates as a Temporal Update: approvers only, idempotent,
 * answering the application. Every such write may also be refused as invalid, unauthorized, forbidden,
 * on a closed application or while Temporal is unavailable, besides its own `problems`. What each one
 * does and refuses, in words, is in task-writes.json: the texts of the OpenAPI document, kept apart
 * from the code so that they read (and can be reviewed or translated) as one page.
 */
function TaskUpdate(action: keyof typeof TASK_WRITES, body: Type<unknown>, problems: ProblemKind[], { optionalBody = false } = {}) {
  return applyDecorators(
    Changes({ path: `:taskId/${action}`, body, optionalBody, type: ApplicationDto, problems: ['validation', 'unauthorized', 'forbidden', ...problems, 'application-closed', 'unavailable'] }),
    Roles('approver'),
    ApiOperation(TASK_WRITES[action]),
    ApiParam(TASK_PARAM),
  );
}

function filtersOf(q: TaskFiltersQueryDto) {
  return { agency: q.agency, permitType: q.permitType, step: q.step, office: q.office, due: q.due };
}
