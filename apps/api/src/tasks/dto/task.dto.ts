import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApplicantViewDto } from '../../applications/dto/application.dto';
import { DUE_WINDOWS } from '../../../../../libs/domain';
import { TASK_STATUSES } from './inbox.query';

export class TaskDocumentDto {
  @ApiProperty({ example: 'ktp' })
  type!: string;

  @ApiProperty({ example: 'https://files.example.id/ktp.pdf' })
  url!: string;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256!: string;
}

/** What the holder of an open task reads to decide it. Every answer that carries it is in the audit log. */
export class TaskApplicationDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The application's data as it stands now (the permit type's dataSchema)",
    example: { businessName: 'Warung Makan Bu Sari', businessType: 'perorangan', employees: 3 },
  })
  data!: Record<string, unknown>;

  @ApiProperty({ type: [TaskDocumentDto], description: 'The documents filed, resubmitted ones included' })
  documents!: TaskDocumentDto[];

  @ApiProperty({ type: ApplicantViewDto, description: "The applicant's identity, to verify the file" })
  applicant!: ApplicantViewDto;
}

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

  @ApiProperty({ enum: DUE_WINDOWS, description: 'overdue, soon (due within one business day) or later' })
  dueWindow!: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Business minutes left until the due time of an open task (negative once past); null when closed or not planned yet', example: 330 })
  businessMinutesLeft!: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'The officer who holds the task: claimed it, or was assigned it by a head', example: 'officer-kelurahan-1' })
  claimedBy!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  claimedAt!: string | null;

  @ApiProperty({ type: 'integer', description: 'How many escalation rungs the task reached', example: 1 })
  escalationLevel!: number;

  @ApiProperty({ nullable: true, type: String, description: 'The last rung reached (its id in the permit type\'s ladder; `#n` marks repeats of the last rung)', example: 'remind_officer' })
  escalationRung!: string | null;

  @ApiPropertyOptional({
    type: TaskApplicationDto,
    description: 'Only in GET /v1/tasks/{taskId}, only for an approver who holds the open task (its agency, and its office for territorial steps); each read is audited',
  })
  application?: TaskApplicationDto;
}

export class TaskListDto {
  @ApiProperty({ type: [TaskDto] })
  items!: TaskDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}

export class TaskCountsDto {
  @ApiProperty({ description: 'Open tasks you hold', example: 3 })
  mine!: number;

  @ApiProperty({ description: 'Open tasks of your agency (and office) nobody holds', example: 12 })
  unclaimed!: number;

  @ApiProperty({ description: 'Every open task in your scope', example: 17 })
  open!: number;

  @ApiProperty({ description: 'Tasks you decided', example: 240 })
  done!: number;
}
