import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { POSITIONS, Position } from '../../../../libs/domain';
import { Role, ROLES } from '../../../../libs/auth/token';
import { ApiEnum } from '../common/openapi-types';
import { OfficeDto } from '../offices/office.dto';

export class SignInAgencyDto {
  @ApiProperty({ example: 'KELURAHAN' }) code!: string;
  @ApiProperty({ example: 'Kelurahan' }) name!: string;
  @ApiProperty({ description: 'A territorial agency acts through the office of the place: its tokens name that office' }) territorial!: boolean;
}

export class SignInOfficeDto extends PickType(OfficeDto, ['id', 'name', 'type'] as const) {}

export class SignInOptionsDto {
  @ApiProperty({ type: [String], example: ['approver', 'admin', 'integrator'] }) roles!: string[];
  @ApiProperty({ type: [String], example: ['officer', 'head'] }) positions!: string[];
  @ApiProperty({ type: [SignInAgencyDto] }) agencies!: SignInAgencyDto[];
  @ApiProperty({ type: [SignInOfficeDto], description: 'Offices a territorial agency acts through (not the outlets)' }) offices!: SignInOfficeDto[];
}

export class DevTokenRequestDto {
  @ApiEnum(ROLES)
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({ example: 'KELURAHAN', description: 'Required for an approver' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'agency must be an agency code such as KELURAHAN' })
  agency?: string;

  @ApiPropertyOptional({ example: 'kel-31.71.01.1001', description: 'Required for an approver of a territorial agency' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  office?: string;

  @ApiEnum(POSITIONS, { required: false, description: "An approver's position: only a head decides a head step (the lurah's signature); officer by default" })
  @IsOptional()
  @IsIn(POSITIONS, { message: 'position must be officer or head' })
  position?: Position;

  @ApiPropertyOptional({
    example: 'sari',
    description: "Who signs in (the token's sub), so that two officers of one office are two people: the id a head assigns tasks to. Without it, one sub per role, agency, office and position.",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9._-]{1,39}$/, { message: 'login must be 2-40 lower-case letters, digits, dots, dashes or underscores, starting with a letter' })
  login?: string;
}

export class DevTokenDto {
  @ApiProperty({ description: 'A bearer token signed with the development secret, valid 12 hours' }) token!: string;
  @ApiProperty({ example: 'dev-approver-KELURAHAN-kel-31.71.01.1001' }) sub!: string;
}
