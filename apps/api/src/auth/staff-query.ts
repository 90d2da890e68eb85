import { applyDecorators, type Type } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi';
import { Roles } from './auth.guard';

/**
 * A GET that office staff read with filters in the query (an inbox, its counts): approvers within
 * their token's agency and office, admins everywhere. A malformed filter answers 400; one that reaches
 * outside the token's scope, 403. What it answers is `type`.
 */
export function StaffQuery(type: Type<unknown>) {
  return applyDecorators(Roles('approver', 'admin'), ApiOkResponse({ type }), ApiProblems('validation', 'unauthorized', 'forbidden'));
}
