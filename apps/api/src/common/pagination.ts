import { ValidationError } from './errors';

/** `limit` of a list: 1-200, 50 unless told. */
export function parseLimit(raw?: string, fallback = 50): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(n) || n < 1 || n > 200) throw new ValidationError([{ field: 'limit', message: 'must be an integer from 1 to 200' }]);
  return n;
}
