// Stories of who holds a kelurahan task, told on business domicile letters (SKDU v2) of Kelurahan
// Kemayoran's own office, which no other suite files in: its queues hold this story's tasks only.
// An officer claims a task, a colleague is refused it (claim, release and decision alike, each a clear
// 409 naming the holder), the lurah hands it to the colleague, who decides it. Every refusal is
// problem+json; every write is safe to retry with its Idempotency-Key.
import { randomUUID } from 'node:crypto';
import { startPlatform, Platform } from '../support/platform';
import { eventually } from '../support/time-skipping';
import { projected, submitPlanned } from './fixtures/applications';

const KELURAHAN = '31.71.03.1005';
const OFFICE = `kel-${KELURAHAN}`;
const PROBLEM = 'https://satupintu.jakarta.go.id/problems/';

function skdu() {
  return {
    permitType: 'SKDU',
    applicant: { nik: '3171034107880004', name: 'Rina Kartika' },
    receivingOfficeId: OFFICE,
    location: { kelurahanCode: KELURAHAN, address: 'Jl. Garuda 12' },
    data: { businessName: 'Toko Kelontong Rina', businessType: 'perorangan', employees: 2 },
    documents: [],
  };
}

describe('claiming, releasing and assigning kelurahan tasks', () => {
  let p: Platform;
  let kiosk: string;
  let ani: string;
  let budi: string;
  let lurah: string;

  /** A fresh SKDU with its two kelurahan checks open and planned, in the read model too. */
  const filed = async () => {
    const app = await submitPlanned(p, kiosk, skdu(), 2, 'the kelurahan checks open');
    const step = (id: string) => app.openTasks.find((t: any) => t.stepId === id);
    return { id: app.id as string, verification: step('kelurahan_verification'), visit: step('site_visit') };
  };
  const post = (token: string, path: string, body?: unknown, key?: string) => p.http('POST', path, { token, body, headers: key ? { 'idempotency-key': key } : {} });
  const ids = (r: { body: { items: Array<{ id: string }> } }) => r.body.items.map((t) => t.id);
  const timeline = async (appId: string) => (await p.http('GET', `/v1/applications/${appId}`, { token: kiosk })).body.timeline as Array<{ type: string; actor: string; taskId?: string; assignee?: string }>;
  const expectProblem = (r: { status: number; headers: Headers; body: any }, status: number, type: string) => {
    expect([r.status, r.body.type]).toEqual([status, PROBLEM + type]);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  };

  beforeAll(async () => {
    p = await startPlatform();
    kiosk = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    ani = await p.token({ role: 'approver', agency: 'KELURAHAN', office: OFFICE, sub: 'ani-kemayoran', position: 'officer' });
    budi = await p.token({ role: 'approver', agency: 'KELURAHAN', office: OFFICE, sub: 'budi-kemayoran', position: 'officer' });
    lurah = await p.token({ role: 'approver', agency: 'KELURAHAN', office: OFFICE, sub: 'lurah-kemayoran', position: 'head' });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('keeps a claimed task for its holder: a colleague is refused the claim, the release and the decision, and learns who holds it', async () => {
    const { id, verification } = await filed();

    const claimed = await post(ani, `/v1/tasks/${verification.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.openTasks.find((t: any) => t.id === verification.id)).toMatchObject({ claimedBy: 'ani-kemayoran', claimedAt: expect.any(String) });
    // The read model shows the claim as soon as the claim is answered.
    expect((await p.http('GET', `/v1/tasks/${verification.id}`, { token: budi })).body).toMatchObject({ claimedBy: 'ani-kemayoran', claimedAt: expect.any(String) });

    const claim = await post(budi, `/v1/tasks/${verification.id}/claim`);
    expectProblem(claim, 409, 'task-claimed');
    expect(claim.body.detail).toMatch(/already claimed by ani-kemayoran.*ask them to release it or a head of KELURAHAN to reassign it/);
    const decision = await post(budi, `/v1/tasks/${verification.id}/decision`, { decision: 'approve', note: 'Sesuai' });
    expectProblem(decision, 409, 'task-claimed');
    expect(decision.body.detail).toMatch(/claimed by another officer \(ani-kemayoran/);
    expectProblem(await post(budi, `/v1/tasks/${verification.id}/unclaim`), 409, 'task-claimed');

    // None of the refusals changed the application: one claim in its timeline, and the task still open.
    const events = await timeline(id);
    expect(events.filter((e) => e.type.startsWith('task.') && e.taskId === verification.id).map((e) => [e.type, e.actor])).toEqual([
      ['task.assigned', 'system'],
      ['task.claimed', 'ani-kemayoran'],
    ]);
    // The holder decides.
    const decided = await post(ani, `/v1/tasks/${verification.id}/decision`, { decision: 'approve', note: 'Dokumen lengkap' });
    expect(decided.status).toBe(200);
    expect(decided.body.tasks.find((t: any) => t.id === verification.id)).toMatchObject({ status: 'approved', decidedBy: 'ani-kemayoran', claimedBy: 'ani-kemayoran' });
  });

  it('lets any officer who may decide it decide a task nobody claimed, as before claims existed', async () => {
    const { visit } = await filed();
    const r = await post(budi, `/v1/tasks/${visit.id}/decision`, { decision: 'approve', note: 'Lokasi sesuai' });
    expect(r.status).toBe(200);
  });

  it('releases a claim by its holder, or by the lurah, and refuses a release of a task nobody holds', async () => {
    const { id, verification, visit } = await filed();
    await post(ani, `/v1/tasks/${verification.id}/claim`);
    const released = await post(ani, `/v1/tasks/${verification.id}/unclaim`);
    expect(released.status).toBe(200);
    expect(released.body.openTasks.find((t: any) => t.id === verification.id)).not.toHaveProperty('claimedBy');
    expectProblem(await post(ani, `/v1/tasks/${verification.id}/unclaim`), 409, 'task-not-claimed');

    // Budi claims the site visit; the lurah may release anyone's claim.
    expect((await post(budi, `/v1/tasks/${visit.id}/claim`)).status).toBe(200);
    expect((await post(lurah, `/v1/tasks/${visit.id}/unclaim`)).status).toBe(200);
    const events = (await timeline(id)).filter((e) => e.type === 'task.claimed' || e.type === 'task.unclaimed');
    expect(events.map((e) => [e.type, e.actor, e.assignee])).toEqual([
      ['task.claimed', 'ani-kemayoran', undefined],
      ['task.unclaimed', 'ani-kemayoran', 'ani-kemayoran'],
      ['task.claimed', 'budi-kemayoran', undefined],
      ['task.unclaimed', 'lurah-kemayoran', 'budi-kemayoran'],
    ]);
  });

  it('lets only the lurah assign a task; the officer it is handed to holds it, finds it in "mine" and decides it', async () => {
    const { id, verification } = await filed();
    await post(ani, `/v1/tasks/${verification.id}/claim`);

    const byOfficer = await post(ani, `/v1/tasks/${verification.id}/assign`, { officerId: 'budi-kemayoran' });
    expectProblem(byOfficer, 403, 'wrong-position');
    expect(byOfficer.body.detail).toMatch(/only a head of KELURAHAN/);
    const elsewhere = await p.token({ role: 'approver', agency: 'KELURAHAN', office: 'kel-31.71.03.1004', sub: 'lurah-lain', position: 'head' });
    expectProblem(await post(elsewhere, `/v1/tasks/${verification.id}/assign`, { officerId: 'budi-kemayoran' }), 403, 'wrong-agency');
    expectProblem(await post(lurah, `/v1/tasks/${verification.id}/assign`, {}), 400, 'validation');

    const assigned = await post(lurah, `/v1/tasks/${verification.id}/assign`, { officerId: 'budi-kemayoran' });
    expect(assigned.status).toBe(200);
    expect(assigned.body.openTasks.find((t: any) => t.id === verification.id)).toMatchObject({ claimedBy: 'budi-kemayoran' });
    expect((await timeline(id)).filter((e) => e.type === 'task.reassigned').map((e) => [e.actor, e.assignee])).toEqual([['lurah-kemayoran', 'budi-kemayoran']]);

    expect(ids(await p.http('GET', '/v1/tasks?queue=mine', { token: budi }))).toContain(verification.id);
    expect(ids(await p.http('GET', '/v1/tasks?queue=mine', { token: ani }))).not.toContain(verification.id);
    expectProblem(await post(ani, `/v1/tasks/${verification.id}/decision`, { decision: 'approve' }), 409, 'task-claimed');
    expect((await post(budi, `/v1/tasks/${verification.id}/decision`, { decision: 'approve' })).status).toBe(200);

    // Closed, the task takes no claim, release or assignment.
    expectProblem(await post(ani, `/v1/tasks/${verification.id}/claim`), 409, 'task-not-open');
    expectProblem(await post(budi, `/v1/tasks/${verification.id}/unclaim`), 409, 'task-not-open');
    expectProblem(await post(lurah, `/v1/tasks/${verification.id}/assign`, { officerId: 'ani-kemayoran' }), 409, 'task-not-open');
  });

  it("refuses an officer's claim on the lurah's signature, and claims of another office or agency", async () => {
    const { verification, visit } = await filed();
    for (const t of [verification, visit]) await post(ani, `/v1/tasks/${t.id}/decision`, { decision: 'approve' });
    const signing = await eventually(
      () => p.http('GET', `/v1/tasks?queue=open&step=lurah_signature&limit=200`, { token: lurah }),
      (r) => r.body.items.some((t: any) => t.applicationId === verification.id.split('.')[0]),
      "the lurah's signature in the lurah's queue",
    );
    const signature = signing.body.items.find((t: any) => t.applicationId === verification.id.split('.')[0]);
    expectProblem(await post(ani, `/v1/tasks/${signature.id}/claim`), 403, 'wrong-position');
    const elsewhere = await p.token({ role: 'approver', agency: 'KELURAHAN', office: 'kel-31.71.03.1004', sub: 'staf-lain' });
    expectProblem(await post(elsewhere, `/v1/tasks/${signature.id}/claim`), 403, 'wrong-agency');
    expectProblem(await post(await p.token({ role: 'approver', agency: 'DINKES' }), `/v1/tasks/${signature.id}/claim`), 403, 'wrong-agency');
    expectProblem(await post(ani, `/v1/tasks/${verification.id.split('.')[0]}.no_such_step.1/claim`), 404, 'not-found');
    expectProblem(await post(ani, `/v1/tasks/not-a-task/claim`), 404, 'not-found');
    expect((await post(lurah, `/v1/tasks/${signature.id}/claim`)).status).toBe(200);
  });

  it('answers a retried claim with its first answer, neither losing nor repeating it, also after the first answer was lost', async () => {
    const { id, verification } = await filed();
    const key = randomUUID();
    const first = await post(ani, `/v1/tasks/${verification.id}/claim`, undefined, key);
    const replay = await post(ani, `/v1/tasks/${verification.id}/claim`, undefined, key);
    expect([first.status, replay.status, replay.headers.get('idempotent-replayed')]).toEqual([200, 200, 'true']);
    expect(replay.body).toEqual(first.body);
    // The API lost its record of the request (a crash before it was stored): the same key reaches the
    // same Temporal Update, which answers with its first outcome instead of claiming again.
    await p.db.query(`DELETE FROM idempotency_key WHERE caller = $1 AND key = $2`, ['sub:ani-kemayoran', key]);
    const again = await post(ani, `/v1/tasks/${verification.id}/claim`, undefined, key);
    expect(again.status).toBe(200);
    expect(again.body.revision).toBe(first.body.revision);
    expect((await timeline(id)).filter((e) => e.type === 'task.claimed')).toHaveLength(1);
  });

  it('lists and counts the queues: mine, unclaimed, open, done, with filters and keyset pages', async () => {
    const one = await filed();
    const two = await filed();
    await post(ani, `/v1/tasks/${one.verification.id}/claim`);
    await post(ani, `/v1/tasks/${two.visit.id}/claim`);
    await post(budi, `/v1/tasks/${two.verification.id}/decision`, { decision: 'approve' });
    await projected(p, two.id, (row) => row.revision >= 1);
    const queue = async (token: string, query: string) => {
      const r = await p.http('GET', `/v1/tasks?${query}&limit=200`, { token });
      expect(r.status).toBe(200);
      return ids(r).filter((t) => t.startsWith(one.id) || t.startsWith(two.id));
    };

    expect(new Set(await queue(ani, 'queue=mine'))).toEqual(new Set([one.verification.id, two.visit.id]));
    expect(await queue(budi, 'queue=mine')).toEqual([]);
    expect(await queue(budi, 'queue=unclaimed')).toEqual([one.visit.id]);
    expect(new Set(await queue(budi, 'queue=open'))).toEqual(new Set([one.verification.id, one.visit.id, two.visit.id]));
    expect(await queue(budi, 'queue=done')).toEqual([two.verification.id]);
    expect(await queue(budi, 'queue=open&step=site_visit')).toHaveLength(2);
    expect(await queue(budi, 'queue=open&permitType=PBG')).toEqual([]);
    // One business day's deadline from their assignment: each open check is due within a business day.
    expect(await queue(budi, 'queue=open&due=soon')).toHaveLength(3);
    expect(await queue(budi, 'queue=open&due=later')).toEqual([]);
    expect(await queue(budi, 'queue=open&due=overdue')).toEqual([]);
    const listed = (await p.http('GET', `/v1/tasks?queue=mine`, { token: ani })).body.items.find((t: any) => t.id === one.verification.id);
    expect(listed).toMatchObject({ claimedBy: 'ani-kemayoran', dueWindow: 'soon', escalationLevel: 0, escalationRung: null, businessMinutesLeft: expect.any(Number) });

    // The counts agree with the lists (the office is this suite's alone, so they are exact).
    const all = async (token: string, query: string) => ids(await p.http('GET', `/v1/tasks?${query}&limit=200`, { token })).length;
    const counts = await p.http('GET', '/v1/tasks/counts', { token: budi });
    expect(counts.body).toEqual({ mine: 0, unclaimed: await all(budi, 'queue=unclaimed'), open: await all(budi, 'queue=open'), done: await all(budi, 'queue=done') });
    expect(counts.body.done).toBeGreaterThanOrEqual(1);
    const visits = await p.http('GET', '/v1/tasks/counts?step=site_visit', { token: ani });
    expect(visits.body).toEqual({
      mine: await all(ani, 'queue=mine&step=site_visit'),
      unclaimed: await all(ani, 'queue=unclaimed&step=site_visit'),
      open: await all(ani, 'queue=open&step=site_visit'),
      done: await all(ani, 'queue=done&step=site_visit'),
    });
    expect(visits.body.mine).toBe(1);

    // Keyset pages: most urgent first, each task once.
    const first = await p.http('GET', '/v1/tasks?queue=open&limit=1', { token: budi });
    const second = await p.http('GET', `/v1/tasks?queue=open&limit=1&cursor=${first.body.nextCursor}`, { token: budi });
    expect(ids(second)).toHaveLength(1);
    expect(ids(second)[0]).not.toBe(ids(first)[0]);
  });

  it('answers bad queue parameters with 400 and an office outside the token with 403, as problem+json', async () => {
    for (const query of ['queue=everything', 'queue=mine&status=open', 'due=tomorrow', 'step=Bad-Step', 'permitType=skdu', 'sort=-due']) {
      expectProblem(await p.http('GET', `/v1/tasks?${query}`, { token: ani }), 400, 'validation');
    }
    expectProblem(await p.http('GET', '/v1/tasks/counts?due=tomorrow', { token: ani }), 400, 'validation');
    expectProblem(await p.http('GET', '/v1/tasks?queue=open&office=kel-31.71.03.1004', { token: ani }), 403, 'forbidden');
    expectProblem(await p.http('GET', '/v1/tasks/counts?office=kel-31.71.03.1004', { token: ani }), 403, 'forbidden');
    expectProblem(await p.http('GET', '/v1/tasks/counts?agency=DINKES', { token: ani }), 403, 'forbidden');
  });

  it('gives officers of one office their own identities at the development sign-in, the ids a head assigns to', async () => {
    const minted = await p.http('POST', '/v1/dev/tokens', { body: { role: 'approver', agency: 'KELURAHAN', office: OFFICE, login: 'sari' } });
    expect([minted.status, minted.body.sub]).toEqual([201, 'sari']);
    expectProblem(await p.http('POST', '/v1/dev/tokens', { body: { role: 'approver', agency: 'KELURAHAN', office: OFFICE, login: 'Sari Wulandari' } }), 400, 'validation');
  });
});
