import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/auth/token';
import { PageQueryDto } from '../applications/dto/list-applications.query';
import { Deletes } from '../common/changes';
import { Creates } from '../common/creates';
import { Roles } from '../auth/auth.guard';
import { ApiProblems } from '../common/openapi';
import { IdempotencyKey, CurrentPrincipal } from '../common/request-context';
import { CreateWebhookDto, WebhookDeliveryListDto, WebhookDto, WebhookListDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

const ID_PARAM = { name: 'id', example: 'wh_01J9Z8Q4M3KX7T2W5R6Y8B0C1D' };

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('integrator')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook: every status change of your applications is POSTed to it',
    description: 'Deliveries are signed (Satupintu-Signature), retried with backoff for 3 days, in order per application; see docs/webhooks.md.',
  })
  @Creates({ body: CreateWebhookDto, type: WebhookDto, location: '/v1/webhooks/{id}', problems: ['validation', 'unauthorized', 'forbidden', 'webhook-target-refused'] })
  create(@CurrentPrincipal() principal: Principal, @IdempotencyKey() key: string, @Body() dto: CreateWebhookDto) {
    return this.webhooks.create(principal, dto, key);
  }

  @Get()
  @ApiOperation({ summary: 'Your webhooks' })
  @ApiOkResponse({ type: WebhookListDto })
  @ApiProblems('unauthorized', 'forbidden')
  list(@CurrentPrincipal() principal: Principal) {
    return this.webhooks.list(principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of your webhooks' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: WebhookDto })
  @ApiProblems('unauthorized', 'forbidden', 'not-found')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.webhooks.get(principal, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Recent deliveries of one of your webhooks, newest first: state, attempts, last answer' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  @ApiProblems('validation', 'unauthorized', 'forbidden', 'not-found')
  deliveries(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() page: PageQueryDto) {
    return this.webhooks.deliveries(principal, id, { cursor: page.cursor, limit: page.limit ?? 50 });
  }

  @Deletes(ID_PARAM)
  @ApiOperation({ summary: 'Delete one of your webhooks; events not yet delivered to it are given up' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    await this.webhooks.remove(principal, id);
  }
}
