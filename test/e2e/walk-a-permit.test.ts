// Story: an integrator at a mall outlet files a business domicile letter (SKDU) for a shop in Gambir.
// The kelurahan of the shop's location, not the outlet, gets the task. Each agency's approver signs
// through HTTP; the application is issued with a full timeline, and the read model holds one row per step.
import { Platform, platformSuite } from '../support/platform';
import { eventually } from '../support/time-skipping';

describe('walking one permit through the HTTP API', () => {
  let p: Platform;
  platformSuite((started) => (p = started));

  it('submits at an outlet, routes to the kelurahan of the location, and issues after every agency approves', async () => {
    const integrator = await p.token({ role: 'integrator', sub: 'kiosk-mall-1' });
    const type = await p.http('GET', '/v1/permit-types/SKDU', { token: integrator });
    expect(type.status).toBe(200);
    expect(type.body).toMatchObject({ code: 'SKDU', fee: { currency: 'IDR' } });
    expect(type.body.dataSchema.examples.length).toBeGreaterThan(0);

    const submitted = await p.http('POST', '/v1/applications', {
      token: integrator,
      body: {
        permitType: 'SKDU',
        applicant: { nik: '3171011505900001', name: 'Siti Rahayu', email: 'siti@example.id', phone: '081234567890' },
        receivingOfficeId: 'outlet-mall-kota-kasablanka',
        location: { kelurahanCode: '31.71.01.1001', address: 'Jl. Ir. H. Juanda No. 5' },
        data: type.body.dataSchema.examples[0],
        documents: [{ type: 'ktp', url: 'https://files.example.id/ktp.pdf', sha256: 'a'.repeat(64) }],
      },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.headers.get('location')).toBe(`/v1/applications/${submitted.body.id}`);
    const id: string = submitted.body.id;
    expect(submitted.body.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const decided: string[] = [];
    for (let round = 0; round < 10; round++) {
      const app = await eventually(
        () => p.http('GET', `/v1/applications/${id}`, { token: integrator }),
        (r) => r.status === 200 && (r.body.status === 'issued' || (r.body.openTasks.length > 0 && r.body.openTasks.every((t: any) => t.dueAt))),
        'an open task with a due time, or the issue',
      );
      if (app.body.status === 'issued') break;
      for (const task of app.body.openTasks) {
        // Territorial steps go to the office of the location (Gambir), whichever office received the file.
        if (task.agency === 'KELURAHAN') expect(task.officeId).toBe('kel-31.71.01.1001');
        const approver = await p.token({ role: 'approver', agency: task.agency, office: task.officeId, sub: `officer-${task.stepId}`, position: task.role });
        const inbox = await p.http('GET', '/v1/tasks', { token: approver });
        expect(inbox.body.items.map((t: any) => t.id)).toContain(task.id);
        const answer = await p.http('POST', `/v1/tasks/${task.id}/decision`, { token: approver, body: { decision: 'approve', note: 'Sesuai' } });
        expect(answer.status).toBe(200);
        expect(answer.body.tasks.find((t: any) => t.id === task.id).status).toBe('approved');
        decided.push(task.stepId);
      }
    }

    const final = await p.http('GET', `/v1/applications/${id}`, { token: integrator });
    expect(final.body.status).toBe('issued');
    expect(decided.length).toBeGreaterThan(0);
    const types = final.body.timeline.map((e: any) => e.type);
    expect(types[0]).toBe('submitted');
    expect(types[types.length - 1]).toBe('issued');
    expect(types.filter((t: string) => t === 'task.approved')).toHaveLength(decided.length);

    const tasks: Array<{ n: number }> = await p.db.query(`SELECT count(*)::int AS n FROM task WHERE application_id = $1`, [id]);
    expect(tasks[0].n).toBe(decided.length);
    const audit: Array<{ n: number }> = await p.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE application_id = $1`, [id]);
    expect(audit[0].n).toBe(final.body.timeline.length);

    const track = await p.http('GET', `/v1/track/${final.body.trackingCode}`);
    expect(track.status).toBe(200);
    expect(track.body.status).toBe('issued');
    expect(track.text).not.toContain('3171011505900001');
    expect(track.text).not.toContain('Siti');
  });

  it('answers 401 without a token, and problem+json for bad input, writing nothing', async () => {
    const integrator = await p.token({ role: 'integrator', sub: 'kiosk-bad-input' });
    expect((await p.http('GET', '/v1/applications')).status).toBe(401);
    // A well-formed filing but for the one field each case gets wrong.
    const filing = (permitType: string, receivingOfficeId: string) => ({
      permitType,
      applicant: { nik: '3171011505900001', name: 'X' },
      receivingOfficeId,
      location: { kelurahanCode: '31.71.01.1001', address: 'x' },
      data: {},
      documents: [],
    });
    const cases = [
      { rawBody: '{"permitType": "SKDU",', expect: 400 },
      { body: { permitType: 'SKDU' }, expect: 400 },
      { body: filing('NOPE', 'kel-31.71.01.1001'), expect: 422 },
      { body: filing('SKDU', 'no-such-office'), expect: 422 },
    ];
    for (const c of cases) {
      const r = await p.http('POST', '/v1/applications', { token: integrator, body: c.body, rawBody: c.rawBody, headers: { 'content-type': 'application/json' } });
      expect([r.status, r.headers.get('content-type')]).toEqual([c.expect, expect.stringContaining('application/problem+json')]);
      expect(r.body.detail).toEqual(expect.any(String));
    }
    const approver = await p.token({ role: 'approver', agency: 'DINKES' });
    const wrongRole = await p.http('POST', '/v1/applications', { token: approver, body: {} });
    expect(wrongRole.status).toBe(403);
    const rows: Array<{ n: number }> = await p.db.query(`SELECT count(*)::int AS n FROM application WHERE submitted_by = 'kiosk-bad-input'`);
    expect(rows[0].n).toBe(0);
  });
});
