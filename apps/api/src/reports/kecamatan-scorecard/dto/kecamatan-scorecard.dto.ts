// The answer of the kecamatan scorecard. Field meanings: docs/reports.md, Kecamatan scorecard.
import { ApiProperty } from '@nestjs/swagger';
import { INSTANT, INTEGER, NULLABLE_NUMBER } from '../../../common/openapi-types';

export class ScorecardFiguresDto {
  @ApiProperty({ ...INTEGER, description: 'Complaints about the office filed in the month', example: 4 }) complaintsReceived!: number;
  @ApiProperty({ ...INTEGER, description: 'Of those, answered publicly by their first due time', example: 3 }) answeredOnTime!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'answeredOnTime / complaintsReceived; null without complaints', example: 0.75 }) answeredOnTimeRate!: number | null;
  @ApiProperty({ ...INTEGER, description: 'Complaints about the office (filed up to the month end) open and past their due time now', example: 1 }) openOverdue!: number;
  @ApiProperty({ ...INTEGER, description: 'Complaints of a request for money (pungutan liar) filed in the month', example: 1 }) illegalFeeReports!: number;
  @ApiProperty({ ...INTEGER, description: "Permit steps held by the office and decided by an officer in the month", example: 40 }) stepsDecided!: number;
  @ApiProperty({ ...INTEGER, example: 36 }) stepsOnTime!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'stepsOnTime / stepsDecided; null without steps', example: 0.9 }) stepsOnTimeRate!: number | null;
}

export class ScorecardOfficeDto extends ScorecardFiguresDto {
  @ApiProperty({ example: 'kel-31.74.01.1001' }) office!: string;
  @ApiProperty({ example: 'PTSP Kelurahan Tebet Timur' }) name!: string;
  @ApiProperty({ enum: ['kecamatan', 'kelurahan', 'outlet'], example: 'kelurahan' }) type!: string;
}

export class KecamatanScorecardDto {
  @ApiProperty({ example: '2026-11', description: 'The Jakarta month' }) month!: string;
  @ApiProperty(INSTANT) from!: string;
  @ApiProperty(INSTANT) to!: string;
  @ApiProperty({ example: 'kec-31.74.01' }) kecamatan!: string;
  @ApiProperty({ example: 'PTSP Kecamatan Tebet' }) name!: string;
  @ApiProperty({ type: ScorecardFiguresDto, description: 'The kecamatan office and its kelurahan together' }) total!: ScorecardFiguresDto;
  @ApiProperty({ type: [ScorecardOfficeDto], description: "The camat's office first, then its kelurahan and outlets, side by side" }) offices!: ScorecardOfficeDto[];
}
