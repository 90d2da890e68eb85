// The answers of the staffing reports: an office's load and the merge candidates. docs/reports.md.
import { ApiProperty } from '@nestjs/swagger';
import { INSTANT, INTEGER, NULLABLE_NUMBER, NULLABLE_STRING } from '../../../common/openapi-types';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export class HourLoadDto {
  @ApiProperty({ example: '10:00' }) hour!: string;
  @ApiProperty({ ...INTEGER, example: 36 }) arrivals!: number;
  @ApiProperty({ description: 'Mean arrivals in this hour of this weekday over the period', example: 9 }) arrivalsPerHour!: number;
  @ApiProperty({ ...INTEGER, description: 'Fewest officers keeping the expected wait under the target (Erlang C)', example: 4 }) officers!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'Null when the officers cannot keep up', example: 6.4 }) expectedWaitMinutes!: number | null;
}

export class OpeningDto {
  @ApiProperty({ example: '08:00' }) open!: string;
  @ApiProperty({ example: '15:00' }) close!: string;
  @ApiProperty({ description: "Share of the weekday's arrivals inside the suggested hours", example: 0.92 }) coverage!: number;
}

export class WeekdayLoadDto {
  @ApiProperty({ enum: WEEKDAYS }) weekday!: Weekday;
  @ApiProperty({ ...INTEGER, description: 'How many of this weekday the period holds', example: 4 }) occurrences!: number;
  @ApiProperty({ ...INTEGER, example: 120 }) arrivals!: number;
  @ApiProperty({ type: () => OpeningDto, nullable: true, description: 'Null: too few arrivals to open that day' }) suggestedHours!: OpeningDto | null;
  @ApiProperty({ type: [HourLoadDto] }) hours!: HourLoadDto[];
}

export class LoadOfficeDto {
  @ApiProperty({ example: 'kel-31.74.01.1001' }) id!: string;
  @ApiProperty({ example: 'PTSP Kelurahan Tebet Timur' }) name!: string;
  @ApiProperty({ example: 'kelurahan' }) type!: string;
  @ApiProperty({ ...NULLABLE_STRING, example: 'kec-31.74.01' }) parentId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
    nullable: true,
    description: 'For outlets: opening hours per weekday (mon..sun), as [open, close] pairs; null for an office',
    example: { sat: [['10:00', '20:00']], sun: [] },
  })
  schedule!: Record<string, string[][]> | null;
}

export class SessionLoadDto {
  @ApiProperty({ example: 'ses_01J9Z8Q4M3KX7T2W5R6Y8B0C1D' }) id!: string;
  @ApiProperty({ example: '2026-12-06' }) date!: string;
  @ApiProperty({ example: '06:00' }) opens!: string;
  @ApiProperty({ example: '11:00' }) closes!: string;
  @ApiProperty({ ...NULLABLE_STRING, example: 'Car-free day, Bundaran HI' }) venue!: string | null;
  @ApiProperty({ ...INTEGER, description: 'Applications the session took', example: 25 }) arrivals!: number;
  @ApiProperty({ description: 'arrivals / the hours of the session', example: 5 }) arrivalsPerHour!: number;
  @ApiProperty({ ...INTEGER, description: 'Fewest officers keeping the expected wait under the target at that rate (Erlang C)', example: 2 }) officers!: number;
}

export class LoadReportDto {
  @ApiProperty({ type: LoadOfficeDto }) office!: LoadOfficeDto;
  @ApiProperty(INSTANT) from!: string;
  @ApiProperty(INSTANT) to!: string;
  @ApiProperty({ ...INTEGER, example: 612 }) arrivals!: number;
  @ApiProperty({ ...INTEGER, example: 21 }) workingDays!: number;
  @ApiProperty({ example: 29.14 }) arrivalsPerWorkingDay!: number;
  @ApiProperty({ example: 20 }) serviceMinutes!: number;
  @ApiProperty({ enum: ['query', 'observed', 'default'] }) serviceMinutesSource!: 'query' | 'observed' | 'default';
  @ApiProperty({ example: 15 }) targetWaitMinutes!: number;
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(WEEKDAYS.map((d) => [d, { type: 'array', items: { type: 'integer' }, minItems: 24, maxItems: 24 }])),
    required: [...WEEKDAYS],
    additionalProperties: false,
    description: 'Arrivals per weekday (mon..sun), 24 hourly counts each, Asia/Jakarta',
  })
  arrivalsByWeekdayHour!: Record<Weekday, number[]>;
  @ApiProperty({ type: [WeekdayLoadDto] }) weekdays!: WeekdayLoadDto[];
  @ApiProperty({ type: [SessionLoadDto], description: 'For an outlet: its sessions in the period (GET /v1/outlet-sessions), each with its load; [] for an office' })
  sessions!: SessionLoadDto[];
  @ApiProperty({ ...INTEGER, description: 'For an outlet: applications filed while it was closed (outside its weekly schedule and sessions): its hours may be too short', example: 0 })
  arrivalsOutsideOpeningHours!: number;
  @ApiProperty({ example: false }) mergeCandidate!: boolean;
  @ApiProperty({ ...NULLABLE_STRING, example: null }) mergeReason!: string | null;
}

export class MergeCandidateDto {
  @ApiProperty({ example: 'kel-31.01.01.1001' }) office!: string;
  @ApiProperty({ example: 'PTSP Kelurahan Pulau Panggang' }) name!: string;
  @ApiProperty({ example: 'kelurahan' }) type!: string;
  @ApiProperty({ ...NULLABLE_STRING, example: 'kec-31.01.01' }) parentId!: string | null;
  @ApiProperty({ ...INTEGER, example: 12 }) arrivals!: number;
  @ApiProperty({ example: 0.57 }) arrivalsPerWorkingDay!: number;
}

export class MergeCandidatesDto {
  @ApiProperty(INSTANT) from!: string;
  @ApiProperty(INSTANT) to!: string;
  @ApiProperty({ ...INTEGER, example: 21 }) workingDays!: number;
  @ApiProperty({ description: 'Applications per working day below which an office is listed', example: 2 }) threshold!: number;
  @ApiProperty({ type: [MergeCandidateDto], description: 'Fewest arrivals first' }) offices!: MergeCandidateDto[];
}
