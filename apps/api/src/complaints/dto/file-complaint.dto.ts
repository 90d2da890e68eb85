import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export const COMPLAINT_CHANNELS = ['sms', 'web', 'app', 'email'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** `illegal_fee`: someone asked for money beyond the official fee (pungutan liar): escalated to the inspectorate at once. */
export const COMPLAINT_CATEGORIES = ['illegal_fee', 'slow_service', 'rude_staff', 'wrong_information', 'office_closed', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export class ComplaintContactDto {
  @ApiPropertyOptional({ example: '081234567890', description: 'To be called back; never shown in reports or logs' })
  @IsOptional()
  @Matches(/^(\+62|0)8\d{7,11}$/, { message: 'phone must be an Indonesian mobile number such as 081234567890' })
  phone?: string;

  @ApiPropertyOptional({ example: 'warga@example.id' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;
}

export class FileComplaintDto {
  @ApiProperty({ enum: COMPLAINT_CHANNELS, description: 'How the complaint reached us' })
  @IsIn(COMPLAINT_CHANNELS, { message: `channel must be one of ${COMPLAINT_CHANNELS.join(', ')}` })
  channel!: ComplaintChannel;

  @ApiProperty({ example: 'kel-31.74.01.1001', description: 'The office or outlet complained about (GET /v1/offices)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  officeId!: string;

  @ApiProperty({ enum: COMPLAINT_CATEGORIES })
  @IsIn(COMPLAINT_CATEGORIES, { message: `category must be one of ${COMPLAINT_CATEGORIES.join(', ')}` })
  category!: ComplaintCategory;

  @ApiPropertyOptional({ example: 'ABCD-EFGH-JKMN', description: 'Tracking code of the application concerned, if any' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}$/, { message: 'trackingCode must look like XXXX-XXXX-XXXX (on the receipt)' })
  trackingCode?: string;

  @ApiPropertyOptional({ example: 'Petugas meminta uang Rp 200.000 agar berkas cepat diproses.', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: ComplaintContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComplaintContactDto)
  contact?: ComplaintContactDto;
}
