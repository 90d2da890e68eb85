// Stories of who may act on a kelurahan's tasks, told on a business domicile letter (SKDU v2) filed
// for a shop in Kelurahan Gambir: the office scope is never implied, the lurah's signature takes the
// lurah, and the officers who hold a task read what they must verify, each read in the audit log.
import { randomUUID } from 'node:crypto';
import { startPlatform, Platform } from '../support/platform';
import { eventually } from '../support/time-skipping';
import { submitPlanned } from './fixtures/applications';

const GAMBIR = 'kel-31.71.01.1001';
const NIK = '3171014107880004';
const APPLICANT = { nik: NIK, name: 'Sari Wulandari', email: 'sari.w@example.id', phone: '081311122233' };
const DATA = { businessName: 'Warung Makan Bu Sari', businessType: 'perorangan', employees: 3 };
const DOCUMENTS = [
  { type: 'ktp', url: 'https://files.example.id/sari/ktp.pdf', sha256: 'b'.repeat(64) },
  { type: 'foto_tempat_usaha', url: 'https://files.example.id/sari/warung.jpg', sha256: 'c'.repeat(64) },
];

function skdu() {
  return {
    permitType: 'SKDU',
    applicant: APPLICANT,
    receivingOfficeId: 'outlet-mall-kota-kasablanka',
    location: { kelurahanCode: '31.71.01.1001', address: 'Jl. Ir. H. Juanda No. 5' },
    data: DATA,
    documents: DOCUMENTS,
  };
}

describe('approver rules on a kelurahan file', () => {
  let p: Platform;
  let kiosk: string;
  let officer: string;
  let lurah: string;

  /** A fresh SKDU for Gambir, with its open kelurahan tasks planned; answers the application. */
  const filed = () => submitPlanned(p, kiosk, skdu(), 2, 'the kelurahan checks open');

  beforeAll(async () => {
    p = await startPlatform();
    kiosk = await p.token({ role: 'integrator', sub: `kiosk-${randomUUID()}` });
    officer = await p.token({ role: 'approver', agency: 'KELURAHAN', office: GAMBIR, sub: 'staf-gambir-1' });
    lurah = await p.token({ role: 'approver', agency: 'KELURAHAN', office: GAMBIR, sub: 'lurah-gambir', position: 'head' });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('refuses a kelurahan token without its office on every approver endpoint, instead of listing every kelurahan', async () => {
    const app = await filed();
    const task = app.openTasks[0];
    const unscoped = await p.token({ role: 'approver', agency: 'KELURAHAN', sub: 'staf-tanpa-kantor', position: 'head' });
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/v1/tasks'],
      ['GET', `/v1/tasks/${task.id}`],
      ['POST', `/v1/tasks/${task.id}/decision`, { decision: 'approve', note: 'Sesuai' }],
      ['GET', '/v1/applications'],
      ['GET', `/v1/applications/${app.id}`],
    ];
    for (const [method, path, body] of calls) {
      const r = await p.http(method, path, { token: unscoped, body });
      expect([method, path, r.status, r.body.type]).toEqual([method, path, 403, 'https://satupintu.jakarta.go.id/problems/forbidden']);
      expect(r.body.detail).toMatch(/KELURAHAN must name its office/);
    }
    // Nothing was decided, and no personal data was read.
    const now = await p.http('GET', `/v1/applications/${app.id}`, { token: kiosk });
    expect(now.body.openTasks.map((t: any) => t.id)).toContain(task.id);
    expect(await p.db.query(`SELECT 1 FROM audit_log WHERE application_id = $1 AND type = 'personal_data.read'`, [app.id])).toEqual([]);
    // A sectoral agency's token still needs no office.
    expect((await p.http('GET', '/v1/tasks', { token: await p.token({ role: 'approver', agency: 'DINKES' }) })).status).toBe(200);
  });

  it("refuses an officer on the lurah's signature step, leaving no trace, and accepts the lurah", async () => {
    const app = await filed();
    // The officer checks the documents and visits the site: officer steps.
    for (const task of app.openTasks) {
      expect(task.role).toBe('officer');
      const r = await p.http('POST', `/v1/tasks/${task.id}/decision`, { token: officer, body: { decision: 'approve', note: 'Sesuai' } });
      expect(r.status).toBe(200);
    }
    const signing = await eventually(
      () => p.http('GET', `/v1/applications/${app.id}`, { token: kiosk }),
      (a) => a.body.openTasks.some((t: any) => t.stepId === 'lurah_signature' && t.dueAt),
      "the lurah's signature open",
    );
    const signature = signing.body.openTasks.find((t: any) => t.stepId === 'lurah_signature');
    expect(signature).toMatchObject({ role: 'head', agency: 'KELURAHAN', officeId: GAMBIR });

    const refused = await p.http('POST', `/v1/tasks/${signature.id}/decision`, { token: officer, body: { decision: 'approve', note: 'Atas nama lurah' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: 'https://satupintu.jakarta.go.id/problems/wrong-position', title: "This step is signed by the agency's head" });
    expect(refused.body.detail).toMatch(/signed by a head of KELURAHAN/);
    const after = await p.http('GET', `/v1/applications/${app.id}`, { token: kiosk });
    expect(after.body.revision).toBe(signing.body.revision);
    expect(after.body.openTasks.map((t: any) => t.id)).toEqual([signature.id]);

    const signed = await p.http('POST', `/v1/tasks/${signature.id}/decision`, { token: lurah, body: { decision: 'approve', note: 'Disetujui' } });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('issued');
    expect(signed.body.tasks.find((t: any) => t.id === signature.id)).toMatchObject({ status: 'approved', decidedBy: 'lurah-gambir' });
  });

  it('lets the officer holding the task read the data, documents and applicant, and writes the read to the audit log', async () => {
    const app = await filed();
    const task = app.openTasks.find((t: any) => t.stepId === 'kelurahan_verification');
    const requestId = `req-read-${randomUUID()}`;

    const r = await p.http('GET', `/v1/tasks/${task.id}`, { token: officer, headers: { 'x-request-id': requestId } });

    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: task.id, stepId: 'kelurahan_verification', status: 'open' });
    expect(r.body.application).toEqual({ data: DATA, documents: DOCUMENTS, applicant: APPLICANT, resubmissions: [] });
    const rows = await p.db.query(
      `SELECT type, actor, role, agency, step_id, task_id, request_id, status_before, status_after, note, at FROM audit_log WHERE application_id = $1 AND type = 'personal_data.read'`,
      [app.id],
    );
    expect(rows).toEqual([
      {
        type: 'personal_data.read',
        actor: 'staf-gambir-1',
        role: 'approver',
        agency: 'KELURAHAN',
        step_id: 'kelurahan_verification',
        task_id: task.id,
        request_id: requestId,
        status_before: 'in_review',
        status_after: 'in_review',
        note: `data, documents and applicant identity read to decide task ${task.id}`,
        at: expect.any(Date),
      },
    ]);
    // A second read is a second row: every read is recorded.
    await p.http('GET', `/v1/tasks/${task.id}`, { token: lurah });
    expect(await p.db.query(`SELECT actor FROM audit_log WHERE application_id = $1 AND type = 'personal_data.read' ORDER BY id`, [app.id])).toEqual([
      { actor: 'staf-gambir-1' },
      { actor: 'lurah-gambir' },
    ]);
  });

  it('gives nobody else the personal data: another agency or kelurahan gets 404, an admin and the integrator no task block, the tracking page nothing', async () => {
    const app = await filed();
    const task = app.openTasks[0];
    const reads = async () => (await p.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE application_id = $1 AND type = 'personal_data.read'`, [app.id]))[0].n;

    const dinkes = await p.token({ role: 'approver', agency: 'DINKES', position: 'head' });
    const menteng = await p.token({ role: 'approver', agency: 'KELURAHAN', office: 'kel-31.71.06.1001', position: 'head' });
    for (const other of [dinkes, menteng]) {
      const r = await p.http('GET', `/v1/tasks/${task.id}`, { token: other });
      expect(r.status).toBe(404);
      expect(r.text).not.toContain(NIK);
    }
    const asAdmin = await p.http('GET', `/v1/tasks/${task.id}`, { token: await p.token({ role: 'admin' }) });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.application).toBeUndefined();
    expect((await p.http('GET', `/v1/tasks/${task.id}`, { token: kiosk })).status).toBe(403);
    // The integrator keeps seeing its own applicant block on the application, and approvers never there.
    expect((await p.http('GET', `/v1/applications/${app.id}`, { token: kiosk })).body.applicant).toEqual(APPLICANT);
    const asOfficer = await p.http('GET', `/v1/applications/${app.id}`, { token: officer });
    expect(asOfficer.body.applicant).toBeUndefined();
    expect(asOfficer.text).not.toContain(NIK);
    const page = (await p.http('GET', `/v1/track/${app.trackingCode}`)).text;
    for (const secret of [NIK, APPLICANT.name, APPLICANT.phone, APPLICANT.email, DATA.businessName, DOCUMENTS[0].url]) expect([secret, page.includes(secret)]).toEqual([secret, false]);
    expect(await reads()).toBe(0);

    // Once decided, the task no longer opens the file, even to its holder.
    expect((await p.http('POST', `/v1/tasks/${task.id}/decision`, { token: officer, body: { decision: 'approve', note: 'Sesuai' } })).status).toBe(200);
    await eventually(() => p.http('GET', `/v1/tasks/${task.id}`, { token: officer }), (r) => r.body.status === 'approved', 'the decided task in the read model');
    expect((await p.http('GET', `/v1/tasks/${task.id}`, { token: officer })).body.application).toBeUndefined();
    expect(await reads()).toBe(0);
  });
});
