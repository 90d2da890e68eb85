import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { OptionalOffice, OptionalOneOf, OptionalPermitType } from '../../common/query-fields';

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
  @OptionalOneOf('status', APPLICATION_STATUSES)
  status?: (typeof APPLICATION_STATUSES)[number];

  @OptionalPermitType({ example: 'SKDU' })
  permitType?: string;

  @OptionalOffice({ description: 'Receiving office id', example: 'kel-31.71.01.1001' })
  office?: string;

  @ApiPropertyOptional({ description: 'Submitted at or after this instant (ISO 8601)', example: '2025-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'submittedFrom must be an ISO 8601 instant' })
  submittedFrom?: string;

  @ApiPropertyOptional({ description: 'Submitted before this instant (ISO 8601)', example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'submittedTo must be an ISO 8601 instant' })
  submittedTo?: string;

  @OptionalOneOf('sort', APPLICATION_SORTS, { default: '-submittedAt', description: 'A leading minus sorts descending; applications without a due time sort last ascending' })
  sort?: ApplicationSort;
}
