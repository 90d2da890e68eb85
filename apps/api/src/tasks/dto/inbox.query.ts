import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DUE_WINDOWS, type DueWindow } from '../../../../../libs/domain';
import { PageQueryDto } from '../../applications/dto/list-applications.query';
import { type Queue, QUEUES } from '../tasks.repository';

export const TASK_STATUSES = ['open', 'approved', 'rejected', 'revision_requested', 'cancelled', 'deemed'] as const;
export const TASK_SORTS = ['due'] as const;

/** The filters the queues and their counts share. */
export class TaskFiltersQueryDto {
  @ApiPropertyOptional({ description: "Agency code (dinas). Approvers may only name their own (or omit it); admins any.", example: 'DCKTRP' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'agency must be an agency code such as DCKTRP' })
  agency?: string;

  @ApiPropertyOptional({ description: 'Only tasks of this permit type', example: 'SKDU' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'permitType must be a permit type code such as SKDU' })
  permitType?: string;

  @ApiPropertyOptional({ description: "Only tasks of this step (the step id of the permit type's definition)", example: 'kelurahan_verification' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'step must be a step id such as kelurahan_verification' })
  step?: string;

  @ApiPropertyOptional({ description: "Only tasks held by this office. An approver whose token names an office may only name that one.", example: 'kel-31.71.01.1001' })
  @IsOptional()
  @Matches(/^[a-z0-9.-]{3,80}$/, { message: 'office must be an office id such as kel-31.71.01.1001' })
  office?: string;

  @ApiPropertyOptional({
    enum: DUE_WINDOWS,
    description: 'overdue: past the due time (or decided late); soon: due within one business day (Asia/Jakarta civil-service hours); later: due after that, or no due time yet',
  })
  @IsOptional()
  @IsIn(DUE_WINDOWS, { message: `due must be one of ${DUE_WINDOWS.join(', ')}` })
  due?: DueWindow;
}

export class InboxQueryDto extends IntersectionType(PageQueryDto, TaskFiltersQueryDto) {
  @ApiPropertyOptional({
    enum: QUEUES,
    description:
      'mine: open tasks you hold (claimed, or assigned to you); unclaimed: open tasks of your agency (and office) nobody holds; open: every open task in your scope; done: tasks you decided. Not together with status.',
  })
  @IsOptional()
  @IsIn(QUEUES, { message: `queue must be one of ${QUEUES.join(', ')}` })
  queue?: Queue;

  @ApiPropertyOptional({ enum: TASK_STATUSES, default: 'open', description: 'Without queue: the tasks of this status' })
  @IsOptional()
  @IsIn(TASK_STATUSES, { message: `status must be one of ${TASK_STATUSES.join(', ')}` })
  status?: (typeof TASK_STATUSES)[number];

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only tasks past (true) or within (false) their due time' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'due', description: 'Most urgent first: due time (none last), then id' })
  @IsOptional()
  @IsIn(TASK_SORTS, { message: `sort must be one of ${TASK_SORTS.join(', ')}` })
  sort?: (typeof TASK_SORTS)[number];
}
