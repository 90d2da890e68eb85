// The bench's HTTP client for the timed writes: node:http on kept-alive connections (as many as there
// are requests in flight: the day's open loop has no fixed concurrency). The load generator shares the
// machine's two cores with what it measures, so it must cost little: Node's fetch (undici behind WHATWG
// streams and Headers) spent about 2.5 ms of CPU per POST here, several times what node:http spends, and
// that CPU was taken from the API under test while the raw side's gRPC client (in Rust) spent almost none.
// The API sees the same requests either way.
import * as http from 'node:http';

interface Answer {
  status: number;
  body: string;
}

export class BenchHttp {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(base: string) {
    this.url = new URL(base);
    this.agent = new http.Agent({ keepAlive: true });
  }

  /** POSTs a JSON body and rejects unless the answer has status `expect` (the error quotes the answer). */
  async post(path: string, headers: Record<string, string>, body: string, expect: number): Promise<void> {
    const res = await this.postJson(path, headers, body);
    if (res.status !== expect) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
  }

  /**
   * POSTs a JSON body; resolves with the status and the whole answer, rejects only when no answer came.
   * A kept-alive connection the API closed while idle (Node's server drops one after 5 s without a
   * request) can be handed out just as it closes: the request then fails with ECONNRESET on the reused
   * socket before the API read it, and is sent once more on a fresh connection (Node's documented
   * remedy, `request.reusedSocket`). Every POST here carries an Idempotency-Key, so even a request the API
   * did read would be answered once.
   */
  private async postJson(path: string, headers: Record<string, string>, body: string): Promise<Answer> {
    try {
      return await this.send(path, headers, body);
    } catch (err) {
      if (!(err instanceof StaleSocket)) throw err;
      return this.send(path, headers, body);
    }
  }

  private send(path: string, headers: Record<string, string>, body: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method: 'POST',
          path,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => reject(req.reusedSocket && err.code === 'ECONNRESET' ? new StaleSocket(err) : err));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A request that failed on a kept-alive connection the server had closed: it never reached the API. */
class StaleSocket extends Error {
  constructor(cause: Error) {
    super(cause.message, { cause });
  }
}
