import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant } from '../common/openapi-types';

export class AgencyMissesDto {
  @ApiProperty({ example: 'DCKTRP' }) agency!: string;
  @ApiProperty({ example: 'Dinas Cipta Karya, Tata Ruang dan Pertanahan' }) name!: string;
  @ApiProperty({ example: 4, description: 'Steps due this month decided or closed after their due time, or still open past it' }) missedDeadlines!: number;
  @ApiProperty({ example: 1, description: 'Of those, still open' }) openOverdue!: number;
  @ApiProperty({ example: 1, description: "Steps of this agency on the governor's list this month" }) governorListed!: number;
}

export class GovernorListEntryDto {
  @ApiProperty({ example: 'DCKTRP' }) agency!: string;
  @ApiProperty({ example: 'Dinas Cipta Karya, Tata Ruang dan Pertanahan' }) agencyName!: string;
  @ApiProperty({ example: 'kota-31.74' }) officeId!: string;
  @ApiProperty({ example: 'PTSP Kota Administrasi Jakarta Selatan' }) officeName!: string;
  @ApiProperty({ example: 'city_technical_review' }) stepId!: string;
  @ApiProperty({ example: 'Kajian teknis bangunan' }) stepName!: string;
  @ApiProperty({ example: 'PBG' }) permitType!: string;
  @ApiInstant({ description: "When the step reached the governor's rung" }) listedAt!: string;
  @ApiInstant() dueAt!: string;
  @ApiProperty({ example: 3, description: 'Whole business days past the due time, until the decision or until now' }) businessDaysOverdue!: number;
  @ApiProperty({ example: false }) decided!: boolean;
}

/** No personal data, no application id, no tracking code: agencies, offices, steps and days. */
export class PublicAccountabilityDto {
  @ApiProperty({ example: '2026-11', description: 'Jakarta month' }) month!: string;
  @ApiInstant() from!: string;
  @ApiInstant() to!: string;
  @ApiProperty({ type: [AgencyMissesDto], description: 'Agencies with a missed deadline or a step on the governor list, most missed first' }) agencies!: AgencyMissesDto[];
  @ApiProperty({ type: [GovernorListEntryDto], description: "Steps that reached the governor's rung of the escalation ladder this month, most overdue first" }) governorList!: GovernorListEntryDto[];
}
