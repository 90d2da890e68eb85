import { ApiProperty } from '@nestjs/swagger';
import { COMPLAINT_STATUSES } from '../../../../../libs/domain/complaints';
import { ApiEnum, ApiInstant, ApiNextCursor, ApiNullableInstant, ApiNullableString, NULLABLE_STRING } from '../../common/openapi-types';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS } from './file-complaint.dto';

export const COMPLAINT_EVENT_TYPES = ['received', 'inspectorate_notified', 'assigned', 'escalated', 'answered', 'reopened', 'closed'] as const;

export class ComplaintEventDto {
  @ApiInstant() at!: string;
  @ApiEnum(COMPLAINT_EVENT_TYPES) type!: string;
  @ApiNullableString({ example: 'on time', description: 'assigned: the office; escalated: the rung and who was told; answered: on time or late; closed: the office\'s note. Never personal data.' })
  note!: string | null;
}

/** A complaint as anyone holding its code sees it: no contact details, no description, no officer's name. */
export class ComplaintDto {
  @ApiProperty({ example: 'ADU-7K2M-Q9XD', description: 'Quote it to follow the complaint (GET /v1/complaints/{trackingCode})' }) trackingCode!: string;
  @ApiEnum(COMPLAINT_STATUSES, { description: 'received → assigned → answered → closed; reopened (once) after an answer' }) status!: string;
  @ApiEnum(COMPLAINT_CHANNELS) channel!: string;
  @ApiEnum(COMPLAINT_CATEGORIES) category!: string;
  @ApiProperty({ example: 'kel-31.74.01.1001', description: 'The office complained about' }) officeId!: string;
  @ApiNullableString({ example: 'PTSP Kelurahan Tebet Timur' }) officeName!: string | null;
  @ApiNullableString({ example: null, description: 'The application the complaint is about, when it names one' }) applicationTrackingCode!: string | null;
  @ApiInstant() createdAt!: string;
  @ApiNullableString({ example: 'INSPEKTORAT', description: 'Set at once for illegal_fee: the provincial inspectorate is notified (retried until delivered)' }) escalatedTo!: string | null;
  @ApiNullableInstant() escalatedAt!: string | null;
  @ApiNullableString({ example: 'kec-31.74.01', description: "The office that must answer: the application's receiving office, else the kecamatan of the office complained about" })
  responsibleOfficeId!: string | null;
  @ApiNullableString({ example: 'PTSP Kecamatan Tebet' }) responsibleOfficeName!: string | null;
  @ApiNullableInstant({ description: 'When the public answer of the current round is due (5 business days); null once answered' }) dueAt!: string | null;
  @ApiProperty({ description: 'The round passed its due time without an answer' }) overdue!: boolean;
  @ApiNullableString({ example: 'Petugas telah ditegur; berkas Anda diproses hari ini.', description: "The office's latest public answer" }) answer!: string | null;
  @ApiNullableInstant() answeredAt!: string | null;
  @ApiProperty({ description: 'The citizen reopened it (possible once)' }) reopened!: boolean;
  @ApiNullableInstant({ description: 'Until when the citizen may reopen it (POST /v1/complaints/{trackingCode}/reopen); null when they may not' }) reopenUntil!: string | null;
  @ApiNullableInstant() closedAt!: string | null;
  @ApiProperty({ type: [ComplaintEventDto], description: 'Oldest first' }) timeline!: ComplaintEventDto[];
}

/** The answer to a filing: the complaint, and the PIN that lets its filer reopen it. */
export class FiledComplaintDto extends ComplaintDto {
  @ApiProperty({
    example: 'K7M2Q9XD',
    description: 'Shown once, to the filer only: with the tracking code it reopens the complaint. The same filing sent again with its Idempotency-Key answers the same PIN; only its hash is stored.',
  })
  followUpPin!: string;
}

/** A complaint in its office's inbox: what the office needs to answer it (the description), still no contact details. */
export class InboxComplaintDto extends ComplaintDto {
  @ApiProperty({ ...NULLABLE_STRING, example: 'Petugas meminta uang Rp 200.000 agar berkas cepat diproses.' }) description!: string | null;
}

export class ComplaintInboxDto {
  @ApiProperty({ type: [InboxComplaintDto], description: 'Oldest first' }) items!: InboxComplaintDto[];
  @ApiNextCursor() nextCursor!: string | null;
}
