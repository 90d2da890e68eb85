import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ApiEnum, ApiInstant, PageOf, ApiNullableInstant, ApiNullableString, NULLABLE_NUMBER } from '../../common/openapi-types';
import { IsText } from '../../common/text';

export class CreateWebhookDto {
  @ApiProperty({ description: 'Where status changes are POSTed: https (production refuses private, loopback and link-local addresses)', example: 'https://hooks.example.id/satupintu' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({
    description: 'Shared secret for the Satupintu-Signature HMAC: 32-256 visible ASCII characters. Stored to sign deliveries; never returned.',
    example: 'whsec_5f0c6a3e8a4f4b8e9a512a0d4f6b2c11',
    minLength: 32,
    maxLength: 256,
  })
  @IsString()
  @MinLength(32, { message: 'secret must be at least 32 characters: generate it randomly' })
  @MaxLength(256)
  @Matches(/^[\x21-\x7e]+$/, { message: 'secret must be visible ASCII characters' })
  secret!: string;

  @ApiPropertyOptional({ example: 'Kiosk back office, production', maxLength: 200 })
  @IsOptional()
  @IsText(200)
  description?: string;
}

export class WebhookDto {
  @ApiProperty({ example: 'wh_01J9Z8Q4M3KX7T2W5R6Y8B0C1D' }) id!: string;
  @ApiProperty({ example: 'https://hooks.example.id/satupintu' }) url!: string;
  @ApiNullableString({ required: false }) description!: string | null;
  @ApiProperty({ description: 'The last 4 characters of the secret, to tell secrets apart', example: '2c11' }) secretHint!: string;
  @ApiInstant() createdAt!: string;
  @ApiProperty({ example: ['application.status_changed'], type: [String] }) events!: string[];
}

export class WebhookListDto extends PageOf(WebhookDto, 'Always null: an integrator has at most 20 webhooks') {}

export class WebhookDeliveryDto {
  @ApiProperty({ example: '01J9Z8Q4M3KX7T2W5R6Y8B0C1D:4' }) eventId!: string;
  @ApiProperty({ example: '01J9Z8Q4M3KX7T2W5R6Y8B0C1D' }) applicationId!: string;
  @ApiEnum(['pending', 'delivered', 'failed']) state!: string;
  @ApiProperty({ example: 1 }) attempts!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, required: false, example: 200 }) lastStatus!: number | null;
  @ApiNullableString({ required: false }) lastError!: string | null;
  @ApiInstant() createdAt!: string;
  @ApiNullableInstant({ required: false }) deliveredAt!: string | null;
}

export class WebhookDeliveryListDto extends PageOf(WebhookDeliveryDto) {}
