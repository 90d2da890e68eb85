import { createHash } from 'node:crypto';
import { base32 } from '../common/keyed-id';

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
