import { createHash } from 'node:crypto';

// Crockford base32 without I, L, O, U: readable over the phone, no confusable letters.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer, length: number): string {
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
 * Ids derive from (caller, Idempotency-Key): a submission retried after a timeout maps to the same
 * workflow id, and Temporal refuses to start it twice.
 */
export function applicationIdsFor(caller: string, idempotencyKey: string): { applicationId: string; trackingCode: string } {
  const digest = createHash('sha256').update(`${caller}\n${idempotencyKey}`).digest();
  const id = base32(digest.subarray(0, 15), 24);
  const code = base32(digest.subarray(15, 30), 12);
  return { applicationId: id, trackingCode: `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}` };
}
