import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OfficeDto {
  @ApiProperty({ example: 'outlet-mall-kota-kasablanka' })
  id!: string;

  @ApiProperty({ example: 'PTSP Goes To Mall - Mal Kota Kasablanka' })
  name!: string;

  @ApiProperty({ enum: ['province', 'city', 'regency', 'kecamatan', 'kelurahan', 'outlet'] })
  type!: string;

  @ApiProperty({ description: 'Kemendagri code of its area', example: '31.74.01' })
  areaCode!: string;

  @ApiProperty({ nullable: true, type: String, example: 'kec-31.74.01' })
  parentId!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  address!: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
    description: 'For outlets: opening hours per weekday (mon..sun), as [open, close] pairs',
    example: { mon: [['10:00', '20:00']], sat: [['10:00', '20:00']], sun: [] },
  })
  schedule!: Record<string, string[][]> | null;
}

export class OfficeListDto {
  @ApiProperty({ type: [OfficeDto] })
  items!: OfficeDto[];

  @ApiProperty({ nullable: true, type: String, description: 'The id after which the next page starts; null on the last page' })
  nextCursor!: string | null;
}
