import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const APPLICATION_STATUSES = ['in_review', 'awaiting_applicant', 'issued', 'rejected', 'withdrawn', 'lapsed'] as const;
export const APPLICATION_SORTS = ['-submittedAt', 'submittedAt', 'dueAt', '-dueAt'] as const;
export type ApplicationSort = (typeof APPLICATION_SORTS)[number];

export class PageQueryDto {
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page, unchanged' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer from 1 to 200' })
  @Min(1, { message: 'limit must be an integer from 1 to 200' })
  @Max(200, { message: 'limit must be an integer from 1 to 200' })
  limit?: number;
}

export class ListApplicationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, { message: `status must be one of ${APPLICATION_STATUSES.join(', ')}` })
  status?: (typeof APPLICATION_STATUSES)[number];

  @ApiPropertyOptional({ example: 'SKDU' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'permitType must be a permit type code such as SKDU' })
  permitType?: string;

  @ApiPropertyOptional({ description: 'Receiving office id', example: 'kel-31.71.01.1001' })
  @IsOptional()
  @Matches(/^[a-z0-9.-]{3,80}$/, { message: 'office must be an office id such as kel-31.71.01.1001' })
  office?: string;

  @ApiPropertyOptional({ description: 'Submitted at or after this instant (ISO 8601)', example: '2025-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'submittedFrom must be an ISO 8601 instant' })
  submittedFrom?: string;

  @ApiPropertyOptional({ description: 'Submitted before this instant (ISO 8601)', example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'submittedTo must be an ISO 8601 instant' })
  submittedTo?: string;

  @ApiPropertyOptional({ enum: APPLICATION_SORTS, default: '-submittedAt', description: 'A leading minus sorts descending; applications without a due time sort last ascending' })
  @IsOptional()
  @IsIn(APPLICATION_SORTS, { message: `sort must be one of ${APPLICATION_SORTS.join(', ')}` })
  sort?: ApplicationSort;
}
