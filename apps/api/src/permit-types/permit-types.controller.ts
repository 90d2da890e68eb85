import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { toBpmnXml } from '../../../../libs/permit-dsl/bpmn/export';
import { problems } from '../common/problem';
import { CatalogService } from './catalog.service';

@ApiTags('permit-types')
@ApiBearerAuth()
@Controller('v1/permit-types')
export class PermitTypesController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOperation({ summary: 'Permit and non-permit services offered, latest version of each' })
  list() {
    return { items: this.catalog.latest().map((d) => this.catalog.describe(d)), nextCursor: null };
  }

  @Get(':code')
  @ApiOperation({ summary: 'One permit type: fee, required documents, steps with agencies and deadlines, data JSON Schema with an example' })
  @ApiQuery({ name: 'version', required: false })
  get(@Param('code') code: string, @Query('version') version?: string) {
    return this.catalog.describe(this.find(code, version));
  }

  @Get(':code/bpmn')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @ApiProduces('application/xml')
  @ApiOperation({ summary: 'The permit type as a BPMN 2.0 diagram (lanes per agency, deadlines as timer boundary events)' })
  @ApiQuery({ name: 'version', required: false })
  bpmn(@Param('code') code: string, @Query('version') version?: string) {
    return toBpmnXml(this.find(code, version));
  }

  private find(code: string, version?: string) {
    const v = version === undefined ? undefined : Number(version);
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw problems.validation([{ field: 'version', message: 'must be a positive integer' }]);
    const def = this.catalog.find(code, v);
    if (!def) throw problems.notFound('Permit type', `No permit type ${code}${v ? ` version ${v}` : ''}: GET /v1/permit-types lists them.`);
    return def;
  }
}
