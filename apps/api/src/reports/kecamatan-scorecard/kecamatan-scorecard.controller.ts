import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Principal } from '../../../../../libs/auth/token';
import { Roles } from '../../auth/auth.guard';
import { ApiProblems } from '../../common/openapi';
import { CurrentPrincipal } from '../../common/request-context';
import { KecamatanScorecardDto } from './dto/kecamatan-scorecard.dto';
import { KecamatanScorecardService } from './kecamatan-scorecard.service';

export class KecamatanScorecardQueryDto {
  @ApiProperty({ example: 'kec-31.74.01', description: 'The kecamatan office (GET /v1/offices, type kecamatan)' })
  @IsString({ message: 'kecamatan is required: the kecamatan office id, for example kec-31.74.01' })
  @MaxLength(100)
  kecamatan!: string;

  @ApiPropertyOptional({ example: '2026-11', description: 'The Jakarta month (YYYY-MM); the current one when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(7)
  month?: string;
}

/** The camat's scorecard. Admins, and approvers of the kecamatan's own offices; docs/reports.md. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports/kecamatan-scorecard')
export class KecamatanScorecardController {
  constructor(private readonly scorecards: KecamatanScorecardService) {}

  @Get()
  @Roles('admin', 'approver')
  @ApiOperation({
    summary: "A kecamatan's scorecard: complaints, their answers, illegal-fee reports and permit-step timeliness, office by office",
    description: "The camat's office and its kelurahan side by side for one month. Approvers read only the kecamatan their token's office belongs to (403 otherwise).",
  })
  @ApiOkResponse({ type: KecamatanScorecardDto })
  @ApiProblems('validation', 'unauthorized', 'forbidden', 'unknown-office')
  scorecard(@CurrentPrincipal() principal: Principal, @Query() q: KecamatanScorecardQueryDto) {
    return this.scorecards.scorecard(principal, q);
  }
}
