import { ValidationError } from './errors';

export interface Cursor {
  /** The sort key of the last item: an ISO instant, or 'infinity' for items with no value (sorted last). */
  at: string;
  id: string;
  /** The sort the cursor was made for: a cursor is only valid with the same sort. */
  sort?: string;
}

/** Opaque keyset cursors: stable under inserts, no OFFSET scans. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c.sort ? [c.at, c.id, c.sort] : [c.at, c.id])).toString('base64url');
}

const invalid = () =>
  new ValidationError([{ field: 'cursor', message: 'is not a cursor this API returned' }], {
    detail: 'cursor is not valid: pass the nextCursor of the previous page unchanged, with the same sort',
  });

export function decodeCursor(raw: string, sort?: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed)) throw invalid();
  const [at, id, s] = parsed as unknown[];
  const instant = typeof at === 'string' && (at === 'infinity' || (/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(at) && !Number.isNaN(Date.parse(at))));
  if (!instant || typeof id !== 'string' || id.length > 100 || (s ?? undefined) !== sort) throw invalid();
  return { at: at as string, id, sort };
}
