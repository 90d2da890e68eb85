// Property shapes the report DTOs repeat, typed exactly for the OpenAPI document: a nullable field
// says what it holds when it is not null (OpenAPI 3.0 `nullable`).

export const INTEGER = { type: 'integer' } as const;
export const INSTANT = { type: String, format: 'date-time' } as const;
export const NULLABLE_STRING = { type: String, nullable: true } as const;
export const NULLABLE_NUMBER = { type: Number, nullable: true } as const;

/** Counts per name (per rung, category, channel). */
export const COUNTS = (example: Record<string, number>) => ({ type: 'object', additionalProperties: { type: 'integer' }, example }) as const;
