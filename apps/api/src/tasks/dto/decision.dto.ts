import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsPlainText } from '../../common/text';

export class DecisionDto {
  @ApiProperty({ enum: ['approve', 'reject', 'request_revision'] })
  @IsIn(['approve', 'reject', 'request_revision'], { message: 'decision must be one of approve, reject, request_revision' })
  decision!: 'approve' | 'reject' | 'request_revision';

  @ApiPropertyOptional({ description: 'Required for reject and request_revision: the applicant reads it.', example: 'Dokumen lengkap' })
  @ValidateIf((o: DecisionDto) => o.decision !== 'approve' || o.note !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'note is required to reject or to request a revision: say what is wrong' })
  @MaxLength(2000)
  @IsPlainText({ multiline: true })
  note?: string;
}
