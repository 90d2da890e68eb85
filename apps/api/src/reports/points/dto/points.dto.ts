// The answer of the points report. Field meanings: docs/reports.md.
import { ApiProperty } from '@nestjs/swagger';
import { INSTANT, INTEGER, NULLABLE_STRING } from '../../../common/openapi-types';

export const POINTS_BY = ['officer', 'office', 'agency'] as const;
export type PointsBy = (typeof POINTS_BY)[number];

export class PointsRowDto {
  @ApiProperty({ description: 'Officer (token subject), office id or agency code', example: 'dcktrp.kota-31.74.2' }) key!: string;
  @ApiProperty({ ...NULLABLE_STRING, description: 'The office or agency name; null for an officer', example: null }) name!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, example: 'DCKTRP' }) agency!: string | null;
  @ApiProperty({ type: [String], example: ['kota-31.74'] }) offices!: string[];
  @ApiProperty({ ...INTEGER, description: 'Steps decided for good (approve or reject)', example: 84 }) steps!: number;
  @ApiProperty({ ...INTEGER, example: 80 }) onTime!: number;
  @ApiProperty({ ...INTEGER, example: 4 }) late!: number;
  @ApiProperty({ description: 'To 2 decimals', example: 82.61 }) points!: number;
}

export class PointsReportDto {
  @ApiProperty(INSTANT) from!: string;
  @ApiProperty(INSTANT) to!: string;
  @ApiProperty({ enum: POINTS_BY }) by!: PointsBy;
  @ApiProperty({ type: [PointsRowDto], description: 'Most points first, ties by key' }) items!: PointsRowDto[];
  @ApiProperty({ ...NULLABLE_STRING, description: 'Pass as cursor, with the same query, for the next page; null on the last page' }) nextCursor!: string | null;
}
