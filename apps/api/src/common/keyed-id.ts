import { createHash } from 'node:crypto';

// Crockford base32 without I, L, O, U: readable over the phone, no confusable letters.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function base32(bytes: Buffer, length: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/**
 * What a write creates is named by (what, caller, Idempotency-Key): a request retried after its
 * first process died names the same thing again, and the store refuses to create it twice.
 */
export function keyedDigest(what: string, caller: string, idempotencyKey: string): Buffer {
  return createHash('sha256').update(`${what}\n${caller}\n${idempotencyKey}`).digest();
}
