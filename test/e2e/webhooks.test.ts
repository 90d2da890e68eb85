// Story: a kiosk's back office registers a webhook and follows its applications without polling.
// Its receiver is down for the first attempts; every status change still arrives, signed, once per
// event id, in the order it happened; another kiosk's applications never reach it.
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Platform, platformSuite } from '../support/platform';
import { eventually } from '../support/time-skipping';
import { openTaskOf, submit } from './fixtures/applications';

interface Received {
  status: number;
  headers: IncomingMessage['headers'];
  raw: string;
}

/** A receiver that answers 503 to its first `failFirst` requests, then 204, and keeps everything it saw. */
async function startReceiver(failFirst: number) {
  const seen: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = seen.length < failFirst ? 503 : 204;
      seen.push({ status, headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/satupintu`,
    seen,
    accepted: () => seen.filter((r) => r.status === 204),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The receiver's side of docs/webhooks.md, written out here so the test does not trust the library it tests. */
function verify(headers: IncomingMessage['headers'], raw: string, secret: string): boolean {
  const header = String(headers['satupintu-signature'] ?? '');
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(Date.now() / 1000 - t) > 300) return false;
  return createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex') === m[2];
}

describe('webhooks', () => {
  let p: Platform;
  platformSuite((started) => (p = started));

  it('delivers every status change, signed, in order, once per event id, after the receiver failed the first attempts', async () => {
    const receiver = await startReceiver(2);
    try {
      const sub = `kiosk-${randomUUID()}`;
      const kiosk = await p.token({ role: 'integrator', sub });
      const secret = `whsec_${randomUUID()}${randomUUID()}`;
      const hook = await p.http('POST', '/v1/webhooks', { token: kiosk, body: { url: receiver.url, secret, description: 'back office' } });
      expect(hook.status).toBe(201);
      expect(hook.body).toMatchObject({ url: receiver.url, secretHint: secret.slice(-4), events: ['application.status_changed'] });
      expect(hook.text).not.toContain(secret);

      // Another kiosk's application must not reach this receiver.
      const stranger = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
      expect((await submit(p, stranger)).status).toBe(201);

      const app = await submit(p, kiosk);
      expect(app.status).toBe(201);
      const id: string = app.body.id;
      const dinkes = await p.token({ role: 'approver', agency: 'DINKES' });
      const first = await openTaskOf(p, kiosk, id, 'DINKES');
      expect((await p.http('POST', `/v1/tasks/${first.id}/decision`, { token: dinkes, body: { decision: 'request_revision', note: 'STR sudah kedaluwarsa' } })).status).toBe(200);
      expect((await p.http('POST', `/v1/applications/${id}/resubmit`, { token: kiosk, body: { note: 'STR baru terlampir' } })).status).toBe(200);
      const second = await openTaskOf(p, kiosk, id, 'DINKES');
      expect((await p.http('POST', `/v1/tasks/${second.id}/decision`, { token: dinkes, body: { decision: 'approve', note: 'Lengkap' } })).status).toBe(200);
      const issuing = await openTaskOf(p, kiosk, id, 'DPMPTSP');
      const dpmptsp = await p.token({ role: 'approver', agency: 'DPMPTSP', position: 'head' });
      expect((await p.http('POST', `/v1/tasks/${issuing.id}/decision`, { token: dpmptsp, body: { decision: 'approve' } })).status).toBe(200);

      const expected = [
        [null, 'in_review'],
        ['in_review', 'awaiting_applicant'],
        ['awaiting_applicant', 'in_review'],
        ['in_review', 'issued'],
      ];
      await eventually(async () => receiver.accepted().length, (n) => n >= expected.length, 'four accepted deliveries');
      const accepted = receiver.accepted().map((r) => ({ ...r, event: JSON.parse(r.raw) }));
      expect(accepted.map((r) => [r.event.data.previousStatus, r.event.data.status])).toEqual(expected);
      // In order, one delivery per event id, each id naming its application and timeline entry.
      const seqs = accepted.map((r) => r.event.data.sequence);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(new Set(accepted.map((r) => r.event.id)).size).toBe(expected.length);
      for (const r of accepted) {
        expect(r.event.id).toBe(`${id}:${r.event.data.sequence}`);
        expect(r.headers['satupintu-event-id']).toBe(r.event.id);
        expect(r.headers['content-type']).toBe('application/json');
        expect(verify(r.headers, r.raw, secret)).toBe(true);
        expect(verify(r.headers, r.raw, 'not-the-secret')).toBe(false);
        expect(r.event).toMatchObject({ type: 'application.status_changed', data: { applicationId: id, trackingCode: app.body.trackingCode, permitType: 'SIP_DOKTER' } });
        expect(r.raw).not.toContain('3171011505900001');
      }
      // The failed attempts carried the first event; the retry sent the same bytes again.
      const failed = receiver.seen.filter((r) => r.status === 503);
      expect(failed).toHaveLength(2);
      for (const f of failed) expect(f.raw).toBe(accepted[0].raw);
      expect(receiver.seen.every((r) => JSON.parse(r.raw).data.applicationId === id)).toBe(true);

      const deliveries = await p.http('GET', `/v1/webhooks/${hook.body.id}/deliveries`, { token: kiosk });
      expect(deliveries.status).toBe(200);
      const byEvent = new Map(deliveries.body.items.map((d: any) => [d.eventId, d]));
      expect(byEvent.get(accepted[0].event.id)).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 204 });
      expect(deliveries.body.items.every((d: any) => d.state === 'delivered')).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('lets an integrator list, read and delete only its own webhooks; the secret is never shown', async () => {
    const mine = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    const theirs = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    const secret = 's'.repeat(40);
    const created = await p.http('POST', '/v1/webhooks', { token: mine, body: { url: 'https://hooks.example.id/a', secret } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/webhooks/${created.body.id}`);
    const list = await p.http('GET', '/v1/webhooks', { token: mine });
    expect(list.body.items.map((w: any) => w.id)).toEqual([created.body.id]);
    expect(list.text).not.toContain(secret);
    expect((await p.http('GET', '/v1/webhooks', { token: theirs })).body.items).toEqual([]);
    expect((await p.http('GET', `/v1/webhooks/${created.body.id}`, { token: theirs })).status).toBe(404);
    expect((await p.http('DELETE', `/v1/webhooks/${created.body.id}`, { token: theirs })).status).toBe(404);
    expect((await p.http('GET', `/v1/webhooks/${created.body.id}/deliveries`, { token: theirs })).status).toBe(404);
    expect((await p.http('DELETE', `/v1/webhooks/${created.body.id}`, { token: mine })).status).toBe(204);
    expect((await p.http('GET', `/v1/webhooks/${created.body.id}`, { token: mine })).status).toBe(404);
    expect((await p.http('DELETE', `/v1/webhooks/${created.body.id}`, { token: mine })).status).toBe(404);
  });

  it('refuses a URL that is not http(s), or a short secret, with problem+json', async () => {
    const kiosk = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    const ftp = await p.http('POST', '/v1/webhooks', { token: kiosk, body: { url: 'ftp://hooks.example.id/a', secret: 's'.repeat(40) } });
    expect([ftp.status, ftp.body.type]).toEqual([422, 'https://satupintu.jakarta.go.id/problems/webhook-target-refused']);
    const short = await p.http('POST', '/v1/webhooks', { token: kiosk, body: { url: 'https://hooks.example.id/a', secret: 'short' } });
    expect([short.status, short.body.errors[0].field]).toEqual([400, 'secret']);
  });
});
