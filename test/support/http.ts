// A tiny HTTP client for the tests: real requests to a real port, JSON in and out, an Idempotency-Key
// on every POST unless the test sets its own.
import { randomUUID } from 'node:crypto';

export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export type HttpOptions = { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> };

export function httpClient(baseUrl: string) {
  return async function http<T = any>(method: string, path: string, o: HttpOptions = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined = o.rawBody;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    if (method === 'POST' && !('idempotency-key' in headers)) headers['idempotency-key'] = randomUUID();
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  };
}
