import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.guard';
import { ApiIdempotent, ApiProblems } from '../common/openapi';
import { IdempotencyKey } from '../common/request-context';
import { ComplaintsService } from './complaints.service';
import { ComplaintDto } from './dto/complaint.dto';
import { FileComplaintDto } from './dto/file-complaint.dto';

/** Pengaduan: any citizen may complain about an office, by SMS gateway, web form, app or email, without a token. */
@ApiTags('complaints')
@Controller('v1/complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post()
  @Public()
  @ApiOperation({
    summary: 'File a complaint about an office (public); illegal_fee goes to the inspectorate at once',
    description: 'Answers 201 with the complaint tracking code (ADU-XXXX-XXXX); the same Idempotency-Key answers the same complaint.',
  })
  @ApiBody({ type: FileComplaintDto })
  @ApiCreatedResponse({ type: ComplaintDto, description: 'The complaint, with its tracking code; Location names it' })
  @ApiOkResponse({ type: ComplaintDto, description: 'The same complaint sent again with its key after the 24 h replay window' })
  @ApiIdempotent()
  @ApiProblems('validation', 'unknown-office')
  async file(@IdempotencyKey() key: string, @Body() dto: FileComplaintDto, @Res({ passthrough: true }) res: Response) {
    const { created, complaint } = await this.complaints.file(dto, key);
    res.status(created ? 201 : 200).setHeader('Location', `/v1/complaints/${complaint.trackingCode}`);
    return complaint;
  }

  @Get(':trackingCode')
  @Public()
  @ApiOperation({ summary: 'Where a complaint stands, by its code; no personal data' })
  @ApiParam({ name: 'trackingCode', example: 'ADU-7K2M-Q9XD' })
  @ApiOkResponse({ type: ComplaintDto })
  @ApiProblems('not-found')
  get(@Param('trackingCode') code: string) {
    return this.complaints.get(code);
  }
}
