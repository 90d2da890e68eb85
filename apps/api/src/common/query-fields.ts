// The optional query parameters that lists and inboxes share, each documented and validated in one place,
// with the message a caller reads when the value is not one (problem+json `errors`).
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

type Doc = Pick<ApiPropertyOptions, 'description' | 'example' | 'default'>;

/** An agency code (dinas), e.g. DCKTRP. */
export const AGENCY_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;
/** A permit type code, e.g. SKDU. */
export const PERMIT_TYPE_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;
/** An office id, e.g. kel-31.71.01.1001. */
export const OFFICE_ID = /^[a-z0-9.-]{3,80}$/;

/** An optional parameter that must match `pattern`; `message` says what it must be. */
export function OptionalMatching(pattern: RegExp, message: string, doc: Doc) {
  return applyDecorators(ApiPropertyOptional(doc), IsOptional(), Matches(pattern, { message }));
}

/** An optional parameter that must be one of `values`, refused as "`name` must be one of ...". */
export function OptionalOneOf(name: string, values: readonly string[], doc: Doc = {}) {
  return applyDecorators(ApiPropertyOptional({ enum: values, ...doc }), IsOptional(), IsIn(values, { message: `${name} must be one of ${values.join(', ')}` }));
}

export const OptionalPermitType = (doc: Doc) => OptionalMatching(PERMIT_TYPE_CODE, 'permitType must be a permit type code such as SKDU', doc);
export const OptionalOffice = (doc: Doc) => OptionalMatching(OFFICE_ID, 'office must be an office id such as kel-31.71.01.1001', doc);
