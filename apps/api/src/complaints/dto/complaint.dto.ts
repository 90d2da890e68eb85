import { ApiProperty } from '@nestjs/swagger';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS } from './file-complaint.dto';

/** A complaint as its filer sees it: no contact details, no description echoed. */
export class ComplaintDto {
  @ApiProperty({ example: 'ADU-7K2M-Q9XD', description: 'Quote it to follow the complaint (GET /v1/complaints/{trackingCode})' })
  trackingCode!: string;

  @ApiProperty({ example: 'received' })
  status!: string;

  @ApiProperty({ enum: COMPLAINT_CHANNELS })
  channel!: string;

  @ApiProperty({ enum: COMPLAINT_CATEGORIES })
  category!: string;

  @ApiProperty({ example: 'kel-31.74.01.1001' })
  officeId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'PTSP Kelurahan Tebet Timur' })
  officeName!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The application the complaint is about, when it names one' })
  applicationTrackingCode!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true, example: 'INSPEKTORAT', description: 'Set at once for illegal_fee: the provincial inspectorate has been notified' })
  escalatedTo!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  escalatedAt!: string | null;
}
