import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { mintToken } from '../../../../libs/auth/token';
import { DEV_JWT_SECRET, devSignInEnabled } from '../../../../libs/config/config';
import type { AppConfig } from '../../../../libs/config/config';
import agencies from '../../../../libs/database/seed/agencies.json';
import { missingOfficeScope, TERRITORIAL_AGENCIES } from '../../../../libs/domain';
import { Public } from '../auth/auth.guard';
import { NotFoundError, ValidationError } from '../common/errors';
import { ApiProblems } from '../common/openapi';
import { APP_CONFIG } from '../config.provider';
import { SkipIdempotency } from '../idempotency/idempotency.interceptor';
import { OfficesService } from '../offices/offices.service';
import { DevTokenDto, DevTokenRequestDto, SignInOptionsDto } from './dev-sign-in.dto';

/**
 * The console's development sign-in: the seeded roles, agencies and offices, and a token for any of
 * them. It exists only while the development secret signs tokens; in production (a real secret or
 * the province's identity provider) both endpoints answer 404, as for any unknown path.
 */
@ApiTags('development')
@Public()
@Controller('v1/dev')
export class DevSignInController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly offices: OfficesService,
  ) {}

  private requireDevelopment(): void {
    if (!devSignInEnabled(this.config)) {
      throw new NotFoundError('Resource', 'Development sign-in is off: tokens come from the identity provider.');
    }
  }

  @Get('sign-in')
  @ApiOperation({ summary: 'Development only: the roles, agencies and offices to sign in as' })
  @ApiOkResponse({ type: SignInOptionsDto })
  @ApiProblems('not-found')
  options(): SignInOptionsDto {
    this.requireDevelopment();
    return {
      roles: ['approver', 'admin', 'integrator'],
      positions: ['officer', 'head'],
      agencies: agencies.map((a) => ({ code: a.code, name: a.name, territorial: TERRITORIAL_AGENCIES.has(a.code) })),
      offices: this.offices
        .list({})
        .filter((o) => o.type !== 'outlet')
        .map((o) => ({ id: o.id, name: o.name, type: o.type })),
    };
  }

  @Post('tokens')
  @HttpCode(201)
  // Minting a development token changes nothing: no Idempotency-Key needed.
  @SkipIdempotency()
  @ApiOperation({ summary: 'Development only: a token for a seeded role, agency and office' })
  @ApiCreatedResponse({ type: DevTokenDto })
  @ApiProblems('validation', 'not-found')
  async token(@Body() body: DevTokenRequestDto): Promise<DevTokenDto> {
    this.requireDevelopment();
    if (body.role === 'approver') {
      if (!body.agency || !agencies.some((a) => a.code === body.agency)) throw new ValidationError([{ field: 'agency', message: 'an approver needs one of the seeded agencies' }]);
      // The same rule the auth guard applies to every token: a territorial agency's token names its office.
      const unscoped = missingOfficeScope(body);
      if (unscoped) throw new ValidationError([{ field: 'office', message: unscoped }]);
      if (body.office && !this.offices.get(body.office)) throw new ValidationError([{ field: 'office', message: `no office ${body.office}: GET /v1/dev/sign-in lists them` }]);
    }
    const principal = {
      sub: body.login ?? ['dev', body.role, body.agency, body.office, body.role === 'approver' ? (body.position ?? 'officer') : undefined].filter(Boolean).join('-'),
      role: body.role,
      ...(body.role === 'approver' ? { agency: body.agency, position: body.position ?? 'officer', ...(body.office ? { office: body.office } : {}) } : {}),
    };
    return { token: await mintToken(DEV_JWT_SECRET, principal), sub: principal.sub };
  }
}
