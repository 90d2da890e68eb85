// Story: a kiosk polls its applications cheaply (ETag, If-None-Match), pages through them with
// filters and sorts, and an agency works its inbox most-urgent first, filtering what is overdue.
import { randomUUID } from 'node:crypto';
import { Platform, platformSuite } from '../support/platform';
import { eventually } from '../support/time-skipping';
import { openTaskOf, projected, sipDokter, submit } from './fixtures/applications';

const skdu = () =>
  sipDokter({ permitType: 'SKDU', receivingOfficeId: 'outlet-mall-kota-kasablanka', data: { businessName: 'Warung Bu Sari', businessType: 'perorangan', employees: 3 } });

describe('reading: ETags, lists and inboxes', () => {
  let p: Platform;
  platformSuite((started) => (p = started));

  it('answers a weak ETag from the view and 304 to If-None-Match until the application changes', async () => {
    const kiosk = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    const app = await submit(p, kiosk);
    const task = await openTaskOf(p, kiosk, app.body.id, 'DINKES');
    await projected(p, app.body.id, (row) => row.revision >= 1);
    const first = await p.http('GET', `/v1/applications/${app.body.id}`, { token: kiosk });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(new RegExp(`^W/"${app.body.id}-r${first.body.revision}-[\\w-]+"$`));
    expect(first.headers.get('cache-control')).toBe('private, no-cache');

    const same = await p.http('GET', `/v1/applications/${app.body.id}`, { token: kiosk, headers: { 'if-none-match': etag } });
    expect([same.status, same.text]).toEqual([304, '']);
    expect((await p.http('GET', `/v1/applications/${app.body.id}`, { token: kiosk, headers: { 'if-none-match': `W/"other", ${etag}` } })).status).toBe(304);
    expect((await p.http('GET', `/v1/applications/${app.body.id}`, { token: kiosk, headers: { 'if-none-match': etag.replace(/^W\//, '') } })).status).toBe(304);
    expect((await p.http('GET', `/v1/applications/${app.body.id}`, { token: kiosk, headers: { 'if-none-match': 'W/"stale"' } })).status).toBe(200);

    const approver = await p.token({ role: 'approver', agency: 'DINKES' });
    expect((await p.http('POST', `/v1/tasks/${task.id}/decision`, { token: approver, body: { decision: 'approve' } })).status).toBe(200);
    const changed = await eventually(
      () => p.http('GET', `/v1/applications/${app.body.id}`, { token: kiosk, headers: { 'if-none-match': etag } }),
      (r) => r.status === 200,
      'a new ETag after the decision',
    );
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.revision).toBeGreaterThan(first.body.revision);

    // Another caller sees another representation (no applicant block): its ETag differs.
    const admin = await p.token({ role: 'admin' });
    const asApprover = await p.http('GET', `/v1/applications/${app.body.id}`, { token: approver });
    const asAdmin = await p.http('GET', `/v1/applications/${app.body.id}`, { token: admin });
    expect(asApprover.headers.get('etag')).not.toBe(asAdmin.headers.get('etag'));
  });

  it('pages through an integrator’s applications with filters and sorts, each item once', async () => {
    const kiosk = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    const ids: string[] = [];
    for (const body of [sipDokter(), skdu(), sipDokter(), skdu(), sipDokter()]) {
      const r = await submit(p, kiosk, body);
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    for (const id of ids) await projected(p, id, (row) => row.revision >= 2);
    const withdrawn = ids[2];
    expect((await p.http('POST', `/v1/applications/${withdrawn}/withdraw`, { token: kiosk, body: {} })).status).toBe(200);
    await projected(p, withdrawn, (row) => row.status === 'withdrawn');

    const walk = async (query: string) => {
      const seen: any[] = [];
      let cursor: string | null = null;
      do {
        const r: any = await p.http('GET', `/v1/applications?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`, { token: kiosk });
        expect(r.status).toBe(200);
        expect(r.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...r.body.items);
        cursor = r.body.nextCursor;
      } while (cursor);
      return seen;
    };
    const newest = await walk('');
    expect(newest.map((a) => a.id)).toEqual([...ids].reverse());
    expect((await walk('sort=submittedAt')).map((a) => a.id)).toEqual(ids);

    const byDue = await walk('sort=dueAt');
    expect(new Set(byDue.map((a) => a.id))).toEqual(new Set(ids));
    const dues = byDue.map((a) => (a.dueAt ? Date.parse(a.dueAt) : Infinity));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    const byDueDesc = await walk('sort=-dueAt');
    expect(byDueDesc.map((a) => a.id)).toEqual(byDue.map((a) => a.id).reverse());

    expect((await walk('permitType=SKDU')).map((a) => a.id)).toEqual([ids[3], ids[1]]);
    expect((await walk('office=outlet-mall-kota-kasablanka')).map((a) => a.id)).toEqual([ids[3], ids[1]]);
    expect((await walk('status=withdrawn')).map((a) => a.id)).toEqual([withdrawn]);
    expect((await walk('status=in_review&permitType=SIP_DOKTER')).map((a) => a.id)).toEqual([ids[4], ids[0]]);
    const middle = newest.find((a) => a.id === ids[2]).submittedAt;
    expect((await walk(`submittedFrom=${encodeURIComponent(middle)}`)).map((a) => a.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect((await walk(`submittedTo=${encodeURIComponent(middle)}`)).map((a) => a.id)).toEqual([ids[1], ids[0]]);
  });

  it('lists an agency’s inbox most urgent first, by status and overdue, and keeps approvers to their agency', async () => {
    const kiosk = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    const dinkes = await p.token({ role: 'approver', agency: 'DINKES' });
    const admin = await p.token({ role: 'admin' });
    const tasks: Array<{ id: string }> = [];
    for (let i = 0; i < 3; i++) {
      const app = await submit(p, kiosk);
      tasks.push(await openTaskOf(p, kiosk, app.body.id, 'DINKES'));
    }
    for (const t of tasks) await eventually(async () => (await p.db.query(`SELECT 1 FROM task WHERE id = $1`, [t.id])).length, (n) => n === 1, `task ${t.id} projected`);
    // The first task's due time has passed (as if days went by): it is overdue.
    await p.db.query(`UPDATE task SET due_at = now() - interval '1 hour' WHERE id = $1`, [tasks[0].id]);
    expect((await p.http('POST', `/v1/tasks/${tasks[2].id}/decision`, { token: dinkes, body: { decision: 'approve' } })).status).toBe(200);
    await eventually(async () => (await p.db.query(`SELECT status FROM task WHERE id = $1`, [tasks[2].id]))[0].status, (s) => s === 'approved', 'the approval projected');

    const inbox = async (token: string, query = '') => {
      const items: any[] = [];
      let cursor: string | null = null;
      do {
        const r: any = await p.http('GET', `/v1/tasks?limit=3${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
        expect(r.status).toBe(200);
        items.push(...r.body.items);
        cursor = r.body.nextCursor;
      } while (cursor);
      return items;
    };
    const open = await inbox(dinkes);
    expect(open.every((t) => t.agency === 'DINKES' && t.status === 'open')).toBe(true);
    expect(open.map((t) => t.id)).toEqual(expect.arrayContaining([tasks[0].id, tasks[1].id]));
    expect(open.map((t) => t.id)).not.toContain(tasks[2].id);
    const dues = open.map((t) => (t.dueAt ? Date.parse(t.dueAt) : Infinity));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    expect(new Set(open.map((t) => t.id)).size).toBe(open.length);

    const overdue = await inbox(dinkes, '&overdue=true');
    expect(overdue.map((t) => t.id)).toContain(tasks[0].id);
    expect(overdue.every((t) => t.overdue)).toBe(true);
    const onTime = await inbox(dinkes, '&overdue=false');
    expect(onTime.map((t) => t.id)).not.toContain(tasks[0].id);
    expect(onTime.map((t) => t.id)).toContain(tasks[1].id);
    expect((await inbox(dinkes, '&status=approved')).map((t) => t.id)).toContain(tasks[2].id);

    const adminDinkes = await inbox(admin, '&agency=DINKES');
    expect(adminDinkes.every((t) => t.agency === 'DINKES')).toBe(true);
    expect(adminDinkes.map((t) => t.id)).toEqual(open.map((t) => t.id));
    const forbidden = await p.http('GET', '/v1/tasks?agency=DPMPTSP', { token: dinkes });
    expect(forbidden.status).toBe(403);
    const one = await p.http('GET', `/v1/tasks/${tasks[0].id}`, { token: dinkes });
    expect(one.body).toMatchObject({ id: tasks[0].id, agency: 'DINKES', status: 'open', overdue: true });

    // Leave no overdue task behind for other suites: closing the applications re-projects their tasks.
    for (const t of tasks.slice(0, 2)) {
      const appId = t.id.split('.')[0];
      expect((await p.http('POST', `/v1/applications/${appId}/withdraw`, { token: kiosk, body: {} })).status).toBe(200);
    }
  });
});
