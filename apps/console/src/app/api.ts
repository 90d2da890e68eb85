// The console talks to the same API as every integrator, on the same origin.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { type?: string; title?: string; detail?: string } | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

function headers(token?: string, extra: Record<string, string> = {}): Record<string, string> {
  return { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra };
}

export async function getJson<T>(path: string, token?: string): Promise<T> {
  const res = await fetch(path, { headers: headers(token) });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError(res.status, body);
  return body as T;
}

export async function getText(path: string): Promise<string> {
  const res = await fetch(path);
  if (!res.ok) throw new ApiError(res.status, undefined);
  return res.text();
}

/** A write with its Idempotency-Key: pass the same key when retrying the same intent. */
export async function postJson<T>(path: string, body: unknown, o: { token?: string; idempotencyKey?: string } = {}): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: headers(o.token, { 'content-type': 'application/json', 'idempotency-key': o.idempotencyKey ?? crypto.randomUUID() }),
    body: JSON.stringify(body),
  });
  const answer = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiError(res.status, answer);
  return answer as T;
}
