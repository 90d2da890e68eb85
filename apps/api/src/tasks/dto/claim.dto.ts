import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsText } from '../../common/text';

/** The body of a claim or a release: optional, for a note the task's timeline keeps. */
export class ClaimDto {
  @ApiPropertyOptional({ description: 'Why, for the timeline (e.g. why a claim is released)', example: 'Cuti sampai Jumat' })
  @IsOptional()
  @IsText(500)
  note?: string;
}
