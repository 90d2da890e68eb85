// Property shapes the DTOs repeat, typed exactly for the OpenAPI document: a nullable field says what
// it holds when it is not null (OpenAPI 3.0 `nullable`), an instant is an ISO 8601 date-time string.
import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';

export const INTEGER = { type: 'integer' } as const;
export const INSTANT = { type: String, format: 'date-time' } as const;
export const NULLABLE_STRING = { type: String, nullable: true } as const;
export const NULLABLE_NUMBER = { type: Number, nullable: true } as const;
export const NULLABLE_INSTANT = { ...INSTANT, nullable: true } as const;

/** Counts per name (per rung, category, channel). */
export const COUNTS = (example: Record<string, number>) => ({ type: 'object', additionalProperties: { type: 'integer' }, example }) as const;

/** An instant, e.g. `@ApiInstant({ required: false })`. */
export const ApiInstant = (options: ApiPropertyOptions = {}) => ApiProperty({ ...INSTANT, ...options });

/** An instant that is null until it happens, or where there is none (a step with no deadline). */
export const ApiNullableInstant = (options: ApiPropertyOptions = {}) => ApiProperty({ ...NULLABLE_INSTANT, ...options });

/** A string that may be null. */
export const ApiNullableString = (options: ApiPropertyOptions = {}) => ApiProperty({ ...NULLABLE_STRING, ...options });

/** One of a fixed list of strings. */
export const ApiEnum = (values: readonly string[], options: ApiPropertyOptions = {}) => ApiProperty({ enum: values, ...options });

/** The `nextCursor` of a list, with what it means where a list differs (one page only, an id). */
export const ApiNextCursor = (description = 'Pass as ?cursor= for the next page; null on the last page') =>
  ApiProperty({ ...NULLABLE_STRING, description });

/**
 * A list's answer: `items` of one DTO and the `nextCursor`, e.g.
 * `export class WebhookListDto extends PageOf(WebhookDto, 'Always null: ...') {}`.
 */
export function PageOf<T>(item: Type<T>, nextCursor?: string) {
  class Page {
    @ApiProperty({ type: [item] }) items!: T[];
    @ApiNextCursor(nextCursor) nextCursor!: string | null;
  }
  return Page;
}
