import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { ApplicantViewDto, ApplicationDto, TaskViewDto } from '../../applications/dto/application.dto';
import { DocumentDto } from '../../applications/dto/submit-application.dto';
import { DUE_WINDOWS } from '../../../../../libs/domain';
import { ApiEnum, ApiInstant, ApiNullableInstant, PageOf, ApiNullableString, INTEGER, NULLABLE_NUMBER } from '../../common/openapi-types';

export class ResubmissionDto {
  @ApiInstant() at!: string;
  @ApiPropertyOptional({ description: "The applicant's note", example: 'Nama usaha disesuaikan dengan akta' }) note?: string;
  @ApiProperty({ type: [String], description: 'Top-level data fields the applicant corrected', example: ['businessName'] }) changedFields!: string[];
  @ApiProperty({ type: [String], description: 'Document types the applicant replaced or added', example: ['akta_pendirian'] }) changedDocuments!: string[];
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

  @ApiProperty({ type: [DocumentDto], description: 'The documents as they stand now: a resubmitted document replaces the earlier ones of its type' }) documents!: DocumentDto[];
  @ApiProperty({
    type: [ResubmissionDto],
    description: "Every answer to a revision request, oldest first, with the data fields and document types it changed (names only): what changed since the step asked for the revision",
  })
  resubmissions!: ResubmissionDto[];
  @ApiProperty({ type: ApplicantViewDto, description: "The applicant's identity, to verify the file" }) applicant!: ApplicantViewDto;
}

const STEP_ATTEMPT = ['id', 'stepId', 'stepName', 'attempt', 'agency', 'officeId', 'role', 'status', 'assignedAt', 'dueAt', 'overdue'] as const;

/** One task of an inbox: a step attempt with its application's tracking code and permit type. */
export class TaskDto extends IntersectionType(PickType(TaskViewDto, STEP_ATTEMPT), PickType(ApplicationDto, ['trackingCode', 'permitType'] as const)) {
  @ApiProperty({ example: '01J9Z8Q4M3KX7T2W5R6Y8B0C1D' }) applicationId!: string;
  @ApiNullableInstant({ required: false }) decidedAt?: string | null;
  @ApiNullableString({ required: false }) decidedBy?: string | null;
  @ApiEnum(DUE_WINDOWS, { description: 'overdue, soon (due within one business day) or later' }) dueWindow!: string;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'Business minutes left until the due time of an open task (negative once past); null when closed or not planned yet', example: 330 })
  businessMinutesLeft!: number | null;
  @ApiNullableString({ description: 'The officer who holds the task: claimed it, or was assigned it by a head', example: 'officer-kelurahan-1' }) claimedBy!: string | null;
  @ApiNullableInstant() claimedAt!: string | null;
  @ApiProperty({ ...INTEGER, description: 'How many escalation rungs the task reached', example: 1 }) escalationLevel!: number;
  @ApiNullableString({ description: "The last rung reached (its id in the permit type's ladder; `#n` marks repeats of the last rung)", example: 'remind_officer' })
  escalationRung!: string | null;

  @ApiPropertyOptional({
    type: TaskApplicationDto,
    description: 'Only in GET /v1/tasks/{taskId}, only for an approver who holds the open task (its agency, and its office for territorial steps); each read is audited',
  })
  application?: TaskApplicationDto;
}

export class TaskListDto extends PageOf(TaskDto) {}

export class TaskCountsDto {
  @ApiProperty({ ...INTEGER, description: 'Open tasks you hold', example: 3 }) mine!: number;
  @ApiProperty({ ...INTEGER, description: 'Open tasks of your agency (and office) nobody holds', example: 12 }) unclaimed!: number;
  @ApiProperty({ ...INTEGER, description: 'Every open task in your scope', example: 17 }) open!: number;
  @ApiProperty({ ...INTEGER, description: 'Tasks you decided', example: 240 }) done!: number;
}
