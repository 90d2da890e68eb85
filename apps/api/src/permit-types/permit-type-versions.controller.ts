import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.guard';
import { NotFoundError } from '../common/errors';
import { ApiProblems } from '../common/openapi';
import { CatalogService } from './catalog.service';
import { PermitTypeVersionsDto } from './permit-type-versions.dto';
import { PermitTypeVersionsRepository } from './permit-type-versions.repository';

/**
 * The admin's view of a permit type's versions: which are deployed, which one new applications get, and
 * how many applications still run on each (a version can be retired once none does; docs/versions.md).
 */
@ApiTags('permit-types')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/permit-types')
export class PermitTypeVersionsController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly repo: PermitTypeVersionsRepository,
  ) {}

  @Get(':code/versions')
  @ApiOperation({ summary: 'Admins: the versions of a permit type with the applications running on each' })
  @ApiParam({ name: 'code', example: 'SKDU' })
  @ApiOkResponse({ type: PermitTypeVersionsDto })
  @ApiProblems('unauthorized', 'forbidden', 'not-found')
  async versions(@Param('code') code: string): Promise<PermitTypeVersionsDto> {
    const latest = this.catalog.find(code);
    const defs = this.catalog.all().filter((d) => d.code === code);
    if (defs.length === 0) throw new NotFoundError('Permit type', `No permit type ${code.slice(0, 40)}: GET /v1/permit-types lists them.`);
    const counts = new Map((await this.repo.running(code)).map((r) => [r.version, r]));
    const versions = [...new Set([...defs.map((d) => d.version), ...counts.keys()])].sort((a, b) => b - a);
    return {
      code,
      name: (latest ?? defs[0]).name.id,
      versions: versions.map((v) => {
        const c = counts.get(v);
        const def = defs.find((d) => d.version === v);
        const [inReview, awaitingApplicant] = [c?.in_review ?? 0, c?.awaiting ?? 0];
        return { version: v, latest: v === latest?.version, deployed: def !== undefined, retired: def?.retired ?? false, inReview, awaitingApplicant, running: inReview + awaitingApplicant };
      }),
    };
  }
}
