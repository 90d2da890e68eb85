import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { ApplicantViewDto, ApplicationDto, TaskViewDto } from '../../applications/dto/application.dto';
import { DocumentDto } from '../../applications/dto/submit-application.dto';
import { ApiNextCursor, ApiNullableInstant, ApiNullableString } from '../../common/openapi-types';

/** What the holder of an open task reads to decide it. Every answer that carries it is in the audit log. */
export class TaskApplicationDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The application's data as it stands now (the permit type's dataSchema)",
    example: { businessName: 'Warung Makan Bu Sari', businessType: 'perorangan', employees: 3 },
  })
  data!: Record<string, unknown>;

  @ApiProperty({ type: [DocumentDto], description: 'The documents filed, resubmitted ones included' }) documents!: DocumentDto[];
  @ApiProperty({ type: ApplicantViewDto, description: "The applicant's identity, to verify the file" }) applicant!: ApplicantViewDto;
}

const STEP_ATTEMPT = ['id', 'stepId', 'stepName', 'attempt', 'agency', 'officeId', 'role', 'status', 'assignedAt', 'dueAt', 'overdue'] as const;

/** One task of an inbox: a step attempt with its application's tracking code and permit type. */
export class TaskDto extends IntersectionType(PickType(TaskViewDto, STEP_ATTEMPT), PickType(ApplicationDto, ['trackingCode', 'permitType'] as const)) {
  @ApiProperty({ example: '01J9Z8Q4M3KX7T2W5R6Y8B0C1D' }) applicationId!: string;
  @ApiNullableInstant({ required: false }) decidedAt?: string | null;
  @ApiNullableString({ required: false }) decidedBy?: string | null;

  @ApiPropertyOptional({
    type: TaskApplicationDto,
    description: 'Only in GET /v1/tasks/{taskId}, only for an approver who holds the open task (its agency, and its office for territorial steps); each read is audited',
  })
  application?: TaskApplicationDto;
}

export class TaskListDto {
  @ApiProperty({ type: [TaskDto] }) items!: TaskDto[];
  @ApiNextCursor() nextCursor!: string | null;
}
