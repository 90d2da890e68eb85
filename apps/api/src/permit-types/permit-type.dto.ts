// Response shapes of the permit catalogue, for the OpenAPI document (CatalogService.describe).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { POSITIONS } from '../../../../libs/domain';
import { ApiEnum, PageOf } from '../common/openapi-types';

export class BusinessDurationDto {
  @ApiPropertyOptional({ example: 3, description: 'Working days of 7.5 business hours (Asia/Jakarta civil-service week)' }) days?: number;
  @ApiPropertyOptional({ example: 4 }) hours?: number;
  @ApiPropertyOptional({ example: 30 }) minutes?: number;
  @ApiProperty({ example: 1350, description: 'The same duration in business minutes' }) businessMinutes!: number;
}

export class FeeDto {
  @ApiProperty({ example: 0, description: 'The official fee; usually 0' }) amount!: number;
  @ApiProperty({ enum: ['IDR'] }) currency!: 'IDR';
  @ApiProperty({ example: 'Tidak dipungut biaya: bukan objek retribusi menurut Perda DKI Jakarta No. 1 Tahun 2024' }) legalBasis!: string;
}

export class RequiredDocumentDto {
  @ApiProperty({ example: 'ktp' }) type!: string;
  @ApiProperty({ example: 'KTP pemohon' }) name!: string;
}

export class StepDto {
  @ApiProperty({ example: 'dinkes_verification' }) id!: string;
  @ApiProperty({ example: 'Verifikasi persyaratan oleh suku dinas kesehatan' }) name!: string;
  @ApiProperty({ example: 'DINKES' }) agency!: string;
  @ApiEnum(['province', 'city', 'kecamatan', 'kelurahan'], { description: 'Which office of the location holds the step' }) jurisdiction!: string;
  @ApiEnum(POSITIONS) role!: string;
  @ApiProperty({ type: BusinessDurationDto }) deadline!: BusinessDurationDto;
  @ApiProperty({ description: 'Points for deciding the step on time (fewer when late), from its effort and deadline', example: 3 }) weight!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the step weighs what it does, as its definition says', example: "review: a doctor's STR, recommendation and practice place verified" })
  weightReason!: string | null;
}

export class PermitTypeDto {
  @ApiProperty({ example: 'SIP_DOKTER' }) code!: string;
  @ApiProperty({ example: 'Surat Izin Praktik Dokter' }) name!: string;
  @ApiProperty({ example: "Doctor's Practice Licence" }) nameEn!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ type: [Number], example: [1] }) versions!: number[];
  @ApiEnum(['perizinan', 'non-perizinan']) category!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'The legal source of the procedure' }) source!: string;
  @ApiProperty({ type: FeeDto }) fee!: FeeDto;
  @ApiProperty({ type: [RequiredDocumentDto] }) requiredDocuments!: RequiredDocumentDto[];
  @ApiProperty({ type: [StepDto] }) steps!: StepDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The flow: steps in sequence, parallel or by condition on data' }) flow!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON Schema (2020-12) of the submission `data`, with `examples`' }) dataSchema!: Record<string, unknown>;
  @ApiProperty({ type: BusinessDurationDto, description: 'The legal deadline of the whole application' }) deadline!: BusinessDurationDto;
  @ApiEnum(['escalate', 'deem-granted'], { description: 'What happens when the legal deadline passes undecided' }) onHardDeadline!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'How long the applicant has to answer a revision request', example: { days: 10 } }) applicantDeadline!: Record<string, number>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'The escalation ladder of every step' }) escalation!: Array<Record<string, unknown>>;
}

export class PermitTypeListDto extends PageOf(PermitTypeDto, 'Always null: the catalogue fits one page') {}
