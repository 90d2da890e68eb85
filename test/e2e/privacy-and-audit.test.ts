// Story: an application goes through a revision, a resubmission and two approvals; a citizen tracks
// it by code. Afterwards: the public page showed no personal data and no notes, the audit log holds
// who did what in which role and agency, under which request id, from which status to which, and
// refuses to be changed; and no log line of the API ever held the NIK or the phone number.
import { randomUUID } from 'node:crypto';
import { startPlatform, Platform } from '../support/platform';
import { eventually } from '../support/time-skipping';
import { openTaskOf, projected, sipDokter, submit } from './fixtures/applications';

const NIK = '3174054107850003';
const PHONE = '081377712345';
const APPLICANT = { nik: NIK, name: 'Rahmawati Kusumadewi', email: 'rahmawati.k@example.id', phone: PHONE };
const NOTES = { revision: 'Foto STR buram, mohon unggah ulang', resubmit: 'Sudah diunggah ulang oleh Rahmawati', approve: 'Diperiksa oleh petugas Budi', issue: 'Terbit' };

describe('privacy and audit after a full flow', () => {
  let p: Platform;
  let id: string;
  let trackingCode: string;
  let kioskSub: string;
  const requestIds: Record<string, string> = {};
  const tracked: string[] = [];

  beforeAll(async () => {
    p = await startPlatform();
    kioskSub = `kiosk-${randomUUID()}`;
    const kiosk = await p.token({ role: 'integrator', sub: kioskSub });
    const dinkes = await p.token({ role: 'approver', agency: 'DINKES', sub: 'officer-dinkes-budi' });
    const dpmptsp = await p.token({ role: 'approver', agency: 'DPMPTSP', sub: 'officer-dpmptsp-ani', position: 'head' });
    const app = await submit(p, kiosk, sipDokter({ applicant: APPLICANT }));
    id = app.body.id;
    trackingCode = app.body.trackingCode;
    const track = async () => tracked.push((await p.http('GET', `/v1/track/${trackingCode.toLowerCase()}`)).text);

    const first = await openTaskOf(p, kiosk, id, 'DINKES');
    // The public page reads the read model: wait until it shows the step with its due time.
    await eventually(() => p.http('GET', `/v1/track/${trackingCode}`), (r) => r.body.currentSteps?.[0]?.dueAt, 'the step due time on the public page');
    await track();
    const act = async (name: string, path: string, token: string, body: unknown) => {
      const r = await p.http('POST', path, { token, body, headers: { 'x-request-id': `req-${name}-${randomUUID()}` } });
      expect([name, r.status]).toEqual([name, 200]);
      requestIds[name] = r.headers.get('x-request-id')!;
    };
    await act('revision', `/v1/tasks/${first.id}/decision`, dinkes, { decision: 'request_revision', note: NOTES.revision });
    await track();
    await act('resubmit', `/v1/applications/${id}/resubmit`, kiosk, { note: NOTES.resubmit });
    const second = await openTaskOf(p, kiosk, id, 'DINKES');
    await act('approve', `/v1/tasks/${second.id}/decision`, dinkes, { decision: 'approve', note: NOTES.approve });
    const last = await openTaskOf(p, kiosk, id, 'DPMPTSP');
    await track();
    await act('issue', `/v1/tasks/${last.id}/decision`, dpmptsp, { decision: 'approve', note: NOTES.issue });
    await projected(p, id, (row) => row.status === 'issued');
    await track();
    // A citizen who types the NIK where the code goes, and a kiosk that puts it in a query, get 4xx.
    expect((await p.http('GET', `/v1/track/${NIK}`)).status).toBe(404);
    expect((await p.http('GET', `/v1/applications?nik=${NIK}`, { token: kiosk })).status).toBe(400);
    expect((await submit(p, kiosk, sipDokter({ applicant: { ...APPLICANT, nik: NIK.replace(/^31/, '99') } }))).status).toBe(400);

    // A second kiosk withdraws its own application, through an admin.
    const other = await submit(p, kiosk, sipDokter({ applicant: APPLICANT }));
    await openTaskOf(p, kiosk, other.body.id, 'DINKES');
    const admin = await p.token({ role: 'admin', sub: 'admin-ptsp-1' });
    const w = await p.http('POST', `/v1/applications/${other.body.id}/withdraw`, { token: admin, body: { reason: 'Permintaan pemohon' }, headers: { 'x-request-id': 'req-withdraw-1' } });
    expect(w.status).toBe(200);
    await projected(p, other.body.id, (row) => row.status === 'withdrawn');
    requestIds.withdraw = 'req-withdraw-1';
    requestIds.withdrawnApp = other.body.id;
  });
  afterAll(async () => {
    await p?.close();
  });

  it('never shows the NIK, names, phone, email or notes on the public tracking page, at any stage', () => {
    expect(tracked).toHaveLength(4);
    const forbidden = [NIK, APPLICANT.name, 'Rahmawati', 'Kusumadewi', APPLICANT.email, PHONE, PHONE.slice(1), ...Object.values(NOTES), 'officer-dinkes-budi', 'officer-dpmptsp-ani', kioskSub];
    for (const page of tracked) {
      const body = JSON.parse(page);
      expect(body).toMatchObject({ trackingCode, permitType: 'SIP_DOKTER', officialFee: { amount: 0, currency: 'IDR' }, reportIllegalFee: expect.any(String) });
      for (const f of forbidden) expect([f, page.includes(f)]).toEqual([f, false]);
      for (const e of body.timeline) expect(Object.keys(e).sort()).toEqual(['agency', 'at', 'stepId', 'type']);
    }
    const open = JSON.parse(tracked[0]);
    expect(open.currentSteps).toEqual([expect.objectContaining({ agency: 'DINKES', dueAt: expect.any(String), overdue: false })]);
    expect(JSON.parse(tracked[3]).status).toBe('issued');
  });

  it('lists the notices sent to the applicant on the tracking page (kind, channel, when, delivered), never their text or the number', async () => {
    // The applicant gave a phone: every notice goes by SMS (the development sink takes it: no gateway configured).
    const page = await eventually(
      () => p.http('GET', `/v1/track/${trackingCode}`),
      (r) => r.body.notices?.length === 3 && r.body.notices.every((n: { delivered: boolean }) => n.delivered),
      'the three notices delivered on the public page',
    );
    expect(page.body.notices.map((n: { kind: string; channel: string }) => [n.kind, n.channel])).toEqual([
      ['filed', 'sms'],
      ['revision_requested', 'sms'],
      ['issued', 'sms'],
    ]);
    for (const n of page.body.notices) expect(Object.keys(n).sort()).toEqual(['at', 'channel', 'delivered', 'deliveredAt', 'kind']);
    const bodies: Array<{ body: string }> = await p.db.query(`SELECT body FROM applicant_notice WHERE application_id = $1`, [id]);
    for (const { body } of bodies) {
      expect(page.text).not.toContain(body);
      expect(body).not.toContain(NIK);
    }
    for (const f of [NIK, PHONE, PHONE.slice(1), APPLICANT.email, APPLICANT.name]) expect([f, page.text.includes(f)]).toEqual([f, false]);
  });

  it('records actor, role, agency, request id and status before and after for every decision, resubmission and withdrawal', async () => {
    const rows: Array<Record<string, string | null>> = await p.db.query(
      `SELECT type, actor, role, agency, request_id, status_before, status_after, note FROM audit_log WHERE application_id = $1 ORDER BY id`,
      [id],
    );
    const find = (type: string, requestId: string) => rows.find((r) => r.type === type && r.request_id === requestId);
    expect(find('task.revision_requested', requestIds.revision)).toMatchObject({ actor: 'officer-dinkes-budi', role: 'approver', agency: 'DINKES', status_before: 'in_review', status_after: 'awaiting_applicant', note: NOTES.revision });
    expect(find('resubmitted', requestIds.resubmit)).toMatchObject({ actor: kioskSub, role: 'integrator', status_before: 'awaiting_applicant', status_after: 'in_review' });
    expect(find('task.approved', requestIds.approve)).toMatchObject({ actor: 'officer-dinkes-budi', role: 'approver', agency: 'DINKES', status_before: 'in_review', status_after: 'in_review' });
    expect(find('task.approved', requestIds.issue)).toMatchObject({ actor: 'officer-dpmptsp-ani', role: 'approver', agency: 'DPMPTSP' });
    expect(rows[rows.length - 1]).toMatchObject({ type: 'issued', actor: 'system', status_before: 'in_review', status_after: 'issued' });
    const withdrawal: Array<Record<string, string>> = await p.db.query(`SELECT actor, role, request_id, status_before, status_after FROM audit_log WHERE application_id = $1 AND type = 'withdrawn'`, [requestIds.withdrawnApp]);
    expect(withdrawal).toEqual([{ actor: 'admin-ptsp-1', role: 'admin', request_id: 'req-withdraw-1', status_before: 'in_review', status_after: 'withdrawn' }]);
  });

  it('refuses to change or remove audit rows (append-only trigger)', async () => {
    const before = await p.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE application_id = $1`, [id]);
    await expect(p.db.query(`UPDATE audit_log SET actor = 'someone-else' WHERE application_id = $1`, [id])).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(p.db.query(`DELETE FROM audit_log WHERE application_id = $1`, [id])).rejects.toThrow(/append-only \(DELETE refused\)/);
    await expect(p.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    expect(await p.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE application_id = $1`, [id])).toEqual(before);
    expect(await p.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE application_id = $1 AND actor = 'someone-else'`, [id])).toEqual([{ n: 0 }]);
  });

  it('wrote no NIK and no phone number in any API log line, and a request id on every line logged while serving a request', () => {
    const lines = p.logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(20);
    const all = p.logLines.join('\n');
    expect(all).not.toContain(NIK);
    expect(all).not.toContain(PHONE);
    expect(all).not.toContain(PHONE.slice(1));
    // The NIK typed into the tracking path was logged, masked.
    expect(all).toContain(`/v1/track/${NIK.slice(0, 6)}******${NIK.slice(-4)}`);
    const served = lines.filter((l) => l.msg === 'request' || l.ctx === 'ProblemFilter');
    expect(served.length).toBeGreaterThan(10);
    expect(served.filter((l) => typeof l.requestId !== 'string')).toEqual([]);
    expect(lines.find((l) => l.requestId === requestIds.revision)).toBeDefined();
  });
});
