import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { devSignInEnabled } from '../../../../libs/config/config';
import type { AppConfig } from '../../../../libs/config/config';
import { Public } from '../auth/auth.guard';
import { ApiProblems } from '../common/openapi';
import { APP_CONFIG } from '../config.provider';

export class OidcClientDto {
  @ApiProperty({ description: 'The issuer; its discovery document is at <issuer>/.well-known/openid-configuration', example: 'https://sso.jakarta.go.id/realms/pemprov' })
  issuer!: string;
  @ApiProperty({ description: 'The console\'s public client id (no secret: the code is exchanged with PKCE)', example: 'satupintu-console' }) clientId!: string;
  @ApiProperty({ example: 'openid profile' }) scope!: string;
}

export class ConsoleConfigDto {
  @ApiProperty({ description: 'Whether the development sign-in (/v1/dev) is open: only while the development secret signs tokens' }) devSignIn!: boolean;
  @ApiProperty({ type: OidcClientDto, nullable: true, description: 'The OpenID Connect sign-in, when OIDC_CLIENT_ID is set; null otherwise' })
  oidc!: OidcClientDto | null;
}

/** What the console needs before anyone signs in: which ways of signing in this deployment offers. */
@ApiTags('console')
@Public()
@Controller('v1/console')
export class ConsoleConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('config')
  @ApiOperation({ summary: 'The console\'s sign-in settings: development sign-in on or off, the OpenID Connect issuer and public client id' })
  @ApiOkResponse({ type: ConsoleConfigDto })
  @ApiProblems()
  get(): ConsoleConfigDto {
    return { devSignIn: devSignInEnabled(this.config), oidc: this.config.auth.oidc ?? null };
  }
}
