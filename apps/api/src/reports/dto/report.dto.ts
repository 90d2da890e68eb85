// The answers of the reports endpoints, for the OpenAPI document. Field meanings: docs/reports.md.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const counts = (example: Record<string, number>) => ({ type: 'object', additionalProperties: { type: 'integer' }, example }) as const;

export class OverdueTaskDto {
  @ApiProperty({ example: 'SIM00042ABCDEF0123456789.city_technical_consultation.1' }) taskId!: string;
  @ApiProperty({ example: 'SIM00042ABCDEF0123456789' }) applicationId!: string;
  @ApiProperty({ nullable: true, example: 'ABCD-EFGH-JKMN' }) trackingCode!: string | null;
  @ApiProperty({ example: 'city_technical_consultation' }) stepId!: string;
  @ApiProperty({ example: 'DCKTRP' }) agency!: string;
  @ApiProperty({ example: 'kota-31.74' }) officeId!: string;
  @ApiProperty({ format: 'date-time' }) assignedAt!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ description: 'Whole days since the due instant', example: 12 }) daysOverdue!: number;
}

export class StepMeasuresDto {
  @ApiProperty({ description: 'Step attempts an officer decided in the period (approve, reject, request revision)', example: 412 }) tasksDecided!: number;
  @ApiProperty({ description: 'Of those, decided within the step deadline (business time)', example: 371 }) onTime!: number;
  @ApiProperty({ description: 'Attempts closed late in the period: late decisions, and steps closed by the system after their due instant', example: 44 }) breaches!: number;
  @ApiProperty({ nullable: true, description: 'onTime / (onTime + breaches), 4 decimals', example: 0.894 }) onTimeRate!: number | null;
  @ApiProperty({ description: 'Steps open now past their due instant', example: 6 }) openOverdue!: number;
  @ApiProperty({ type: OverdueTaskDto, nullable: true }) oldestOverdue!: OverdueTaskDto | null;
  @ApiProperty({ nullable: true, description: 'Median business hours per decided attempt (nearest rank, whole minutes rounded up)', example: 5.5 }) medianBusinessHours!: number | null;
  @ApiProperty({ nullable: true, description: '90th percentile, same measure', example: 14.25 }) p90BusinessHours!: number | null;
  @ApiProperty({ description: 'Escalation rungs that fired in the period', example: 58 }) escalations!: number;
  @ApiProperty({ ...counts({ reminder: 40, section_head: 12, agency_head: 4, governor: 2 }), description: 'Per rung' }) escalationsByRung!: Record<string, number>;
  @ApiProperty({ description: 'Steps closed because the application was deemed granted (fiktif positif) while they were open', example: 1 }) deemedGrants!: number;
}

export class AgencyRowDto extends StepMeasuresDto {
  @ApiProperty({ example: 'DCKTRP' }) agency!: string;
  @ApiProperty({ nullable: true, example: 'Dinas Cipta Karya, Tata Ruang dan Pertanahan' }) name!: string | null;
}

export class AgencyReportDto {
  @ApiProperty({ format: 'date-time', example: '2027-07-31T17:00:00.000Z' }) from!: string;
  @ApiProperty({ format: 'date-time', example: '2027-08-31T17:00:00.000Z' }) to!: string;
  @ApiProperty({ format: 'date-time', description: 'The instant "open overdue" was counted at' }) asOf!: string;
  @ApiProperty({ nullable: true, example: null }) permitType!: string | null;
  @ApiProperty({ type: [AgencyRowDto], description: 'Worst on-time rate first' }) agencies!: AgencyRowDto[];
}

export class HandOffDto {
  @ApiProperty({ description: 'Applications received here in the period', example: 120 }) received!: number;
  @ApiProperty({ description: 'Applications received here that closed (issued or rejected) in the period', example: 98 }) closed!: number;
  @ApiProperty({ example: 90 }) onTime!: number;
  @ApiProperty({ example: 8 }) breaches!: number;
  @ApiProperty({ nullable: true, example: 0.9184 }) onTimeRate!: number | null;
  @ApiProperty({ example: 2 }) openOverdue!: number;
  @ApiProperty({ nullable: true, description: 'Intake to hand-off, business hours, the applicant waits left out', example: 16.5 }) medianBusinessHours!: number | null;
  @ApiProperty({ nullable: true, example: 40 }) p90BusinessHours!: number | null;
  @ApiProperty({ example: 0 }) deemedGrants!: number;
}

export class OfficeRowDto {
  @ApiProperty({ example: 'kel-31.74.01.1001' }) office!: string;
  @ApiProperty({ example: 'PTSP Kelurahan Tebet Timur' }) name!: string;
  @ApiProperty({ example: 'kelurahan' }) type!: string;
  @ApiProperty({ nullable: true, example: 'kec-31.74.01' }) parentId!: string | null;
  @ApiProperty({ nullable: true, example: 'kec-31.74.01' }) kecamatan!: string | null;
  @ApiProperty({ type: HandOffDto }) handOff!: HandOffDto;
  @ApiProperty({ type: StepMeasuresDto, description: 'The steps this office holds (territorial steps of its area)' }) fieldSteps!: StepMeasuresDto;
  @ApiProperty({ nullable: true, example: 0.91 }) onTimeRate!: number | null;
  @ApiProperty({ example: 3 }) openOverdue!: number;
}

export class OfficeReportDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ nullable: true, example: null }) permitType!: string | null;
  @ApiProperty({ type: [OfficeRowDto], description: 'Worst on-time rate first' }) offices!: OfficeRowDto[];
}

export class PointsRowDto {
  @ApiProperty({ description: 'Officer (token subject), office id or agency code', example: 'dcktrp.kota-31.74.2' }) key!: string;
  @ApiProperty({ nullable: true, example: null }) name!: string | null;
  @ApiProperty({ nullable: true, example: 'DCKTRP' }) agency!: string | null;
  @ApiProperty({ type: [String], example: ['kota-31.74'] }) offices!: string[];
  @ApiProperty({ description: 'Steps decided for good (approve or reject)', example: 84 }) steps!: number;
  @ApiProperty({ example: 80 }) onTime!: number;
  @ApiProperty({ example: 4 }) late!: number;
  @ApiProperty({ example: 82.61 }) points!: number;
}

export class PointsReportDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ enum: ['officer', 'office', 'agency'] }) by!: string;
  @ApiProperty({ type: [PointsRowDto], description: 'Most points first' }) items!: PointsRowDto[];
  @ApiProperty({ nullable: true, description: 'Pass as cursor for the next page' }) nextCursor!: string | null;
}

export class HourLoadDto {
  @ApiProperty({ example: '10:00' }) hour!: string;
  @ApiProperty({ example: 36 }) arrivals!: number;
  @ApiProperty({ description: 'Mean arrivals in this hour of this weekday', example: 9 }) arrivalsPerHour!: number;
  @ApiProperty({ description: 'Fewest officers keeping the expected wait under the target (Erlang C)', example: 4 }) officers!: number;
  @ApiProperty({ nullable: true, example: 6.4 }) expectedWaitMinutes!: number | null;
}

export class OpeningDto {
  @ApiProperty({ example: '08:00' }) open!: string;
  @ApiProperty({ example: '15:00' }) close!: string;
  @ApiProperty({ example: 0.92 }) coverage!: number;
}

export class WeekdayLoadDto {
  @ApiProperty({ enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] }) weekday!: string;
  @ApiProperty({ description: 'How many of this weekday the period holds', example: 4 }) occurrences!: number;
  @ApiProperty({ example: 120 }) arrivals!: number;
  @ApiProperty({ type: OpeningDto, nullable: true, description: 'Null: too few arrivals to open that day' }) suggestedHours!: OpeningDto | null;
  @ApiProperty({ type: [HourLoadDto] }) hours!: HourLoadDto[];
}

export class LoadOfficeDto {
  @ApiProperty({ example: 'kel-31.74.01.1001' }) id!: string;
  @ApiProperty({ example: 'PTSP Kelurahan Tebet Timur' }) name!: string;
  @ApiProperty({ example: 'kelurahan' }) type!: string;
  @ApiProperty({ nullable: true, example: 'kec-31.74.01' }) parentId!: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'Weekly schedule of an outlet' }) schedule!: unknown;
}

export class LoadReportDto {
  @ApiProperty({ type: LoadOfficeDto }) office!: LoadOfficeDto;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ example: 612 }) arrivals!: number;
  @ApiProperty({ example: 21 }) workingDays!: number;
  @ApiProperty({ example: 29.14 }) arrivalsPerWorkingDay!: number;
  @ApiProperty({ example: 20 }) serviceMinutes!: number;
  @ApiProperty({ enum: ['query', 'observed', 'default'] }) serviceMinutesSource!: string;
  @ApiProperty({ example: 15 }) targetWaitMinutes!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'integer' } },
    description: 'Arrivals per weekday (mon..sun), 24 hourly counts each, Asia/Jakarta',
  })
  arrivalsByWeekdayHour!: Record<string, number[]>;
  @ApiProperty({ type: [WeekdayLoadDto] }) weekdays!: WeekdayLoadDto[];
  @ApiProperty({ example: false }) mergeCandidate!: boolean;
  @ApiProperty({ nullable: true, example: null }) mergeReason!: string | null;
}

export class MergeCandidateDto {
  @ApiProperty({ example: 'kel-31.01.01.1001' }) office!: string;
  @ApiProperty({ example: 'PTSP Kelurahan Pulau Panggang' }) name!: string;
  @ApiProperty({ example: 'kelurahan' }) type!: string;
  @ApiProperty({ nullable: true }) parentId!: string | null;
  @ApiProperty({ example: 12 }) arrivals!: number;
  @ApiProperty({ example: 0.57 }) arrivalsPerWorkingDay!: number;
}

export class MergeCandidatesDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ example: 21 }) workingDays!: number;
  @ApiProperty({ description: 'Applications per working day below which an office is listed', example: 2 }) threshold!: number;
  @ApiProperty({ type: [MergeCandidateDto], description: 'Fewest arrivals first' }) offices!: MergeCandidateDto[];
}

export class ComplaintOfficeRowDto {
  @ApiProperty({ example: 'kel-31.74.01.1001' }) office!: string;
  @ApiProperty({ example: 'PTSP Kelurahan Tebet Timur' }) name!: string;
  @ApiProperty({ nullable: true, example: 'kec-31.74.01' }) kecamatan!: string | null;
  @ApiProperty({ example: 7 }) complaints!: number;
  @ApiProperty({ example: 2 }) illegalFee!: number;
  @ApiProperty(counts({ illegal_fee: 2, slow_service: 5 })) byCategory!: Record<string, number>;
  @ApiProperty(counts({ sms: 4, web: 3 })) byChannel!: Record<string, number>;
  @ApiProperty({ example: 140 }) applicationsReceived!: number;
  @ApiProperty({ nullable: true, example: 5 }) per100Applications!: number | null;
}

export class ComplaintKecamatanRowDto {
  @ApiProperty({ example: 'kec-31.74.01' }) kecamatan!: string;
  @ApiProperty({ example: 'PTSP Kecamatan Tebet' }) name!: string;
  @ApiProperty({ example: 12 }) complaints!: number;
  @ApiProperty({ example: 3 }) illegalFee!: number;
  @ApiProperty({ example: 5 }) offices!: number;
}

export class ComplaintReportDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ example: 57 }) total!: number;
  @ApiProperty({ type: [ComplaintOfficeRowDto], description: 'Most complaints first' }) offices!: ComplaintOfficeRowDto[];
  @ApiProperty({ type: [ComplaintKecamatanRowDto], description: 'Most complaints first' }) kecamatan!: ComplaintKecamatanRowDto[];
}
