// Story: /metrics tells a lot about the platform, so it is the scraper's, not the public's. With a
// scraper token, only a request bearing it is answered; in production without one, the public port does
// not serve metrics and a port of their own (METRICS_PORT) does. A caller over its rate limit is
// counted as a refusal.
import { freePort } from '../../libs/dev/services';
import { Platform, startPlatform } from '../support/platform';
import { parsePrometheus, valueOf } from '../support/telemetry';

const TOKEN = 'scraper-token-0123456789abcdef';

describe('GET /metrics with METRICS_TOKEN', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ worker: false, env: { METRICS_TOKEN: TOKEN, RATE_LIMIT: '2', RATE_LIMIT_WINDOW_SEC: '60' } });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('refuses a scrape without the token, or with another token (a JWT included), with a 401 problem', async () => {
    const admin = await p.token({ role: 'admin' });
    for (const token of [undefined, 'not-the-token', admin]) {
      const r = await p.http('GET', '/metrics', { token });
      expect([r.status, r.headers.get('content-type'), r.body.type]).toEqual([401, 'application/problem+json; charset=utf-8', 'https://satupintu.jakarta.go.id/problems/unauthorized']);
      expect(r.body.detail).toMatch(/METRICS_TOKEN/);
    }
  });

  it('answers the scraper, and counts the requests refused by the rate limit', async () => {
    const integrator = await p.token({ role: 'integrator', sub: 'kiosk-greedy' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await p.http('GET', '/v1/offices', { token: integrator })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const r = await p.http('GET', '/metrics', { token: TOKEN });
    expect(r.status).toBe(200);
    const s = parsePrometheus(r.text);
    expect(valueOf(s, 'satupintu_rate_limit_refusals_total')).toBe(1);
    expect(valueOf(s, 'satupintu_http_request_duration_seconds_count', { route: '/v1/offices', status: '429' })).toBe(1);
  });
});

describe('GET /metrics in production without a token', () => {
  let p: Platform;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    p = await startPlatform({ worker: false, env: { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-the-test-0123456789', METRICS_PORT: String(port) } });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('is not served on the public port: 404, naming where to scrape', async () => {
    const r = await p.http('GET', '/metrics');
    expect([r.status, r.body.type]).toEqual([404, 'https://satupintu.jakarta.go.id/problems/not-found']);
    expect(r.body.detail).toMatch(/METRICS_PORT/);
  });

  it('is served on METRICS_PORT, which serves nothing else', async () => {
    const r = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect([r.status, r.headers.get('content-type')]).toEqual([200, 'text/plain; version=0.0.4; charset=utf-8']);
    const s = parsePrometheus(await r.text());
    expect(valueOf(s, 'satupintu_http_request_duration_seconds_count', { route: '/metrics', status: '404' })).toBe(1);
    expect(s.some((x) => x.name === 'satupintu_tasks_open')).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(404);
  });
});
