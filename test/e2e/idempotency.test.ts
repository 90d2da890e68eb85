// Story: a kiosk on a flaky mall network retries every write. Whatever it retries, and however many
// times at once, one application and one workflow come out, and each retry learns what happened.
// The rules are the IETF Idempotency-Key draft's: missing → 400, same key and body → the first answer
// replayed, same key and another body → 422, same key while the first still runs → 409.
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { requestFingerprint } from '../../apps/api/src/idempotency/idempotency.interceptor';
import { startPlatform, Platform } from '../support/platform';
import { count, openTaskOf, projected, sipDokter, submit, temporalClient } from './fixtures/applications';

const PROBLEMS = 'https://satupintu.jakarta.go.id/problems/';

describe('Idempotency-Key on every POST', () => {
  let p: Platform;
  let temporal: Client;
  beforeAll(async () => {
    p = await startPlatform();
    temporal = await temporalClient(p);
  });
  afterAll(async () => {
    await temporal?.connection.close();
    await p?.close();
  });

  const kiosk = async () => {
    const sub = `kiosk-${randomUUID()}`;
    return { sub, token: await p.token({ role: 'integrator', sub }) };
  };

  it('refuses every POST without the header with 400, before doing anything', async () => {
    const { sub, token } = await kiosk();
    const approver = await p.token({ role: 'approver', agency: 'DINKES' });
    const cases = [
      { path: '/v1/applications', token, body: sipDokter() },
      { path: '/v1/applications/01J9Z8Q4M3KX7T2W5R6Y8B0C1D/resubmit', token, body: {} },
      { path: '/v1/applications/01J9Z8Q4M3KX7T2W5R6Y8B0C1D/withdraw', token, body: {} },
      { path: '/v1/tasks/01J9Z8Q4M3KX7T2W5R6Y8B0C1D.dinkes_verification.1/decision', token: approver, body: { decision: 'approve' } },
      { path: '/v1/webhooks', token, body: { url: 'https://hooks.example.id/satupintu', secret: 'x'.repeat(32) } },
    ];
    for (const c of cases) {
      const r = await p.http('POST', c.path, { token: c.token, body: c.body, headers: { 'idempotency-key': '' } });
      expect([c.path, r.status, r.body.type, r.headers.get('content-type')]).toEqual([c.path, 400, `${PROBLEMS}idempotency-key-missing`, expect.stringContaining('application/problem+json')]);
    }
    const tooLong = await p.http('POST', '/v1/applications', { token, body: sipDokter(), headers: { 'idempotency-key': 'k'.repeat(256) } });
    expect([tooLong.status, tooLong.body.type]).toEqual([400, `${PROBLEMS}idempotency-key-missing`]);
    expect(await count(p, `idempotency_key WHERE caller = $1`, [`sub:${sub}`])).toBe(0);
    expect(await count(p, `application WHERE submitted_by = $1`, [sub])).toBe(0);
  });

  it('replays the first answer, status and body, for a retry with the same key and body', async () => {
    const { sub, token } = await kiosk();
    const key = randomUUID();
    const first = await submit(p, token, sipDokter(), key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // The same JSON with its keys in another order is the same request.
    const { permitType, ...rest } = sipDokter();
    const retry = await p.http('POST', '/v1/applications', { token, rawBody: JSON.stringify({ ...rest, permitType }), headers: { 'idempotency-key': key, 'content-type': 'application/json' } });
    expect(retry.status).toBe(201);
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    await projected(p, first.body.id);
    expect(await count(p, `application WHERE submitted_by = $1`, [sub])).toBe(1);
  });

  it('answers 422 when the same key comes back with another body or for another endpoint', async () => {
    const { token } = await kiosk();
    const key = randomUUID();
    expect((await submit(p, token, sipDokter(), key)).status).toBe(201);
    const otherBody = await submit(p, token, sipDokter({ receivingOfficeId: 'kec-31.71.01' }), key);
    expect([otherBody.status, otherBody.body.type]).toEqual([422, `${PROBLEMS}idempotency-key-reused`]);
    const otherPath = await p.http('POST', `/v1/applications/01J9Z8Q4M3KX7T2W5R6Y8B0C1D/withdraw`, { token, body: {}, headers: { 'idempotency-key': key } });
    expect([otherPath.status, otherPath.body.type]).toEqual([422, `${PROBLEMS}idempotency-key-reused`]);
  });

  it('answers 409 while the first request with the key is still in flight, and takes over a key abandoned past its lock', async () => {
    const { sub, token } = await kiosk();
    const key = randomUUID();
    const body = sipDokter();
    const fingerprint = requestFingerprint('POST', '/v1/applications', body);
    // Another replica holds the key: the row exists, with no answer yet.
    await p.db.query(`INSERT INTO idempotency_key (caller, key, request_hash) VALUES ($1, $2, $3)`, [`sub:${sub}`, key, fingerprint]);
    const busy = await submit(p, token, body, key);
    expect([busy.status, busy.body.type]).toEqual([409, `${PROBLEMS}idempotency-key-in-use`]);
    // It says when to come back: no later than the end of the first request's lease.
    const retryAfter = Number(busy.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(p.config.http.idempotency.lockSec);
    expect(await count(p, `application WHERE submitted_by = $1`, [sub])).toBe(0);
    // That replica died mid-request long ago (past the lock): the retry proceeds.
    await p.db.query(`UPDATE idempotency_key SET created_at = now() - interval '10 minutes' WHERE caller = $1 AND key = $2`, [`sub:${sub}`, key]);
    const taken = await submit(p, token, body, key);
    expect(taken.status).toBe(201);
  });

  it('scopes keys by caller: two kiosks using the same key get two applications', async () => {
    const a = await kiosk();
    const b = await kiosk();
    const key = 'order-1';
    const ra = await submit(p, a.token, sipDokter(), key);
    const rb = await submit(p, b.token, sipDokter(), key);
    expect([ra.status, rb.status]).toEqual([201, 201]);
    expect(ra.body.id).not.toBe(rb.body.id);
    expect(rb.headers.get('idempotent-replayed')).toBeNull();
  });

  it('stores no answer for a refused request: the same key may be retried with a corrected body', async () => {
    const { sub, token } = await kiosk();
    const key = randomUUID();
    const wrong = await submit(p, token, sipDokter({ permitType: 'NO_SUCH_PERMIT' }), key);
    expect(wrong.status).toBe(422);
    expect(await count(p, `idempotency_key WHERE caller = $1`, [`sub:${sub}`])).toBe(0);
    const right = await submit(p, token, sipDokter(), key);
    expect(right.status).toBe(201);
  });

  it('replays a decision: the approver retrying after a timeout learns it was applied, instead of a 409', async () => {
    const { token } = await kiosk();
    const app = await submit(p, token);
    const task = await openTaskOf(p, token, app.body.id, 'DINKES');
    const approver = await p.token({ role: 'approver', agency: 'DINKES', sub: `officer-${randomUUID()}` });
    const key = randomUUID();
    const decide = () => p.http('POST', `/v1/tasks/${task.id}/decision`, { token: approver, body: { decision: 'approve', note: 'STR berlaku' }, headers: { 'idempotency-key': key } });
    const first = await decide();
    expect(first.status).toBe(200);
    const again = await decide();
    expect([again.status, again.text, again.headers.get('idempotent-replayed')]).toEqual([200, first.text, 'true']);
    // A new key is a new request: the workflow refuses a second decision on a closed task.
    const fresh = await p.http('POST', `/v1/tasks/${task.id}/decision`, { token: approver, body: { decision: 'approve', note: 'STR berlaku' } });
    expect([fresh.status, fresh.body.type]).toEqual([409, `${PROBLEMS}task-not-open`]);
  });

  it('forgets a key after 24 hours; a submit under it still maps to the same workflow, never a second one', async () => {
    const { sub, token } = await kiosk();
    const key = randomUUID();
    const first = await submit(p, token, sipDokter(), key);
    expect(first.status).toBe(201);
    await projected(p, first.body.id);
    await p.db.query(`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE caller = $1 AND key = $2`, [`sub:${sub}`, key]);
    const later = await submit(p, token, sipDokter(), key);
    expect(later.status).toBe(200);
    expect(later.body.id).toBe(first.body.id);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
  });

  it('turns 20 concurrent submits with one key into one application and one workflow; the others get the same answer or 409', async () => {
    const { sub, token } = await kiosk();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => submit(p, token, sipDokter(), key)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(created.filter((a) => a.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    const ids = new Set(created.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.type).toBe(`${PROBLEMS}idempotency-key-in-use`);
    const [id] = [...ids] as string[];

    const executions = [];
    for await (const wf of temporal.workflow.list({ query: `WorkflowId = 'application-${id}'` })) executions.push(wf);
    expect(executions).toHaveLength(1);
    const description = await temporal.workflow.getHandle(`application-${id}`).describe();
    expect(description.status.name).toBe('RUNNING');
    await projected(p, id);
    expect(await count(p, `application WHERE submitted_by = $1`, [sub])).toBe(1);
    expect(await count(p, `idempotency_key WHERE caller = $1`, [`sub:${sub}`])).toBe(1);
  });

  // The first request's process died after Temporal acted but before the answer was stored: the
  // key's row stays in flight with no answer. Its lease runs out, and the retry is answered from
  // what the first request did, never by doing it twice.
  const abandon = (sub: string, key: string) =>
    p.db.query(
      `UPDATE idempotency_key SET status = NULL, response = NULL, created_at = now() - make_interval(secs => $3) WHERE caller = $1 AND key = $2`,
      [`sub:${sub}`, key, p.config.http.idempotency.lockSec + 1],
    );

  it('answers a submit retried after its first process died with the application that process started', async () => {
    const { sub, token } = await kiosk();
    const key = randomUUID();
    const first = await submit(p, token, sipDokter(), key);
    expect(first.status).toBe(201);
    await abandon(sub, key);
    const retry = await submit(p, token, sipDokter(), key);
    expect([retry.status, retry.body.id]).toEqual([200, first.body.id]);
    const executions = [];
    for await (const wf of temporal.workflow.list({ query: `WorkflowId = 'application-${first.body.id}'` })) executions.push(wf);
    expect(executions).toHaveLength(1);
  });

  it('answers a decision retried after its first process died with the first outcome (the same Temporal Update), not a 409', async () => {
    const { token } = await kiosk();
    const app = await submit(p, token);
    const task = await openTaskOf(p, token, app.body.id, 'DINKES');
    const sub = `officer-${randomUUID()}`;
    const approver = await p.token({ role: 'approver', agency: 'DINKES', sub });
    const key = randomUUID();
    const decide = () => p.http('POST', `/v1/tasks/${task.id}/decision`, { token: approver, body: { decision: 'approve', note: 'STR berlaku' }, headers: { 'idempotency-key': key } });
    const first = await decide();
    expect(first.status).toBe(200);
    await abandon(sub, key);
    const retry = await decide();
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    const decided = (b: { tasks: Array<{ id: string; status: string }> }) => b.tasks.find((t) => t.id === task.id)?.status;
    expect(decided(retry.body)).toBe(decided(first.body));
    const approvals = (retry.body.timeline as Array<{ type: string; taskId?: string }>).filter((e) => e.taskId === task.id && e.type === 'task.approved');
    expect(approvals).toHaveLength(1);
  });

  it('refuses a second decision on a decided task with 409, whether or not its application has finished', async () => {
    const { token } = await kiosk();
    const app = await submit(p, token);
    const task = await openTaskOf(p, token, app.body.id, 'DINKES');
    const approver = await p.token({ role: 'approver', agency: 'DINKES', sub: `officer-${randomUUID()}` });
    const decide = (decision: string) => p.http('POST', `/v1/tasks/${task.id}/decision`, { token: approver, body: { decision, note: 'Tidak lengkap' } });
    const rejected = await decide('reject');
    expect([rejected.status, rejected.body.status]).toEqual([200, 'rejected']);
    const handle = temporal.workflow.getHandle(`application-${app.body.id}`);
    await handle.result().catch(() => undefined);
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    const late = await decide('approve');
    expect([late.status, late.body.type]).toEqual([409, `${PROBLEMS}application-closed`]);
  });
});
