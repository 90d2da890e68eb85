import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { ApplicationDto, TaskViewDto } from '../applications/dto/application.dto';
import { ApiInstant, ApiNullableInstant, ApiNullableString } from '../common/openapi-types';
import { FeeDto } from '../permit-types/permit-type.dto';

const OFFICE_ID = 'The office id (GET /v1/offices), e.g. to name it in a complaint';

export class TrackStepDto extends PickType(TaskViewDto, ['agency', 'assignedAt', 'dueAt', 'overdue'] as const) {
  @ApiProperty({ example: 'Verifikasi data dan lokasi usaha' }) step!: string;
  @ApiProperty({ example: 'Kelurahan Gambir' }) office!: string;
  @ApiProperty({ example: 'kel-31.71.01.1001', description: OFFICE_ID }) officeId!: string;
}

export class TrackEventDto {
  @ApiInstant() at!: string;
  @ApiProperty({ example: 'task.approved' }) type!: string;
  @ApiNullableString({ example: 'KELURAHAN' }) agency!: string | null;
  @ApiNullableString({ example: 'kelurahan_verification' }) stepId!: string | null;
}

export class TrackNoticeDto {
  @ApiProperty({ enum: ['filed', 'revision_requested', 'issued', 'rejected', 'deemed_granted', 'lapsed'], example: 'filed' }) kind!: string;
  @ApiProperty({ enum: ['sms', 'email'], example: 'sms' }) channel!: 'sms' | 'email';
  @ApiInstant({ description: 'When the notice was queued' }) at!: string;
  @ApiProperty({ description: 'Whether the SMS gateway or mail server took it' }) delivered!: boolean;
  @ApiNullableInstant() deliveredAt!: string | null;
}

const APPLICATION_FIELDS = ['trackingCode', 'permitType', 'status', 'deemedGranted', 'submittedAt', 'dueAt', 'decidedAt'] as const;

/** What a citizen sees by tracking code: no NIK, names, contacts, notes or officers. */
export class TrackDto extends PickType(ApplicationDto, APPLICATION_FIELDS) {
  @ApiPropertyOptional({ example: 'Surat Keterangan Domisili Usaha' }) permitName?: string;
  @ApiProperty({ example: 'Kelurahan Gambir' }) receivingOffice!: string;
  @ApiProperty({ example: 'kel-31.71.01.1001', description: OFFICE_ID }) receivingOfficeId!: string;
  @ApiProperty({ type: FeeDto, nullable: true }) officialFee!: FeeDto | null;
  @ApiProperty({ type: [TrackStepDto], description: 'Where the file is now: the open steps, the agency holding each, and when it is due' }) currentSteps!: TrackStepDto[];
  @ApiProperty({ type: [TrackEventDto] }) timeline!: TrackEventDto[];
  @ApiProperty({ type: [TrackNoticeDto], description: 'The notices sent to the applicant (kind, channel, when, delivered or not): never their text or the address' }) notices!: TrackNoticeDto[];
  @ApiProperty({ description: 'How to report a request for money beyond the official fee' }) reportIllegalFee!: string;
}
