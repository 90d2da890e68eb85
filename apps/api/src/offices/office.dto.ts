import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiEnum, PageOf, ApiNullableString } from '../common/openapi-types';

export const OFFICE_TYPES = ['province', 'city', 'regency', 'kecamatan', 'kelurahan', 'outlet'];

export class OfficeDto {
  @ApiProperty({ example: 'kel-31.74.01.1001' }) id!: string;
  @ApiProperty({ example: 'PTSP Kelurahan Tebet Timur' }) name!: string;
  @ApiEnum(OFFICE_TYPES) type!: string;
  @ApiProperty({ description: 'Kemendagri code of its area', example: '31.74.01.1001' }) areaCode!: string;
  @ApiNullableString({ example: 'kec-31.74.01' }) parentId!: string | null;
  @ApiNullableString({ required: false }) address!: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
    description: 'For outlets: opening hours per weekday (mon..sun), as [open, close] pairs',
    example: { mon: [['10:00', '20:00']], sat: [['10:00', '20:00']], sun: [] },
  })
  schedule!: Record<string, string[][]> | null;
}

export class OfficeListDto extends PageOf(OfficeDto, 'The id after which the next page starts; null on the last page') {}
