import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ApiEnum, ApiInstant, PageOf, ApiNullableInstant, ApiNullableString } from '../../common/openapi-types';
import { OptionalOffice } from '../../common/query-fields';
import { IsText } from '../../common/text';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a local date YYYY-MM-DD (Asia/Jakarta)';
export const FIRST_YEAR = 2024;
export const LAST_YEAR = 2100;

export class AddClosureDto {
  @ApiProperty({ description: 'The closed day, a local date (Asia/Jakarta): today or later, Monday to Friday', example: '2026-12-01' })
  @IsString()
  @Matches(LOCAL_DATE, { message: `date ${DATE_MESSAGE}` })
  date!: string;

  @ApiPropertyOptional({ description: 'The office closed (GET /v1/offices); without it the whole province closes', example: 'kecamatan-31.71.01' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  officeId?: string;

  @ApiProperty({ description: 'What the day is called, as citizens will see it', example: 'Banjir: kantor ditutup' })
  @IsText(200, { minLength: 1 })
  name!: string;

  @ApiProperty({ description: 'The reference of the decree or instruction that closes the day', example: 'Kepgub DKI Jakarta Nomor 123 Tahun 2026' })
  @IsText(300, { minLength: 1 })
  decree!: string;

  @ApiProperty({ description: 'Why, for the audit log', example: 'Kantor terendam banjir setinggi 50 cm' })
  @IsText(1000, { minLength: 1, multiline: true })
  reason!: string;
}

export class CancelClosureDto {
  @ApiProperty({ description: 'Why the closure is withdrawn, for the audit log', example: 'Air sudah surut, kantor buka kembali' })
  @IsText(1000, { minLength: 1, multiline: true })
  reason!: string;
}

export class HolidayDayDto {
  @ApiProperty({ example: '2027-01-01' })
  @IsString()
  @Matches(LOCAL_DATE, { message: `date ${DATE_MESSAGE}` })
  date!: string;

  @ApiProperty({ example: 'Tahun Baru 2027 Masehi' })
  @IsText(200, { minLength: 1 })
  name!: string;

  @ApiEnum(['national', 'cuti_bersama'], { description: 'A national holiday or a day of collective leave (cuti bersama)' })
  @IsIn(['national', 'cuti_bersama'])
  kind!: 'national' | 'cuti_bersama';
}

export class LoadYearDto {
  @ApiProperty({ description: "The joint decree (SKB) that sets the year's holidays and cuti bersama", example: 'SKB Menag, Menaker, MenPANRB Nomor 1 Tahun 2026' })
  @IsText(500, { minLength: 1 })
  decree!: string;

  @ApiProperty({ type: [HolidayDayDto], description: "Every national holiday and cuti bersama day of the year: the list replaces the year's days" })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => HolidayDayDto)
  days!: HolidayDayDto[];
}

export class YearParamDto {
  @ApiProperty({ minimum: FIRST_YEAR, maximum: LAST_YEAR, example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  year!: number;
}

export class ListClosuresQueryDto {
  @ApiPropertyOptional({ minimum: FIRST_YEAR, maximum: LAST_YEAR, description: 'The closures of this year; the current year when absent', example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  year?: number;

  @OptionalOffice({ description: 'Only this office', example: 'kecamatan-31.71.01' })
  office?: string;
}

export class ClosureDto {
  @ApiProperty({ example: 'cl_6Q0M3KX7T2W5R6Y8' }) id!: string;
  @ApiProperty({ example: '2026-12-01' }) date!: string;
  @ApiNullableString({ description: 'The office closed; null for the whole province', example: 'kecamatan-31.71.01' }) officeId!: string | null;
  @ApiProperty({ example: 'Banjir: kantor ditutup' }) name!: string;
  @ApiProperty({ example: 'Kepgub DKI Jakarta Nomor 123 Tahun 2026' }) decree!: string;
  @ApiProperty({ example: 'Kantor terendam banjir setinggi 50 cm' }) reason!: string;
  @ApiEnum(['standing', 'cancelled']) status!: 'standing' | 'cancelled';
  @ApiProperty({ example: 'admin-1' }) createdBy!: string;
  @ApiInstant() createdAt!: string;
  @ApiNullableString({ example: null }) cancelledBy!: string | null;
  @ApiNullableInstant() cancelledAt!: string | null;
  @ApiNullableString({ example: null }) cancelReason!: string | null;
}

export class ClosureListDto extends PageOf(ClosureDto, "Always null: a year's closures come in one page") {}

export class CalendarDayDto {
  @ApiProperty({ example: '2027-01-01' }) date!: string;
  @ApiProperty({ example: 'Tahun Baru 2027 Masehi' }) name!: string;
  @ApiEnum(['national', 'cuti_bersama']) kind!: 'national' | 'cuti_bersama';
}

export class CalendarYearDto {
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiEnum(['decreed', 'projected', 'none'], {
    description: "decreed: the days come from the year's decree (loaded, or shipped in code); projected: no decree yet, the national holidays are projected and cuti bersama unknown; none: no table, only weekends and closures",
  })
  status!: 'decreed' | 'projected' | 'none';
  @ApiEnum(['loaded', 'built-in'], { description: 'loaded: by an admin from the decree; built-in: the table shipped in code' }) source!: 'loaded' | 'built-in';
  @ApiProperty({ description: 'The decree, or why the days are projected', example: 'No SKB for 2027 yet.' }) basis!: string;
  @ApiNullableString({ example: null }) loadedBy!: string | null;
  @ApiNullableInstant() loadedAt!: string | null;
  @ApiProperty({ type: [CalendarDayDto] }) days!: CalendarDayDto[];
  @ApiProperty({ type: [ClosureDto], description: "The year's closures of the province and of single offices, standing and cancelled" }) closures!: ClosureDto[];
}

export class LoadYearResultDto extends CalendarYearDto {
  @ApiProperty({ description: 'false when the year already held exactly these days from this decree: nothing changed' }) changed!: boolean;
}
