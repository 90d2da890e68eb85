import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.guard';
import { ApiProblems } from '../common/openapi';
import { TrackDto } from './track.dto';
import { TrackService } from './track.service';

@ApiTags('track')
@Controller('v1/track')
export class TrackController {
  constructor(private readonly tracking: TrackService) {}

  @Get(':trackingCode')
  @Public()
  @ApiParam({ name: 'trackingCode', example: '7K3M-Q9TX-2B4R', description: 'From the receipt; case-insensitive' })
  @ApiOkResponse({ type: TrackDto })
  @ApiProblems('not-found')
  @ApiOperation({ summary: 'Public tracking: where the file is, who holds it, when it is due, the official fee. No personal data.' })
  track(@Param('trackingCode') code: string) {
    return this.tracking.track(code);
  }
}
