// The SMS gateway protocol satupintu speaks: HTTP POST of a JSON body, signed with a shared key the way
// Indonesian SMS gateways sign their APIs. Both sides use this module: the adapter (activities/) and the
// local gateway that development and the tests run (test/support/sms-gateway.ts).
//
//   POST <SMS_GATEWAY_URL>
//   Content-Type: application/json
//   X-Key-Id: <SMS_GATEWAY_KEY_ID>
//   X-Timestamp: <unix seconds>
//   X-Signature: <hex HMAC-SHA256(SMS_GATEWAY_SECRET, "<timestamp>.<raw body>")>
//   Idempotency-Key: <outbox row id>   (the gateway sends a key once, however often it is posted)
//   {"to":"+6281234567890","text":"...","reference":"<outbox row id>"}
//
// A 2xx answer with {"messageId": "..."} confirms the message; any other answer refuses it, and no
// answer within the timeout leaves it unconfirmed.
import { signatureOf } from '../webhooks/signature';
import { timingSafeEqual } from 'node:crypto';

export const SMS_HEADERS = { keyId: 'x-key-id', timestamp: 'x-timestamp', signature: 'x-signature', idempotencyKey: 'idempotency-key' } as const;

/** A gateway accepts a request signed at most this long before or after its own clock. */
export const SMS_SIGNATURE_TOLERANCE_SEC = 300;

export interface SmsRequest {
  to: string;
  text: string;
  reference: string;
}

export function signSmsRequest(secret: string, timestamp: number, rawBody: string): string {
  return signatureOf(secret, timestamp, rawBody);
}

/** What the gateway checks: the key id is known, the timestamp fresh, the signature right (constant-time). */
export function checkSmsSignature(
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  keys: Record<string, string>,
  nowSec = Math.floor(Date.now() / 1000),
): 'ok' | 'unknown-key' | 'stale' | 'bad-signature' {
  const one = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const secret = keys[one(SMS_HEADERS.keyId) ?? ''];
  if (!secret) return 'unknown-key';
  const ts = Number(one(SMS_HEADERS.timestamp));
  if (!Number.isInteger(ts) || Math.abs(nowSec - ts) > SMS_SIGNATURE_TOLERANCE_SEC) return 'stale';
  const given = Buffer.from(one(SMS_HEADERS.signature) ?? '', 'utf8');
  const expected = Buffer.from(signSmsRequest(secret, ts, rawBody), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'bad-signature';
}

/** +62 form of an Indonesian mobile number given as 08... or +628... */
export function internationalMsisdn(phone: string): string {
  return phone.startsWith('0') ? `+62${phone.slice(1)}` : phone;
}
