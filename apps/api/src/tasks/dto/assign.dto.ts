import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class AssignDto {
  @ApiProperty({
    description: "The officer's id (the sub of their token) who will hold the task. It is not checked against a directory: name an officer of the task's agency and office who may decide its step.",
    example: 'officer-kelurahan-2',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}$/, { message: 'officerId must be an officer id (1-128 letters, digits and . _ @ : -), the sub of their token' })
  officerId!: string;
}
