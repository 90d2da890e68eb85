import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../../applications/dto/list-applications.query';

export const TASK_STATUSES = ['open', 'approved', 'rejected', 'revision_requested', 'cancelled', 'deemed'] as const;

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "Agency code (dinas). Approvers may only name their own (or omit it); admins any.", example: 'DCKTRP' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'agency must be an agency code such as DCKTRP' })
  agency?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(TASK_STATUSES, { message: `status must be one of ${TASK_STATUSES.join(', ')}` })
  status?: (typeof TASK_STATUSES)[number];

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only tasks past (true) or within (false) their due time' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
}
