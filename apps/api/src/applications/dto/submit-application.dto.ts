import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsNik, IsNote, IsPersonName, IsPlainText } from '../../common/text';

export class ApplicantDto {
  @ApiProperty({
    description:
      'NIK, the 16-digit national identity number: province code (11-96), regency, kecamatan, birth date DDMMYY (women add 40 to the day), serial. Checked for structure; never shown on public pages or in logs.',
    example: '3171011505900001',
    pattern: '^\\d{16}$',
  })
  @IsNik()
  nik!: string;

  @ApiProperty({ example: 'Siti Rahayu', maxLength: 200, description: "Letters of any script, digits, spaces and . , ' ( ) / -; no control or bidirectional-override characters." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPersonName()
  name!: string;

  @ApiPropertyOptional({ example: 'siti@example.id' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '081234567890' })
  @IsOptional()
  @Matches(/^(\+62|0)8\d{7,11}$/, { message: 'phone must be an Indonesian mobile number such as 081234567890 or +6281234567890' })
  phone?: string;

  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id', description: 'Language of the notices sent to the applicant (SMS, email): Indonesian unless English is asked for' })
  @IsOptional()
  @IsIn(['id', 'en'], { message: "language must be 'id' or 'en'" })
  language?: 'id' | 'en';
}

export class LocationDto {
  @ApiProperty({ description: 'Kemendagri code of the kelurahan where the permit applies', example: '31.71.01.1001' })
  @Matches(/^31\.\d{2}\.\d{2}\.\d{4}$/, { message: 'kelurahanCode must be a DKI Jakarta kelurahan code such as 31.71.01.1001' })
  kelurahanCode!: string;

  @ApiProperty({ example: 'Jl. Kebon Sirih No. 22', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsPlainText()
  address!: string;
}

export class DocumentDto {
  @ApiProperty({ example: 'ktp' })
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'type must be a document type code such as ktp' })
  type!: string;

  @ApiProperty({ example: 'https://files.example.id/ktp.pdf' })
  @Matches(/^https:\/\/\S{1,2000}$/, { message: 'url must be an https URL' })
  url!: string;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex digits' })
  sha256!: string;
}

/** A nested object of the body, checked field by field as its class. */
function NestedObject(type: new () => object) {
  return applyDecorators(ApiProperty({ type }), ValidateNested(), Type(() => type), IsObject());
}

/** The documents filed: at most 50, each checked as a DocumentDto. */
function Documents(options: { required?: boolean; description?: string } = {}) {
  return applyDecorators(ApiProperty({ type: [DocumentDto], ...options }), IsArray(), ArrayMaxSize(50), ValidateNested({ each: true }), Type(() => DocumentDto));
}

export class SubmitApplicationDto {
  @ApiProperty({ description: 'Permit type code (GET /v1/permit-types)', example: 'SKDU' })
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'permitType must be a permit type code such as SKDU' })
  permitType!: string;

  @NestedObject(ApplicantDto)
  applicant!: ApplicantDto;

  @ApiProperty({ description: 'The office or outlet where the application was filed (GET /v1/offices). Any office accepts any permit type.', example: 'kel-31.71.01.1001' })
  @IsString()
  @Matches(/^[a-z0-9.-]{3,80}$/, { message: 'receivingOfficeId must be an office id such as kel-31.71.01.1001' })
  receivingOfficeId!: string;

  @NestedObject(LocationDto)
  location!: LocationDto;

  @ApiProperty({ description: "Permit-specific data; its JSON Schema is the permit type's dataSchema", type: 'object', additionalProperties: true })
  @IsObject()
  data!: Record<string, unknown>;

  @Documents()
  documents!: DocumentDto[];
}

export class ResubmitDto {
  @ApiPropertyOptional({ example: 'Nama usaha disesuaikan dengan akta' })
  @IsOptional()
  @IsNote()
  note?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      "Corrections to the application's `data`: each top-level field given replaces that field whole, `null` removes an optional one, fields not given stay. The corrected data must fit the dataSchema of the application's own definition version (GET /v1/permit-types/{code}?version={definitionVersion}); if not, 422 invalid-data names each field. The timeline's resubmitted event lists the changed field names, never their values. Corrections that would route the application to another branch of a choice it already passed (another office or agency) answer 422 route-change.",
    example: { businessName: 'Warung Makan Bu Sari Jaya' },
  })
  @IsOptional()
  @IsObject({ message: 'data must be an object of the fields to correct' })
  data?: Record<string, unknown>;

  @Documents({
    required: false,
    description: 'Documents to replace or add: each document type given replaces every document of that type the application holds; other types stay.',
  })
  @IsOptional()
  documents?: DocumentDto[];
}

export class WithdrawDto {
  @ApiPropertyOptional({ example: 'Tidak jadi membuka usaha' })
  @IsOptional()
  @IsNote()
  reason?: string;
}
