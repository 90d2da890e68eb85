import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status!: string;

  @ApiProperty({ enum: ['up', 'down'] })
  postgres!: string;

  @ApiProperty({ enum: ['up', 'down'] })
  temporal!: string;
}
