import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ApiEnum, ApiInstant, ApiNextCursor, PageOf, ApiNullableString } from '../common/openapi-types';
import { IsText } from '../common/text';
import { OfficeDto } from './office.dto';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOSING = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** A session as an admin writes it: an outlet, a Jakarta date, opening and closing local times. */
export class WriteOutletSessionDto {
  @ApiProperty({ description: 'The outlet (an office of type outlet)', example: 'outlet-rptra-kalijodo' })
  @IsString()
  @MaxLength(100)
  officeId!: string;

  @ApiProperty({ description: 'Jakarta date of the session', example: '2026-12-06', pattern: DATE.source })
  @Matches(DATE, { message: 'date must be a date YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ description: 'Opening time, Asia/Jakarta, HH:MM', example: '06:00', pattern: HHMM.source })
  @Matches(HHMM, { message: 'opens must be a time HH:MM (00:00-23:59)' })
  opens!: string;

  @ApiProperty({ description: "Closing time, Asia/Jakarta, HH:MM, after opens on the same day ('24:00': at midnight)", example: '11:00', pattern: CLOSING.source })
  @Matches(CLOSING, { message: 'closes must be a time HH:MM (00:00-24:00)' })
  closes!: string;

  @ApiPropertyOptional({ description: 'Where exactly, when not at the outlet itself', example: 'Car-free day, Bundaran HI', maxLength: 200 })
  @IsOptional()
  @IsText(200)
  venue?: string;
}

/** A session as stored: what the admin wrote, its id, and the venue (null at the outlet itself). */
export class OutletSessionDto extends PickType(WriteOutletSessionDto, ['officeId', 'date', 'opens', 'closes'] as const) {
  @ApiProperty({ example: 'ses_01J9Z8Q4M3KX7T2W5R6Y8B0C1D' }) id!: string;
  @ApiNullableString({ example: 'Car-free day, Bundaran HI' }) venue!: string | null;
}

export class OutletSessionListDto extends PageOf(OutletSessionDto, 'Always null: the sessions of the asked dates come in one page') {}

export const OPEN_BY = ['office-hours', 'weekly-schedule', 'session'] as const;

export class OpenOfficeDto extends OfficeDto {
  @ApiEnum(OPEN_BY, { description: 'office-hours: the civil-service working time of the calendar; weekly-schedule: the outlet schedule; session: an outlet session' })
  openBy!: (typeof OPEN_BY)[number];
  @ApiProperty({ type: OutletSessionDto, nullable: true, description: 'The session that opens the outlet, when openBy is session' }) session!: OutletSessionDto | null;
}

export class NearAreaDto {
  @ApiProperty({ example: '31.74.01' }) code!: string;
  @ApiProperty({ example: 'Tebet' }) name!: string;
  @ApiEnum(['city', 'regency', 'kecamatan']) type!: string;
}

export class OpenOfficesDto {
  @ApiInstant({ description: 'The instant asked about' }) at!: string;
  @ApiProperty({ type: NearAreaDto }) near!: NearAreaDto;
  @ApiProperty({ type: [OpenOfficeDto], description: 'By area code, then id' }) items!: OpenOfficeDto[];
  @ApiNextCursor('Always null: every open office of the area in one page') nextCursor!: null;
}
