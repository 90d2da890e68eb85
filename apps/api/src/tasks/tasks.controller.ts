import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/token';
import { parseLimit } from '../applications/applications.controller';
import { Roles } from '../auth/auth.guard';
import { problems } from '../common/problem';
import { CurrentPrincipal, IdempotencyKey, RequestId } from '../common/request-context';
import { DecisionDto } from './dto/decision.dto';
import { TasksService } from './tasks.service';

const TASK_STATUSES = ['open', 'approved', 'rejected', 'revision_requested', 'cancelled', 'deemed'];

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1/tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Roles('approver', 'admin')
  @ApiOperation({ summary: "An agency's inbox, most urgent first (approvers see only their agency)" })
  @ApiQuery({ name: 'agency', required: false })
  @ApiQuery({ name: 'status', required: false, enum: TASK_STATUSES })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  inbox(
    @CurrentPrincipal() principal: Principal,
    @Query('agency') agency?: string,
    @Query('status') status?: string,
    @Query('overdue') overdue?: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ) {
    if (status !== undefined && !TASK_STATUSES.includes(status)) throw problems.validation([{ field: 'status', message: `must be one of ${TASK_STATUSES.join(', ')}` }]);
    if (overdue !== undefined && overdue !== 'true' && overdue !== 'false') throw problems.validation([{ field: 'overdue', message: 'must be true or false' }]);
    return this.tasks.inbox(principal, { agency, status, overdue: overdue === undefined ? undefined : overdue === 'true', cursor, limit: parseLimit(limit) });
  }

  @Post(':taskId/decision')
  @HttpCode(200)
  @Roles('approver')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOperation({ summary: "Approve, reject or request a revision on one of your agency's open tasks; answers the application after the decision" })
  decide(@CurrentPrincipal() principal: Principal, @IdempotencyKey() _key: string, @RequestId() requestId: string, @Param('taskId') taskId: string, @Body() dto: DecisionDto) {
    return this.tasks.decide(principal, taskId, dto, requestId);
  }
}
