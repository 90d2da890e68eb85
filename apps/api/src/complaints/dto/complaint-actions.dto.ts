import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { COMPLAINT_STATUSES } from '../../../../../libs/domain/complaints';
import { IsText } from '../../common/text';

export class AnswerComplaintDto {
  @ApiProperty({ example: 'Petugas telah ditegur; berkas Anda diproses hari ini.', maxLength: 4000, description: 'Public: anyone with the code reads it. No personal data.' })
  @IsNotEmpty({ message: 'text is required: the public answer to the complaint' })
  @IsText(4000, { multiline: true })
  text!: string;
}

export class CloseComplaintDto {
  @ApiPropertyOptional({ example: 'Selesai ditindaklanjuti', maxLength: 500, description: 'Public, on the timeline' })
  @IsOptional()
  @IsText(500)
  note?: string;
}

export class ReopenComplaintDto {
  @ApiProperty({ example: 'K7M2Q9XD', description: 'The followUpPin the filing answered' })
  @IsString()
  @Matches(/^[0-9A-Za-z]{8}$/, { message: 'pin must be the 8 letters and digits given when the complaint was filed' })
  pin!: string;

  @ApiProperty({ example: 'Berkas saya belum juga diproses.', maxLength: 2000 })
  @IsNotEmpty({ message: 'reason is required: say why the answer does not settle the complaint' })
  @IsText(2000, { multiline: true })
  reason!: string;
}

export class ComplaintInboxQueryDto {
  @ApiPropertyOptional({ example: 'kec-31.74.01', description: "Admins: one office's complaints. Approvers: their token's office (another answers 403)." })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  office?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES, { message: `status must be one of ${COMPLAINT_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Matches(/^\d{1,3}$/, { message: 'limit must be an integer from 1 to 200' })
  limit?: string;
}
