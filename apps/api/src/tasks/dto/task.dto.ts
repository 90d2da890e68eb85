import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TASK_STATUSES } from './inbox.query';

/** One task of an inbox: a step attempt with its application's tracking code and permit type. */
export class TaskDto {
  @ApiProperty({ example: '01J9Z8Q4M3KX7T2W5R6Y8B0C1D.technical_review.1' })
  id!: string;

  @ApiProperty({ example: '01J9Z8Q4M3KX7T2W5R6Y8B0C1D' })
  applicationId!: string;

  @ApiProperty({ example: '7K3M-Q9TX-2B4R' })
  trackingCode!: string;

  @ApiProperty({ example: 'PBG' })
  permitType!: string;

  @ApiProperty({ example: 'technical_review' })
  stepId!: string;

  @ApiProperty({ example: 'Kajian teknis' })
  stepName!: string;

  @ApiProperty({ example: 1 })
  attempt!: number;

  @ApiProperty({ example: 'DCKTRP' })
  agency!: string;

  @ApiProperty({ example: 'prov-31' })
  officeId!: string;

  @ApiProperty({ enum: ['officer', 'head'] })
  role!: string;

  @ApiProperty({ enum: TASK_STATUSES })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  assignedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  dueAt!: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  decidedAt?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  decidedBy?: string | null;

  @ApiProperty()
  overdue!: boolean;
}

export class TaskListDto {
  @ApiProperty({ type: [TaskDto] })
  items!: TaskDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}
