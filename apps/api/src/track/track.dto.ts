import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_STATUSES } from '../applications/dto/list-applications.query';
import { FeeDto } from '../permit-types/permit-type.dto';

export class TrackStepDto {
  @ApiProperty({ example: 'Verifikasi persyaratan oleh suku dinas kesehatan' })
  step!: string;

  @ApiProperty({ example: 'DINKES' })
  agency!: string;

  @ApiProperty({ example: 'Kota Administrasi Jakarta Pusat' })
  office!: string;

  @ApiProperty({ example: 'kota-31.71', description: 'The office id (GET /v1/offices), e.g. to name it in a complaint' })
  officeId!: string;

  @ApiProperty({ format: 'date-time' })
  assignedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  dueAt!: string | null;

  @ApiProperty()
  overdue!: boolean;
}

export class TrackEventDto {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ example: 'task.approved' })
  type!: string;

  @ApiProperty({ nullable: true, type: String, example: 'DINKES' })
  agency!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'dinkes_verification' })
  stepId!: string | null;
}

/** What a citizen sees by tracking code: no NIK, names, contacts, notes or officers. */
export class TrackDto {
  @ApiProperty({ example: '7K3M-Q9TX-2B4R' })
  trackingCode!: string;

  @ApiProperty({ example: 'SIP_DOKTER' })
  permitType!: string;

  @ApiPropertyOptional({ example: 'Surat Izin Praktik Dokter' })
  permitName?: string;

  @ApiProperty({ enum: APPLICATION_STATUSES })
  status!: string;

  @ApiProperty()
  deemedGranted!: boolean;

  @ApiProperty({ format: 'date-time' })
  submittedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  dueAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  decidedAt!: string | null;

  @ApiProperty({ example: 'Kelurahan Gambir' })
  receivingOffice!: string;

  @ApiProperty({ example: 'kel-31.71.01.1001', description: 'The office id (GET /v1/offices), e.g. to name it in a complaint' })
  receivingOfficeId!: string;

  @ApiProperty({ type: FeeDto, nullable: true })
  officialFee!: FeeDto | null;

  @ApiProperty({ type: [TrackStepDto], description: 'Where the file is now: the open steps, the agency holding each, and when it is due' })
  currentSteps!: TrackStepDto[];

  @ApiProperty({ type: [TrackEventDto] })
  timeline!: TrackEventDto[];

  @ApiProperty({ description: 'How to report a request for money beyond the official fee' })
  reportIllegalFee!: string;
}
