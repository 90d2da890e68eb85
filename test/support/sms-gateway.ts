// A local SMS gateway for tests: a real HTTP server speaking libs/notices/sms-protocol.ts. It checks each
// request's signature, sends each idempotency key once (a repeat answers with the first messageId), and
// can be told to refuse, to answer 503, or to hold the answer past the client's timeout; stop() takes it
// off the network (connections refused) and start() brings it back on the same port.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSmsSignature, SMS_HEADERS, type SmsRequest } from '../../libs/notices/sms-protocol';

export type GatewayMode = 'accept' | 'refuse' | 'unavailable' | 'hang' | 'accept-then-hang-once';

export interface LocalSmsGateway {
  url: string;
  keyId: string;
  secret: string;
  mode: GatewayMode;
  /** Every request as received, whatever was answered. */
  requests: Array<{ key: string; signature: ReturnType<typeof checkSmsSignature> }>;
  /** Messages sent, one per idempotency key. */
  sent: Map<string, SmsRequest>;
  /** Stops listening and drops every connection: the gateway is down, connections are refused. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Whether it listens now. */
  up(): boolean;
  close(): Promise<void>;
}

export async function startSmsGateway(): Promise<LocalSmsGateway> {
  const keyId = 'satupintu-test';
  const secret = 'sms-shared-secret-for-tests';
  const held: ServerResponse[] = [];
  const gateway: LocalSmsGateway = {
    url: '',
    keyId,
    secret,
    mode: 'accept',
    requests: [],
    sent: new Map(),
    stop: async () => {
      for (const res of held.splice(0)) res.destroy();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections of the client would hold close() open.
      server.closeAllConnections();
      await closed;
    },
    start: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    up: () => server.listening,
    close: async () => {
      if (server.listening) await gateway.stop();
    },
  };
  let port = 0;
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const key = String(req.headers[SMS_HEADERS.idempotencyKey] ?? '');
      const signature = checkSmsSignature(req.headers, raw, { [keyId]: secret });
      gateway.requests.push({ key, signature });
      if (signature !== 'ok') return answer(res, 401, { error: `signature ${signature}` });
      if (gateway.mode === 'refuse') return answer(res, 422, { error: 'number not reachable' });
      if (gateway.mode === 'unavailable') return answer(res, 503, { error: 'try later' });
      if (gateway.mode === 'hang') return void held.push(res);
      if (!gateway.sent.has(key)) gateway.sent.set(key, JSON.parse(raw) as SmsRequest);
      if (gateway.mode === 'accept-then-hang-once') {
        // Sent, but the answer is lost: the client's retry must not send it again.
        gateway.mode = 'accept';
        return void held.push(res);
      }
      answer(res, 200, { messageId: `msg-${key}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  gateway.url = `http://127.0.0.1:${port}/v1/sms`;
  return gateway;
}
