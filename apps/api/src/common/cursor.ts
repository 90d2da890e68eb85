import { problems } from './problem';

export interface Cursor {
  at: string;
  id: string;
}

/** Opaque keyset cursors: stable under inserts, no OFFSET scans. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [string, string];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && id.length <= 100) return { at, id };
  } catch {
    // fall through to the problem below
  }
  throw problems.validation([{ field: 'cursor', message: 'is not a cursor this API returned' }], 'cursor is not valid: pass the nextCursor of the previous page unchanged');
}
