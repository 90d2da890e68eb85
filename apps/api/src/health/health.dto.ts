import { ApiProperty } from '@nestjs/swagger';

const PART = { enum: ['ok', 'down'] };

export class HealthDto {
  @ApiProperty({
    enum: ['ok', 'degraded', 'down'],
    description:
      'ok: every part works. degraded: applications are taken and kept, but no worker polls, so they wait (decisions answer once a worker is back). down: PostgreSQL or Temporal is unreachable and nothing can be taken (answered with 503).',
  })
  status!: 'ok' | 'degraded' | 'down';

  @ApiProperty(PART)
  postgres!: 'ok' | 'down';

  @ApiProperty(PART)
  temporal!: 'ok' | 'down';

  @ApiProperty({ ...PART, description: 'ok when at least one worker process of this task queue beat its heartbeat in the last 10 s' })
  worker!: 'ok' | 'down';

  @ApiProperty({ description: 'Worker processes alive on the task queue' })
  workers!: number;
}
