// The answers of the SLA league tables. Field meanings: docs/reports.md.
import { ApiProperty } from '@nestjs/swagger';
import { COUNTS, INSTANT, INTEGER, NULLABLE_NUMBER, NULLABLE_STRING } from '../../../common/openapi-types';

export class OverdueTaskDto {
  @ApiProperty({ example: 'SIM00042ABCDEF0123456789.city_technical_consultation.1' }) taskId!: string;
  @ApiProperty({ example: 'SIM00042ABCDEF0123456789' }) applicationId!: string;
  @ApiProperty({ ...NULLABLE_STRING, example: 'ABCD-EFGH-JKMN' }) trackingCode!: string | null;
  @ApiProperty({ example: 'city_technical_consultation' }) stepId!: string;
  @ApiProperty({ example: 'DCKTRP' }) agency!: string;
  @ApiProperty({ example: 'kota-31.74' }) officeId!: string;
  @ApiProperty(INSTANT) assignedAt!: string;
  @ApiProperty(INSTANT) dueAt!: string;
  @ApiProperty({ ...INTEGER, description: 'Whole days (24 h) since the due instant, at the report\'s asOf', example: 12 }) daysOverdue!: number;
}

/** The step measures shared by the agency table and an office's field steps. */
export class StepMeasuresDto {
  @ApiProperty({ ...INTEGER, description: 'Step attempts an officer decided in the period (approve, reject, request revision)', example: 412 }) tasksDecided!: number;
  @ApiProperty({ ...INTEGER, description: 'Of those, decided within the step deadline (business time)', example: 371 }) onTime!: number;
  @ApiProperty({ ...INTEGER, description: 'Attempts closed late in the period: late decisions, and steps closed by the system after their due instant', example: 44 })
  breaches!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'onTime / (onTime + breaches), 4 decimals; null when nothing closed', example: 0.894 }) onTimeRate!: number | null;
  @ApiProperty({ ...INTEGER, description: 'Steps open now (at asOf) past their due instant, whatever the period', example: 6 }) openOverdue!: number;
  @ApiProperty({ type: () => OverdueTaskDto, nullable: true, description: 'The open step due first, of those overdue' }) oldestOverdue!: OverdueTaskDto | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'Median business hours per decided attempt (nearest rank, whole minutes rounded up)', example: 5.5 })
  medianBusinessHours!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: '90th percentile, same measure', example: 14.25 }) p90BusinessHours!: number | null;
  @ApiProperty({ ...INTEGER, description: 'Escalation rungs that fired in the period', example: 58 }) escalations!: number;
  @ApiProperty({ ...COUNTS({ reminder: 40, section_head: 12, agency_head: 4, governor: 2 }), description: 'Per rung, in ladder order' }) escalationsByRung!: Record<string, number>;
  @ApiProperty({ ...INTEGER, description: 'Steps closed because the application was deemed granted (fiktif positif) while they were open', example: 1 })
  deemedGrants!: number;
}

export class AgencyRowDto extends StepMeasuresDto {
  @ApiProperty({ example: 'DCKTRP' }) agency!: string;
  @ApiProperty({ ...NULLABLE_STRING, example: 'Dinas Cipta Karya, Tata Ruang dan Pertanahan' }) name!: string | null;
}

export class AgencyReportDto {
  @ApiProperty({ ...INSTANT, example: '2027-07-31T17:00:00.000Z' }) from!: string;
  @ApiProperty({ ...INSTANT, example: '2027-08-31T17:00:00.000Z' }) to!: string;
  @ApiProperty({ ...INSTANT, description: 'The instant "open overdue" was counted at' }) asOf!: string;
  @ApiProperty({ ...NULLABLE_STRING, description: 'The permit type the table is narrowed to; null for all', example: null }) permitType!: string | null;
  @ApiProperty({ type: [AgencyRowDto], description: 'Worst on-time rate first' }) agencies!: AgencyRowDto[];
}

export class HandOffDto {
  @ApiProperty({ ...INTEGER, description: 'Applications received here in the period', example: 120 }) received!: number;
  @ApiProperty({ ...INTEGER, description: 'Applications received here that closed (issued or rejected) in the period', example: 98 }) closed!: number;
  @ApiProperty({ ...INTEGER, description: 'Closed within the legal deadline on the application clock (applicant waits left out), not deemed', example: 90 })
  onTime!: number;
  @ApiProperty({ ...INTEGER, description: 'Closed past the legal deadline, or deemed granted', example: 8 }) breaches!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, example: 0.9184 }) onTimeRate!: number | null;
  @ApiProperty({ ...INTEGER, description: 'Applications in review now past their legal deadline', example: 2 }) openOverdue!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'Intake to hand-off, business hours, the applicant waits left out (a deemed grant counts the full legal deadline)', example: 16.5 })
  medianBusinessHours!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, example: 40 }) p90BusinessHours!: number | null;
  @ApiProperty({ ...INTEGER, example: 0 }) deemedGrants!: number;
}

export class OfficeRowDto {
  @ApiProperty({ example: 'kel-31.74.01.1001' }) office!: string;
  @ApiProperty({ example: 'PTSP Kelurahan Tebet Timur' }) name!: string;
  @ApiProperty({ example: 'kelurahan' }) type!: string;
  @ApiProperty({ ...NULLABLE_STRING, example: 'kec-31.74.01' }) parentId!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, description: 'The kecamatan the office belongs to; null for a city or the province', example: 'kec-31.74.01' })
  kecamatan!: string | null;
  @ApiProperty({ type: HandOffDto }) handOff!: HandOffDto;
  @ApiProperty({ type: StepMeasuresDto, description: 'The steps this office holds (territorial steps of its area)' }) fieldSteps!: StepMeasuresDto;
  @ApiProperty({ ...NULLABLE_NUMBER, description: '(handOff.onTime + fieldSteps.onTime) / the same plus both breaches', example: 0.91 }) onTimeRate!: number | null;
  @ApiProperty({ ...INTEGER, example: 3 }) openOverdue!: number;
  @ApiProperty({ ...INTEGER, description: 'Applications filed here in the period while the outlet was closed (outside its weekly schedule and sessions): accepted, flagged', example: 0 })
  filedOutsideOpeningHours!: number;
}

export class OfficeReportDto {
  @ApiProperty(INSTANT) from!: string;
  @ApiProperty(INSTANT) to!: string;
  @ApiProperty(INSTANT) asOf!: string;
  @ApiProperty({ ...NULLABLE_STRING, example: null }) permitType!: string | null;
  @ApiProperty({ type: [OfficeRowDto], description: 'Worst on-time rate first' }) offices!: OfficeRowDto[];
}

export class WeekDto {
  @ApiProperty({ ...INSTANT, description: 'Monday 00:00 in Jakarta of the week (the first week may start before `from`)', example: '2027-07-04T17:00:00.000Z' })
  weekStart!: string;
  @ApiProperty({ ...INTEGER, description: 'Step attempts an officer decided in the week, inside the period', example: 96 }) tasksDecided!: number;
  @ApiProperty({ ...INTEGER, example: 88 }) onTime!: number;
  @ApiProperty({ ...INTEGER, description: 'Attempts closed late in the week, as in the agency table', example: 9 }) breaches!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'onTime / (onTime + breaches), 4 decimals; null when nothing closed', example: 0.9072 }) onTimeRate!: number | null;
}

export class WeeklyReportDto {
  @ApiProperty(INSTANT) from!: string;
  @ApiProperty(INSTANT) to!: string;
  @ApiProperty({ ...NULLABLE_STRING, description: 'The agency the weeks are narrowed to; null for all', example: 'DCKTRP' }) agency!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, description: 'The office holding the steps the weeks are narrowed to; null for all', example: null }) office!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, example: null }) permitType!: string | null;
  @ApiProperty({ type: [WeekDto], description: 'Every week the period touches, oldest first, empty weeks included' }) weeks!: WeekDto[];
}
