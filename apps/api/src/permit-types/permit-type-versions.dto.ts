import { ApiProperty } from '@nestjs/swagger';

export class PermitTypeVersionDto {
  @ApiProperty({ type: 'integer', example: 2 }) version!: number;
  @ApiProperty({ description: 'The version new applications start on (the newest not retired)', example: true }) latest!: boolean;
  @ApiProperty({ description: 'Whether this deployment still carries the definition (false: only running applications name it)', example: true }) deployed!: boolean;
  @ApiProperty({ description: 'Marked retired: takes no new application, finishes those running on it', example: false }) retired!: boolean;
  @ApiProperty({ type: 'integer', description: 'Applications on this version in review now', example: 41 }) inReview!: number;
  @ApiProperty({ type: 'integer', description: 'Applications on this version waiting for the applicant (revision asked)', example: 3 }) awaitingApplicant!: number;
  @ApiProperty({ type: 'integer', description: 'inReview + awaitingApplicant: the applications still running on this version', example: 44 }) running!: number;
}

export class PermitTypeVersionsDto {
  @ApiProperty({ example: 'SKDU' }) code!: string;
  @ApiProperty({ example: 'Surat Keterangan Domisili Usaha' }) name!: string;
  @ApiProperty({ type: [PermitTypeVersionDto], description: 'Newest first' }) versions!: PermitTypeVersionDto[];
}
