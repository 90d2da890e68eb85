// Story: the API as production runs it, with a small rate budget so it shows: a caller over its
// budget gets 429 with Retry-After while other callers go on; the security headers are there; a
// browser from the configured origin may call, another may not; webhooks may not target this host.
import { randomUUID } from 'node:crypto';
import { Platform, platformSuite, startPlatform } from '../support/platform';

const ORIGIN = 'https://loket.jakarta.go.id';

describe('the edge: rate limits, headers, CORS', () => {
  let p: Platform;
  platformSuite((started) => (p = started), {
    worker: false,
    env: { RATE_LIMIT: '5', RATE_LIMIT_WINDOW_SEC: '120', CORS_ORIGINS: `${ORIGIN}, https://oss.go.id`, WEBHOOK_ALLOW_INSECURE_TARGETS: 'false' },
  });

  it('answers 429 problem+json with Retry-After to a caller over its budget, and goes on serving other callers', async () => {
    const greedy = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    const patient = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await p.http('GET', '/v1/applications?limit=1', { token: greedy })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    // The budget is per caller across endpoints, not per route.
    const over = await p.http('GET', '/v1/offices?limit=1', { token: greedy });
    expect(over.status).toBe(429);
    expect(over.headers.get('content-type')).toContain('application/problem+json');
    expect(over.body.type).toBe('https://satupintu.jakarta.go.id/problems/rate-limited');
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 120).toBe(true);
    expect((await p.http('GET', '/v1/permit-types/SKDU', { token: patient })).status).toBe(200);
    expect((await p.http('GET', '/health')).status).toBe(200);
  });

  it('draws one budget per caller across API processes: a second process counts what the first served', async () => {
    // A second API process on the same PostgreSQL, as a replica behind the load balancer.
    const twin = await startPlatform({ worker: false, env: { RATE_LIMIT: '5', RATE_LIMIT_WINDOW_SEC: '120' } });
    try {
      const kiosk = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
      const statuses: number[] = [];
      for (const api of [p, twin, p, twin, p, twin]) statuses.push((await api.http('GET', '/v1/offices?limit=1', { token: kiosk })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect((await p.http('GET', '/v1/offices?limit=1', { token: kiosk })).status).toBe(429);
    } finally {
      await twin.close();
    }
  });

  it('sends helmet’s security headers', async () => {
    const r = await p.http('GET', '/health');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('lets browsers of the configured origins call the API, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${p.baseUrl}/v1/applications`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,idempotency-key,content-type' } });
    const allowed = await preflight(ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses webhooks aimed at loopback, private or plain-http targets', async () => {
    const kiosk = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    for (const url of ['http://hooks.example.id/x', 'https://127.0.0.1/x', 'https://169.254.169.254/latest', 'https://localhost/x', 'https://[::1]/x']) {
      const r = await p.http('POST', '/v1/webhooks', { token: kiosk, body: { url, secret: 's'.repeat(40) } });
      expect([url, r.status, r.body.type]).toEqual([url, 422, 'https://satupintu.jakarta.go.id/problems/webhook-target-refused']);
    }
  });
});
