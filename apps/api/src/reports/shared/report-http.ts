// What the report controllers share at the HTTP edge: the period parameters, CSV negotiation, and how
// both are documented.
import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiQuery, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { problems } from '../../common/problem';

const RANGE_HELP =
  'A date (YYYY-MM-DD, Asia/Jakarta; `to` includes that day) or an ISO 8601 instant with offset. Give both or neither: without them the report covers the current month in Asia/Jakarta.';

/** Documents `from` and `to`: optional together, the current Jakarta month when both are absent. */
export function ApiReportPeriod() {
  return applyDecorators(
    ApiQuery({ name: 'from', required: false, description: RANGE_HELP, example: '2027-07-01' }),
    ApiQuery({ name: 'to', required: false, description: RANGE_HELP, example: '2027-07-31' }),
  );
}

/** The 200 answer of a report: the DTO as JSON, or with Accept: text/csv a CSV text. */
export function ApiReportOk(dto: Type<unknown>, csv?: string) {
  return applyDecorators(
    ApiExtraModels(dto),
    ApiResponse({
      status: 200,
      description: csv ? `JSON, or with Accept: text/csv ${csv}` : 'JSON',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(dto) } },
        ...(csv ? { 'text/csv': { schema: { type: 'string', description: 'RFC 4180, CRLF line ends, a header row first' } } } : {}),
      },
    }),
  );
}

export function wantsCsv(req: Request): boolean {
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

export function sendCsv(res: Response, name: string, body: string): string {
  res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  return body;
}

/** An optional positive number of a query, at most `max`. */
export function positiveNumber(field: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw problems.validation([{ field, message: `must be a number above 0 and at most ${max}` }]);
  return n;
}
