import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, type ApiBodyOptions, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/token';
import { ApplicationDto } from '../applications/dto/application.dto';
import { Roles } from '../auth/auth.guard';
import { ApiIdempotent, ApiProblems } from '../common/openapi';
import type { ProblemKind } from '../common/problem';
import { CurrentPrincipal, RequestId, Write, type WriteRequest } from '../common/request-context';
import { ValidationError } from '../common/errors';
import { AssignDto } from './dto/assign.dto';
import { ClaimDto } from './dto/claim.dto';
import { DecisionDto } from './dto/decision.dto';
import { InboxQueryDto, TaskFiltersQueryDto } from './dto/inbox.query';
import { TaskCountsDto, TaskDto, TaskListDto } from './dto/task.dto';
import { TasksService } from './tasks.service';

const TASK_PARAM = { name: 'taskId', description: '<applicationId>.<stepId>.<attempt>', example: '01J9Z8Q4M3KX7T2W5R6Y8B0C1D.technical_review.1' };

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Roles('approver', 'admin')
  @ApiOperation({
    summary: "An agency's inbox, most urgent first",
    description:
      "One queue (`queue`: mine, unclaimed, open, done) or, without one, the tasks of a `status`; filtered by permit type, step, office and due window. Approvers see only their agency (and office, when their token names one): naming another agency, or another office than their token's, answers 403. Admins see every agency's.",
  })
  @ApiOkResponse({ type: TaskListDto })
  @ApiProblems('validation', 'unauthorized', 'forbidden')
  inbox(@CurrentPrincipal() principal: Principal, @Query() q: InboxQueryDto) {
    if (q.queue && q.status) {
      throw new ValidationError([{ field: 'status', message: 'give either queue or status, not both: a queue has its own statuses' }]);
    }
    const overdue = q.overdue === undefined ? undefined : q.overdue === 'true';
    return this.tasks.inbox(principal, { ...filtersOf(q), queue: q.queue, status: q.status, overdue, cursor: q.cursor, limit: q.limit ?? 50 });
  }

  // Declared before :taskId, so "counts" is not read as a task id.
  @Get('counts')
  @Roles('approver', 'admin')
  @ApiOperation({
    summary: 'How many tasks each queue of the inbox holds',
    description: 'The same scope and filters as GET /v1/tasks, for every queue at once: mine, unclaimed, open, done.',
  })
  @ApiOkResponse({ type: TaskCountsDto })
  @ApiProblems('validation', 'unauthorized', 'forbidden')
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

  @TaskUpdate('decision', {
    summary: "Approve, reject or request a revision on one of your agency's open tasks",
    description:
      "A Temporal Update validated by the workflow: a task of another agency (403 wrong-agency), a head's step decided by a token whose position is not head (403 wrong-position), a closed task (409), a task claimed by another officer (409 task-claimed), a finished application (409) is refused and leaves no trace in its history. A task nobody claimed may be decided by any approver who may decide it. Answers the application after the decision.",
    body: { type: DecisionDto },
    problems: ['wrong-agency', 'wrong-position', 'not-found', 'task-not-open', 'task-claimed', 'awaiting-applicant'],
  })
  decide(@CurrentPrincipal() principal: Principal, @Write() write: WriteRequest, @Param('taskId') taskId: string, @Body() dto: DecisionDto) {
    return this.tasks.decide(principal, taskId, dto, write);
  }

  @TaskUpdate('claim', {
    summary: 'Claim an open task: you will decide it, and other officers are refused',
    description:
      "A Temporal Update validated by the workflow, refused without a trace in its history: a task of another agency or office (403 wrong-agency), a head's step claimed by an officer (403 wrong-position), a task not open (409 task-not-open), a task another officer holds (409 task-claimed, naming them). Claiming a task you hold already changes nothing. Answers the application, whose task shows claimedBy and whose timeline has task.claimed.",
    body: { type: ClaimDto, required: false },
    problems: ['wrong-agency', 'wrong-position', 'not-found', 'task-not-open', 'task-claimed'],
  })
  claim(@CurrentPrincipal() principal: Principal, @Write() write: WriteRequest, @Param('taskId') taskId: string, @Body() dto: ClaimDto) {
    return this.tasks.claim(principal, taskId, dto?.note, write);
  }

  @TaskUpdate('unclaim', {
    summary: 'Release a claim: the task goes back to the unclaimed queue',
    description:
      'By the officer who holds the task, or by a head of its agency (and office), who may release anyone\'s. Refused without a trace: a task of another agency or office (403 wrong-agency), a task not open (409 task-not-open), a task nobody holds (409 task-not-claimed), another officer\'s claim released by a non-head (409 task-claimed).',
    body: { type: ClaimDto, required: false },
    problems: ['wrong-agency', 'not-found', 'task-not-open', 'task-claimed', 'task-not-claimed'],
  })
  unclaim(@CurrentPrincipal() principal: Principal, @Write() write: WriteRequest, @Param('taskId') taskId: string, @Body() dto: ClaimDto) {
    return this.tasks.unclaim(principal, taskId, dto?.note, write);
  }

  @TaskUpdate('assign', {
    summary: "Heads only: hand an open task to one of the agency's officers",
    description:
      "The officer then holds the task as if they had claimed it (it is in their queue=mine), whoever held it before. Only a head of the task's agency, and of its office for territorial steps: anyone else is refused (403 wrong-agency for another agency or office, 403 wrong-position for an officer). A task not open is 409 task-not-open. Refused messages leave no trace in the workflow history.",
    body: { type: AssignDto },
    problems: ['wrong-agency', 'wrong-position', 'not-found', 'task-not-open'],
  })
  assign(@CurrentPrincipal() principal: Principal, @Write() write: WriteRequest, @Param('taskId') taskId: string, @Body() dto: AssignDto) {
    return this.tasks.assign(principal, taskId, dto.officerId, write);
  }
}

/**
 * A POST on one task that the workflow validates as a Temporal Update: approvers only, idempotent,
 * answering the application. Every such write may also be refused as invalid, unauthorized, forbidden,
 * on a closed application or while Temporal is unavailable, besides its own `problems`.
 */
function TaskUpdate(action: string, op: { summary: string; description: string; body: ApiBodyOptions; problems: ProblemKind[] }) {
  return applyDecorators(
    Post(`:taskId/${action}`),
    HttpCode(200),
    Roles('approver'),
    ApiOperation({ summary: op.summary, description: op.description }),
    ApiParam(TASK_PARAM),
    ApiBody(op.body),
    ApiOkResponse({ type: ApplicationDto }),
    ApiIdempotent(),
    ApiProblems('validation', 'unauthorized', 'forbidden', ...op.problems, 'application-closed', 'unavailable'),
  );
}

function filtersOf(q: TaskFiltersQueryDto) {
  return { agency: q.agency, permitType: q.permitType, step: q.step, office: q.office, due: q.due };
}
