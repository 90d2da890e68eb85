// The answer of the open/overdue counts per step (the SLA wall's badges). Field meanings: docs/reports.md.
import { ApiProperty } from '@nestjs/swagger';
import { INSTANT, INTEGER, NULLABLE_STRING } from '../../../common/openapi-types';

export class OpenStepDto {
  @ApiProperty({ example: 'SKDU' }) permitType!: string;
  @ApiProperty({ ...INTEGER, description: 'The definition version the applications run on', example: 2 }) version!: number;
  @ApiProperty({ description: 'The step id, as in GET /v1/permit-types/{code} and the BPMN task of the diagram', example: 'lurah_signature' }) stepId!: string;
  @ApiProperty({ ...NULLABLE_STRING, description: 'The step name of that version; null when the version is no longer deployed', example: 'Tanda tangan Lurah' })
  stepName!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, example: 'KELURAHAN' }) agency!: string | null;
  @ApiProperty({ ...INTEGER, description: 'Attempts of the step open now', example: 14 }) open!: number;
  @ApiProperty({ ...INTEGER, description: 'Of those, overdue now (libs/domain: marked overdue by the engine, or past their due instant)', example: 3 })
  overdue!: number;
}

export class OpenStepsDto {
  @ApiProperty({ ...INSTANT, description: 'The instant the counts were taken' }) asOf!: string;
  @ApiProperty({ ...NULLABLE_STRING, description: 'The permit type asked for; null for all', example: 'SKDU' }) permitType!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The version asked for; null for all', example: null }) version!: number | null;
  @ApiProperty({ type: [OpenStepDto], description: 'One row per permit type, version and step with open attempts, in that order; steps with none are left out' })
  items!: OpenStepDto[];
}
