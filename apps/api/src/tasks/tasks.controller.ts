import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/token';
import { ApplicationDto } from '../applications/dto/application.dto';
import { Roles } from '../auth/auth.guard';
import { ApiIdempotent, ApiProblems } from '../common/openapi';
import { CurrentPrincipal, IdempotencyKey, RequestId } from '../common/request-context';
import { DecisionDto } from './dto/decision.dto';
import { InboxQueryDto } from './dto/inbox.query';
import { TaskDto, TaskListDto } from './dto/task.dto';
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
    description: "Approvers see only their agency (and office, when their token names one): naming another agency answers 403. Admins see every agency's.",
  })
  @ApiOkResponse({ type: TaskListDto })
  @ApiProblems('validation', 'unauthorized', 'forbidden')
  inbox(@CurrentPrincipal() principal: Principal, @Query() q: InboxQueryDto) {
    return this.tasks.inbox(principal, { agency: q.agency, status: q.status, overdue: q.overdue === undefined ? undefined : q.overdue === 'true', cursor: q.cursor, limit: q.limit ?? 50 });
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

  @Post(':taskId/decision')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({
    summary: "Approve, reject or request a revision on one of your agency's open tasks",
    description:
      "A Temporal Update validated by the workflow: a task of another agency (403 wrong-agency), a head's step decided by a token whose position is not head (403 wrong-position), a closed task (409), a finished application (409) is refused and leaves no trace in its history. Answers the application after the decision.",
  })
  @ApiParam(TASK_PARAM)
  @ApiBody({ type: DecisionDto })
  @ApiOkResponse({ type: ApplicationDto })
  @ApiIdempotent()
  @ApiProblems('validation', 'unauthorized', 'forbidden', 'wrong-agency', 'wrong-position', 'not-found', 'task-not-open', 'awaiting-applicant', 'application-closed', 'unavailable')
  decide(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Param('taskId') taskId: string,
    @Body() dto: DecisionDto,
  ) {
    return this.tasks.decide(principal, taskId, dto, { idempotencyKey, requestId });
  }
}
