import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AGENCY_CODE, OptionalMatching, OptionalOffice, OptionalOneOf, OptionalPermitType } from '../../common/query-fields';
import { DUE_WINDOWS, type DueWindow } from '../../../../../libs/domain';
import { PageQueryDto } from '../../applications/dto/list-applications.query';
import { type Queue, QUEUES } from '../tasks.repository';

export const TASK_STATUSES = ['open', 'approved', 'rejected', 'revision_requested', 'cancelled', 'deemed'] as const;
export const TASK_SORTS = ['due'] as const;

/** The filters the queues and their counts share. */
export class TaskFiltersQueryDto {
  @OptionalMatching(AGENCY_CODE, 'agency must be an agency code such as DCKTRP', {
    description: 'Agency code (dinas). Approvers may only name their own (or omit it); admins any.',
    example: 'DCKTRP',
  })
  agency?: string;

  @OptionalPermitType({ description: 'Only tasks of this permit type', example: 'SKDU' })
  permitType?: string;

  @OptionalMatching(/^[a-z][a-z0-9_]{0,63}$/, 'step must be a step id such as kelurahan_verification', {
    description: "Only tasks of this step (the step id of the permit type's definition)",
    example: 'kelurahan_verification',
  })
  step?: string;

  @OptionalOffice({ description: 'Only tasks held by this office. An approver whose token names an office may only name that one.', example: 'kel-31.71.01.1001' })
  office?: string;

  @OptionalOneOf('due', DUE_WINDOWS, {
    description: 'overdue: past the due time (or decided late); soon: due within one business day (Asia/Jakarta civil-service hours); later: due after that, or no due time yet',
  })
  due?: DueWindow;
}

export class InboxQueryDto extends IntersectionType(PageQueryDto, TaskFiltersQueryDto) {
  @OptionalOneOf('queue', QUEUES, {
    description:
      'mine: open tasks you hold (claimed, or assigned to you); unclaimed: open tasks of your agency (and office) nobody holds; open: every open task in your scope; done: tasks you decided. Not together with status.',
  })
  queue?: Queue;

  @OptionalOneOf('status', TASK_STATUSES, { default: 'open', description: 'Without queue: the tasks of this status' })
  status?: (typeof TASK_STATUSES)[number];

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only tasks past (true) or within (false) their due time' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  @OptionalOneOf('sort', TASK_SORTS, { default: 'due', description: 'Most urgent first: due time (none last), then id' })
  sort?: (typeof TASK_SORTS)[number];
}
