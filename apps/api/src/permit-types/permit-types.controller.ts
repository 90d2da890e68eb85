import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { PermitTypeDto, PermitTypeListDto } from './permit-type.dto';
import { toBpmnXml } from '../../../../libs/permit-dsl/bpmn/export';
import { NotFoundError, ValidationError } from '../common/errors';
import { CatalogService } from './catalog.service';
import { Public } from '../auth/auth.guard';

@ApiTags('permit-types')
// The catalogue is public: citizens read requirements, fees and steps before they file (the console's /layanan).
@Public()
@Controller('v1/permit-types')
export class PermitTypesController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOperation({ summary: 'Permit and non-permit services offered, latest version of each' })
  @ApiOkResponse({ type: PermitTypeListDto })
  @ApiProblems()
  list() {
    return { items: this.catalog.latest().map((d) => this.catalog.describe(d)), nextCursor: null };
  }

  @Get(':code')
  @ApiOperation({ summary: 'One permit type: fee, required documents, steps with agencies and deadlines, data JSON Schema with an example' })
  @ApiParam({ name: 'code', example: 'SIP_DOKTER' })
  @ApiQuery({ name: 'version', required: false, description: 'A definition version; the latest by default', example: 1 })
  @ApiOkResponse({ type: PermitTypeDto })
  @ApiProblems('validation', 'not-found')
  get(@Param('code') code: string, @Query('version') version?: string) {
    return this.catalog.describe(this.find(code, version));
  }

  @Get(':code/bpmn')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @ApiProduces('application/xml')
  @ApiOperation({ summary: 'The permit type as a BPMN 2.0 diagram (lanes per agency, deadlines as timer boundary events)' })
  @ApiParam({ name: 'code', example: 'SIP_DOKTER' })
  @ApiQuery({ name: 'version', required: false, example: 1 })
  @ApiOkResponse({ description: 'BPMN 2.0 XML with diagram layout', content: { 'application/xml': { schema: { type: 'string' } } } })
  @ApiProblems('validation', 'not-found')
  bpmn(@Param('code') code: string, @Query('version') version?: string) {
    return toBpmnXml(this.find(code, version));
  }

  private find(code: string, version?: string) {
    const v = version === undefined ? undefined : Number(version);
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new ValidationError([{ field: 'version', message: 'must be a positive integer' }]);
    const def = this.catalog.find(code, v);
    if (!def) throw new NotFoundError('Permit type', `No permit type ${code}${v ? ` version ${v}` : ''}: GET /v1/permit-types lists them.`);
    return def;
  }
}
