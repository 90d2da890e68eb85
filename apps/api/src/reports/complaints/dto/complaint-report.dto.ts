// The answer of the complaints report. Field meanings: docs/reports.md.
import { ApiProperty } from '@nestjs/swagger';
import { COUNTS, INSTANT, INTEGER, NULLABLE_NUMBER, NULLABLE_STRING } from '../../../common/openapi-types';

export class ComplaintOfficeRowDto {
  @ApiProperty({ example: 'kel-31.74.01.1001' }) office!: string;
  @ApiProperty({ example: 'PTSP Kelurahan Tebet Timur' }) name!: string;
  @ApiProperty({ ...NULLABLE_STRING, example: 'kec-31.74.01' }) kecamatan!: string | null;
  @ApiProperty({ ...INTEGER, example: 7 }) complaints!: number;
  @ApiProperty({ ...INTEGER, description: 'Of those, someone asked for money (pungutan liar)', example: 2 }) illegalFee!: number;
  @ApiProperty(COUNTS({ illegal_fee: 2, slow_service: 5 })) byCategory!: Record<string, number>;
  @ApiProperty(COUNTS({ sms: 4, web: 3 })) byChannel!: Record<string, number>;
  @ApiProperty({ ...INTEGER, example: 140 }) applicationsReceived!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'Complaints per 100 applications received in the period; null without applications', example: 5 })
  per100Applications!: number | null;
}

export class ComplaintKecamatanRowDto {
  @ApiProperty({ example: 'kec-31.74.01' }) kecamatan!: string;
  @ApiProperty({ example: 'PTSP Kecamatan Tebet' }) name!: string;
  @ApiProperty({ ...INTEGER, example: 12 }) complaints!: number;
  @ApiProperty({ ...INTEGER, example: 3 }) illegalFee!: number;
  @ApiProperty({ ...INTEGER, description: 'Offices of the kecamatan with complaints', example: 5 }) offices!: number;
}

export class ComplaintReportDto {
  @ApiProperty(INSTANT) from!: string;
  @ApiProperty(INSTANT) to!: string;
  @ApiProperty({ ...INTEGER, example: 57 }) total!: number;
  @ApiProperty({ type: [ComplaintOfficeRowDto], description: 'Most complaints first' }) offices!: ComplaintOfficeRowDto[];
  @ApiProperty({ type: [ComplaintKecamatanRowDto], description: 'Most complaints first' }) kecamatan!: ComplaintKecamatanRowDto[];
}
