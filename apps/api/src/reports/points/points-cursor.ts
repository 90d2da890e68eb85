// Keyset cursors of the points ranking: the exact points total and the key of the last row of a page.
// The next page starts strictly after that position in the ranking (most points first, ties by key),
// so no page repeats or skips a row and no OFFSET scan is made. A cursor is tied to the grouping.
import { problems } from '../../common/problem';
import type { PointsBy } from './dto/points.dto';

export interface PointsCursor {
  by: PointsBy;
  /** The exact points total of the last row, as PostgreSQL prints the numeric. */
  points: string;
  key: string;
}

const NUMERIC = /^-?\d{1,20}(\.\d{1,20})?$/;

export function encodePointsCursor(c: PointsCursor): string {
  return Buffer.from(JSON.stringify([c.by, c.points, c.key])).toString('base64url');
}

export function decodePointsCursor(raw: string, by: PointsBy): PointsCursor {
  const invalid = () =>
    problems.validation([{ field: 'cursor', message: 'is not a cursor this API returned' }], 'cursor is not valid: pass the nextCursor of the previous page unchanged, with the same by');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [b, points, key] = parsed as unknown[];
  if (b !== by || typeof points !== 'string' || !NUMERIC.test(points) || typeof key !== 'string' || key.length === 0 || key.length > 200) throw invalid();
  return { by, points, key };
}
