// A well-behaved integrator: every write carries its own Idempotency-Key and is retried with that same
// key until the platform gives a definite answer, honouring Retry-After. Network errors, timeouts,
// 5xx, 429 and "key in use" are not answers.
import { setTimeout as sleep } from 'node:timers/promises';

export interface Answer<T = any> {
  status: number;
  body: T;
  /** Requests sent, the first included. */
  attempts: number;
}

export interface CallOptions {
  token: string;
  body?: unknown;
  idempotencyKey?: string;
  /** Give up after this long without a definite answer (the answer is then status 0). */
  giveUpAfterMs?: number;
}

const REQUEST_TIMEOUT_MS = 10_000;

function retryable(status: number, body: { type?: string } | undefined): boolean {
  if (status === 0 || status >= 500 || status === 429) return true;
  return status === 409 && typeof body?.type === 'string' && body.type.endsWith('/idempotency-key-in-use');
}

export class Integrator {
  constructor(private readonly baseUrl: string) {}

  /** One request, no retry: a network failure or timeout is status 0. */
  async once<T = any>(method: string, path: string, o: CallOptions): Promise<{ status: number; body: T; retryAfterSec?: number }> {
    const headers: Record<string, string> = { authorization: `Bearer ${o.token}` };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
    try {
      const res = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      const retryAfter = Number(res.headers.get('retry-after'));
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body: body as T, retryAfterSec: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined };
    } catch {
      return { status: 0, body: undefined as T };
    }
  }

  /** Retries with the same key until a definite answer (any 2xx or 4xx the client must act on). */
  async call<T = any>(method: string, path: string, o: CallOptions): Promise<Answer<T>> {
    const giveUpAt = Date.now() + (o.giveUpAfterMs ?? 120_000);
    let backoff = 100;
    for (let attempts = 1; ; attempts++) {
      const r = await this.once<T>(method, path, o);
      if (!retryable(r.status, r.body as { type?: string })) return { status: r.status, body: r.body, attempts };
      if (Date.now() >= giveUpAt) return { status: 0, body: r.body, attempts };
      await sleep(r.retryAfterSec ? r.retryAfterSec * 1000 : backoff);
      backoff = Math.min(backoff * 2, 1_000);
    }
  }
}
