import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BenchHttp } from '../../scripts/bench/http';

describe("the bench's HTTP client", () => {
  const seen: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string; socket: number }> = [];
  const sockets = new Map<unknown, number>();
  let server: http.Server;
  let client: BenchHttp;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size);
        seen.push({ method: req.method, url: req.url, headers: req.headers, body, socket: sockets.get(req.socket)! });
        const status = Number(req.headers['x-answer'] ?? 201);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    client = new BenchHttp(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    client.close();
    await new Promise((r) => server.close(r));
  });

  it('POSTs the JSON body with its headers, and resolves on the expected status', async () => {
    await client.post('/v1/applications', { authorization: 'Bearer t', 'idempotency-key': 'k1' }, '{"a":"é"}', 201);
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/v1/applications',
      body: '{"a":"é"}',
      headers: { authorization: 'Bearer t', 'idempotency-key': 'k1', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength('{"a":"é"}')) },
    });
  });

  it('rejects on another status, quoting the answer', async () => {
    await expect(client.post('/v1/tasks/x/decision', { 'x-answer': '409' }, '{}', 200)).rejects.toThrow('HTTP 409: {"status":409}');
  });

  it('keeps the connection for the next request', async () => {
    const before = seen.length;
    for (let i = 0; i < 3; i++) await client.post('/x', {}, '{}', 201);
    expect(new Set(seen.slice(before).map((s) => s.socket)).size).toBe(1);
  });
});
