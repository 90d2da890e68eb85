import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every webhook delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const SIGNATURE_HEADER = 'Satupintu-Signature';
/** How far a receiver should accept the timestamp from its own clock, in seconds (replays outside it are refused). */
export const SIGNATURE_TOLERANCE_SEC = 300;

export function signatureOf(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

export function signatureHeader(secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, rawBody)}`;
}

export type SignatureCheck = { valid: true; timestamp: number } | { valid: false; reason: 'malformed' | 'too-old' | 'too-new' | 'mismatch' };

/**
 * What a receiver does (docs/webhooks.md shows the same in a few lines): parse the header, refuse a
 * timestamp outside the tolerance, recompute the HMAC over the raw bytes received, compare in
 * constant time. Several v1 values may appear while a secret is rotated; one match is enough.
 */
export function verifySignature(header: string | undefined, rawBody: string, secret: string, opts: { toleranceSec?: number; nowSec?: number } = {}): SignatureCheck {
  if (!header) return { valid: false, reason: 'malformed' };
  const parts = header.split(',').map((kv) => kv.trim().split('=') as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const candidates = parts.filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => v!);
  if (!Number.isInteger(t) || candidates.length === 0) return { valid: false, reason: 'malformed' };
  const now = opts.nowSec ?? Math.floor(Date.now() / 1000);
  const tolerance = opts.toleranceSec ?? SIGNATURE_TOLERANCE_SEC;
  if (t < now - tolerance) return { valid: false, reason: 'too-old' };
  if (t > now + tolerance) return { valid: false, reason: 'too-new' };
  const expected = Buffer.from(signatureOf(secret, t, rawBody), 'hex');
  const ok = candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
  return ok ? { valid: true, timestamp: t } : { valid: false, reason: 'mismatch' };
}
