// Response shapes of applications, for the OpenAPI document. The service returns ApplicationView
// (workflows/messages.ts); these classes describe it field by field.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { POSITIONS } from '../../../../../libs/domain';
import { ApiEnum, ApiInstant, PageOf, ApiNullableInstant, NULLABLE_STRING } from '../../common/openapi-types';
import { TASK_STATUSES } from '../../tasks/dto/inbox.query';
import { APPLICATION_STATUSES } from './list-applications.query';

const APP_ID = '01J9Z8Q4M3KX7T2W5R6Y8B0C1D';
const TASK_ID = `${APP_ID}.kelurahan_verification.1`;
const TIMELINE_EVENT_TYPES = [
  'submitted',
  'task.assigned',
  'task.approved',
  'task.rejected',
  'task.revision_requested',
  'task.cancelled',
  'task.deemed',
  'task.claimed',
  'task.unclaimed',
  'task.reassigned',
  'escalation',
  'legal_deadline_missed',
  'resubmitted',
  'withdrawn',
  'issued',
  'rejected',
  'lapsed',
];

export class TaskViewDto {
  @ApiProperty({ description: '<applicationId>.<stepId>.<attempt>', example: TASK_ID }) id!: string;
  @ApiProperty({ example: 'kelurahan_verification' }) stepId!: string;
  @ApiProperty({ example: 'Verifikasi kelurahan' }) stepName!: string;
  @ApiProperty({ description: 'The agency (dinas) that holds the step', example: 'KELURAHAN' }) agency!: string;
  @ApiProperty({ example: 'kel-31.71.01.1001' }) officeId!: string;
  @ApiEnum(POSITIONS) role!: string;
  @ApiProperty({ description: 'Attempts grow when a revision was requested', example: 1 }) attempt!: number;
  @ApiEnum(TASK_STATUSES) status!: string;
  @ApiInstant() assignedAt!: string;
  @ApiNullableInstant({ description: 'Due in business time (Asia/Jakarta civil-service hours)' }) dueAt!: string | null;
  @ApiProperty({ description: 'Past its due time and still open, or decided late' }) overdue!: boolean;
  @ApiProperty({ description: 'Business minutes used on this step, every attempt included', example: 120 }) businessMinutesUsed!: number;
  @ApiProperty({ example: 900 }) deadlineMinutes!: number;
  @ApiProperty({ type: [String], description: 'Escalation rungs fired', example: [] }) escalations!: string[];
  @ApiInstant({ required: false }) decidedAt?: string;
  @ApiPropertyOptional({ example: 'officer-kelurahan-1' }) decidedBy?: string;
  @ApiPropertyOptional({ example: 'Sesuai' }) note?: string;
  @ApiPropertyOptional({ description: 'The officer who holds the task: claimed it, or was assigned it by a head', example: 'officer-kelurahan-1' }) claimedBy?: string;
  @ApiInstant({ required: false, description: 'Since when the officer holds it' }) claimedAt?: string;
}

export class TimelineEventDto {
  @ApiProperty({ example: 1 }) seq!: number;
  @ApiInstant() at!: string;

  @ApiEnum(TIMELINE_EVENT_TYPES) type!: string;
  @ApiProperty({ description: "The token's sub, or system", example: 'kiosk-mall-1' }) actor!: string;
  @ApiPropertyOptional({ example: 'integrator' }) role?: string;
  @ApiPropertyOptional({ example: 'KELURAHAN' }) agency?: string;
  @ApiPropertyOptional({ example: 'kelurahan_verification' }) stepId?: string;
  @ApiPropertyOptional({ example: TASK_ID }) taskId?: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ description: 'task.reassigned: the officer the task was handed to; task.unclaimed: the officer whose claim was released', example: 'officer-kelurahan-2' })
  assignee?: string;
  @ApiPropertyOptional({ type: [String], description: 'resubmitted: the top-level data fields the applicant corrected (names only, never values)', example: ['businessName'] })
  changedFields?: string[];
  @ApiPropertyOptional({ type: [String], description: 'resubmitted: the document types the applicant replaced or added', example: ['akta_pendirian'] })
  changedDocuments?: string[];
  @ApiEnum(APPLICATION_STATUSES) statusBefore!: string;
  @ApiEnum(APPLICATION_STATUSES) statusAfter!: string;
  @ApiPropertyOptional({ description: 'X-Request-Id of the HTTP request that caused the event' }) requestId?: string;
}

export class ApplicantViewDto {
  @ApiProperty({ example: '3171011505900001' }) nik!: string;
  @ApiProperty({ example: 'Siti Rahayu' }) name!: string;
  @ApiPropertyOptional({ example: 'siti@example.id' }) email?: string;
  @ApiPropertyOptional({ example: '081234567890' }) phone?: string;
  @ApiPropertyOptional({ enum: ['id', 'en'], description: 'Language of the notices' }) language?: 'id' | 'en';
}

export class ApplicationLocationDto {
  @ApiProperty({ example: '31.71.01.1001' }) kelurahanCode!: string;
  @ApiProperty({ example: 'Jl. Ir. H. Juanda No. 5' }) address!: string;
}

export class ApplicationFilingDto {
  @ApiProperty({ description: 'Filed at an outlet outside its weekly schedule and sessions: accepted, and counted in the office report', example: false })
  outsideOpeningHours!: boolean;
  @ApiProperty({ ...NULLABLE_STRING, description: 'The outlet session that took the application, if one did', example: 'ses_01J9Z8Q4M3KX7T2W5R6Y8B0C1D' })
  outletSessionId!: string | null;
}

export class ApplicationDto {
  @ApiProperty({ example: APP_ID }) id!: string;
  @ApiProperty({ description: 'For citizens: GET /v1/track/{trackingCode}', example: '7K3M-Q9TX-2B4R' }) trackingCode!: string;
  @ApiProperty({ example: 'SKDU' }) permitType!: string;
  @ApiProperty({ description: 'The definition version this application runs on, whatever ships later', example: 1 }) definitionVersion!: number;
  @ApiEnum(APPLICATION_STATUSES) status!: string;
  @ApiProperty({ description: 'Issued because the legal deadline passed without a decision' }) deemedGranted!: boolean;
  @ApiProperty({ example: 'kiosk-mall-1' }) submittedBy!: string;
  @ApiProperty({ example: 'outlet-mall-kota-kasablanka' }) receivingOfficeId!: string;
  @ApiProperty({ type: ApplicationLocationDto }) location!: ApplicationLocationDto;
  @ApiInstant() submittedAt!: string;
  @ApiNullableInstant({ description: 'The legal deadline of the whole application' }) dueAt!: string | null;
  @ApiNullableInstant({ description: 'While awaiting_applicant: when the application lapses' }) applicantDueAt!: string | null;
  @ApiNullableInstant() decidedAt!: string | null;
  @ApiProperty({ type: [TaskViewDto] }) openTasks!: TaskViewDto[];
  @ApiProperty({ type: [TaskViewDto], description: 'Every step attempt, open or closed' }) tasks!: TaskViewDto[];
  @ApiProperty({ type: [TimelineEventDto] }) timeline!: TimelineEventDto[];
  @ApiProperty({ description: 'Grows with every change; the weak ETag derives from it', example: 7 }) revision!: number;
  @ApiPropertyOptional({ type: ApplicationFilingDto, description: 'For an application filed at an outlet: whether it was open. In GET /v1/applications/{id} and the submit answer' }) filing?: ApplicationFilingDto;
  @ApiPropertyOptional({ type: ApplicantViewDto, description: 'For the submitting integrator and admins; never for approvers or the public' }) applicant?: ApplicantViewDto;
}

export class ApplicationListDto extends PageOf(ApplicationDto) {}
