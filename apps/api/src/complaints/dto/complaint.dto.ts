import { ApiProperty } from '@nestjs/swagger';
import { ApiEnum, ApiInstant, ApiNullableInstant, ApiNullableString } from '../../common/openapi-types';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS } from './file-complaint.dto';

/** A complaint as its filer sees it: no contact details, no description echoed. */
export class ComplaintDto {
  @ApiProperty({ example: 'ADU-7K2M-Q9XD', description: 'Quote it to follow the complaint (GET /v1/complaints/{trackingCode})' }) trackingCode!: string;
  @ApiProperty({ example: 'received' }) status!: string;
  @ApiEnum(COMPLAINT_CHANNELS) channel!: string;
  @ApiEnum(COMPLAINT_CATEGORIES) category!: string;
  @ApiProperty({ example: 'kel-31.74.01.1001' }) officeId!: string;
  @ApiNullableString({ example: 'PTSP Kelurahan Tebet Timur' }) officeName!: string | null;
  @ApiNullableString({ example: null, description: 'The application the complaint is about, when it names one' }) applicationTrackingCode!: string | null;
  @ApiInstant() createdAt!: string;
  @ApiNullableString({ example: 'INSPEKTORAT', description: 'Set at once for illegal_fee: the provincial inspectorate has been notified' }) escalatedTo!: string | null;
  @ApiNullableInstant() escalatedAt!: string | null;
}
