// Story: a citizen complains that the Tebet Timur kelurahan office sits on her file. The complaint goes to
// the camat's office (kecamatan Tebet), which lets it run late: the ladder tells the complaint desk, then
// the head, then the mayor's office. The office answers late; she is not satisfied and reopens it with her
// PIN; the office answers again in time and closes it. Meanwhile another citizen reports a request for
// money (the inspectorate's mail server is down for a while: the notice is retried until it goes out, and
// nobody answers that complaint), and a third complains about the kecamatan office itself, answered at
// once. The camat's scorecard shows all of it, office by office.
//
// Real parts: the time-skipping Temporal server with the real worker, the API, a scratch PostgreSQL
// database (migrated, seeded), a local SMTP server that comes up late. Deadlines are checked against the
// business calendar, so the story holds on any day it runs.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createPermitWorker } from '../../apps/worker/src/worker.factory';
import { BusinessCalendar } from '../../libs/calendar';
import { MINUTES_PER_BUSINESS_DAY } from '../../libs/domain/time';
import { complaintWorkflowId } from '../../workflows/complaints/complaint-messages';
import { ReportsApi, ScratchDatabase, scratchDatabase, startApi } from '../reports/support';
import { closedPort, LocalSmtp, startSmtp } from '../support/smtp';
import { eventually, quietRuntime, workflowBundle } from '../support/time-skipping';

const DAY = MINUTES_PER_BUSINESS_DAY;
const KELURAHAN = 'kel-31.74.01.1001';
const KECAMATAN = 'kec-31.74.01';
const calendar = new BusinessCalendar();
const after = (iso: string, minutes: number) => calendar.addBusinessMinutes(new Date(iso), minutes).toISOString();
const jakartaMonth = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 7);

/** Set RECORD_COMPLAINT_HISTORIES=1 to write the histories the replay suite keeps (test/replay/complaint-histories). */
const RECORD = process.env.RECORD_COMPLAINT_HISTORIES === '1';

describe('a complaint, from filing to closing, and the camat scorecard', () => {
  let scratch: ScratchDatabase;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let api: ReportsApi;
  let smtp: LocalSmtp | undefined;
  let smtpPort: number;

  beforeAll(async () => {
    quietRuntime();
    scratch = await scratchDatabase('complaint_story');
    const server = process.env.TEMPORAL_TEST_SERVER_PATH;
    env = await TestWorkflowEnvironment.createTimeSkipping(server ? { server: { executable: { type: 'existing-path', path: server } } } : {});
    const taskQueue = `complaints-${randomUUID()}`;
    smtpPort = await closedPort();
    worker = await createPermitWorker({
      connection: env.nativeConnection,
      db: scratch.db,
      config: { temporal: { address: '', namespace: env.namespace ?? 'default', taskQueue }, smtp: { host: '127.0.0.1', port: smtpPort, from: 'satupintu@jakarta.go.id' } },
      workflowBundle: await workflowBundle(),
    });
    running = worker.run();
    api = await startApi(scratch.url, { TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue });
  });
  afterAll(async () => {
    await api?.close();
    worker?.shutdown();
    await running;
    await env?.teardown();
    await smtp?.close();
    await scratch?.drop();
  });

  const get = async (code: string) => (await api.http('GET', `/v1/complaints/${code}`)).body;
  const until = (code: string, accept: (c: any) => boolean, what: string) => eventually(() => get(code), accept, `${code}: ${what}`);
  const outbox = (complaintId: string): Promise<Array<{ dedup_key: string; recipient: string; sent_at: Date | null }>> =>
    scratch.db.query(`SELECT dedup_key, recipient, sent_at FROM notification WHERE dedup_key LIKE $1 ORDER BY created_at, dedup_key`, [`complaint:${complaintId}:%`]);
  const idOf = async (code: string): Promise<string> => ((await scratch.db.query(`SELECT id FROM complaint WHERE tracking_code = $1`, [code])) as Array<{ id: string }>)[0].id;
  const sleepUntil = async (iso: string) => {
    const now = await env.currentTimeMs();
    if (Date.parse(iso) > now) await env.sleep(Date.parse(iso) - now);
  };
  const record = async (code: string, file: string) => {
    if (!RECORD) return;
    const history = await env.client.workflow.getHandle(complaintWorkflowId(await idOf(code))).fetchHistory();
    fs.writeFileSync(path.join(__dirname, '..', 'replay', 'complaint-histories', file), historyToJSON(history));
  };

  it('assigns, escalates when late, takes the answer, a reopening, the second answer and the close; the scorecard counts it', async () => {
    const camat = await api.token({ role: 'approver', sub: 'seksi-pelayanan-tebet', agency: 'KECAMATAN', office: KECAMATAN });
    const lurah = await api.token({ role: 'approver', sub: 'lurah-tebet-timur', agency: 'KELURAHAN', office: KELURAHAN });
    const noOffice = await api.token({ role: 'approver', sub: 'dinas-officer', agency: 'DPMPTSP' });
    const admin = await api.token({ role: 'admin', sub: 'governor-office' });

    // Given three complaints filed the same day: a slow file (A), a request for money (B), rude staff at the kecamatan (C).
    const filedA = await api.http('POST', '/v1/complaints', {
      body: { channel: 'web', officeId: KELURAHAN, category: 'slow_service', description: 'Berkas SKDU saya tidak diproses dua minggu.', contact: { phone: '081234567890' } },
    });
    expect(filedA.status).toBe(201);
    expect(filedA.body).toMatchObject({ status: 'received', officeId: KELURAHAN, escalatedTo: null });
    expect(filedA.body.followUpPin).toMatch(/^[0-9A-Z]{8}$/);
    const a = filedA.body.trackingCode as string;
    const pin = filedA.body.followUpPin as string;
    const filedB = await api.http('POST', '/v1/complaints', { body: { channel: 'sms', officeId: KELURAHAN, category: 'illegal_fee', description: 'Diminta Rp 200.000.' } });
    const b = filedB.body.trackingCode as string;
    const filedC = await api.http('POST', '/v1/complaints', { body: { channel: 'app', officeId: KECAMATAN, category: 'rude_staff' } });
    const c = filedC.body.trackingCode as string;
    // And a fourth (D), about wrong information at the kecamatan, answered at once and never closed by the office.
    const d = (await api.http('POST', '/v1/complaints', { body: { channel: 'email', officeId: KECAMATAN, category: 'wrong_information' } })).body.trackingCode as string;

    // Then each is assigned to the camat's office (no application named), due in five business days.
    const assignedA = await until(a, (x) => x.status === 'assigned' && x.dueAt !== null, 'assigned');
    expect(assignedA).toMatchObject({ responsibleOfficeId: KECAMATAN, responsibleOfficeName: 'PTSP Kecamatan Tebet', overdue: false, answer: null });
    expect(assignedA.dueAt).toBe(after(filedA.body.createdAt, 5 * DAY));
    expect(assignedA.timeline.map((e: { type: string }) => e.type)).toEqual(['received', 'assigned']);
    expect(JSON.stringify(assignedA)).not.toMatch(/081234567890|Berkas SKDU|followUpPin/);
    await until(b, (x) => x.status === 'assigned', 'assigned');
    await until(c, (x) => x.status === 'assigned', 'assigned');
    await until(d, (x) => x.status === 'assigned', 'assigned');

    // The camat's inbox lists the three, with what each is about; the lurah's lists none; a token without office is refused.
    const inbox = await api.http('GET', '/v1/complaints/inbox', { token: camat });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i: { trackingCode: string }) => i.trackingCode).sort()).toEqual([a, b, c, d].sort());
    expect(inbox.body.items.find((i: { trackingCode: string }) => i.trackingCode === a).description).toBe('Berkas SKDU saya tidak diproses dua minggu.');
    expect(JSON.stringify(inbox.body)).not.toContain('081234567890');
    expect((await api.http('GET', '/v1/complaints/inbox', { token: lurah })).body.items).toEqual([]);
    expect((await api.http('GET', `/v1/complaints/inbox?office=${KECAMATAN}`, { token: lurah })).status).toBe(403);
    expect((await api.http('GET', '/v1/complaints/inbox', { token: noOffice })).status).toBe(403);

    // When the camat's office answers C at once, it is answered on time.
    const answeredC = await api.http('POST', `/v1/complaints/${c}/answer`, { token: camat, body: { text: 'Petugas telah ditegur dan meminta maaf.' } });
    expect(answeredC.status).toBe(200);
    expect(answeredC.body).toMatchObject({ status: 'answered', answer: 'Petugas telah ditegur dan meminta maaf.', dueAt: null });
    expect(answeredC.body.timeline.at(-1)).toMatchObject({ type: 'answered', note: 'on time' });
    expect((await api.http('POST', `/v1/complaints/${c}/close`, { token: camat, body: { note: 'Selesai' } })).body.status).toBe('closed');
    expect((await api.http('POST', `/v1/complaints/${d}/answer`, { token: camat, body: { text: 'Informasi yang benar: syarat SKDU ada di /layanan/SKDU.' } })).body.status).toBe('answered');

    // Nobody answers A or B: three business days in, the complaint desk is reminded; at five, the head is
    // told and the complaints are overdue; three more, the mayor's office (the camat's supervisor).
    await sleepUntil(after(filedA.body.createdAt, 8 * DAY + 30));
    const lateA = await until(a, (x) => x.timeline.filter((e: { type: string }) => e.type === 'escalated').length === 3, 'three rungs');
    expect(lateA.overdue).toBe(true);
    expect(lateA.timeline.filter((e: { type: string }) => e.type === 'escalated').map((e: { at: string; note: string }) => [e.at, e.note])).toEqual([
      [after(filedA.body.createdAt, 3 * DAY), 'reminder: office'],
      [after(filedA.body.createdAt, 5 * DAY), 'overdue: office_head'],
      [after(filedA.body.createdAt, 8 * DAY), 'supervisor: supervisor'],
    ]);
    const [{ parent_id: mayor }] = await scratch.db.query(`SELECT parent_id FROM office WHERE id = $1`, [KECAMATAN]);
    expect((await outbox(await idOf(a))).map((n) => n.recipient)).toEqual([
      `pengaduan@${KECAMATAN}.ptsp.jakarta.go.id`,
      `kepala@${KECAMATAN}.ptsp.jakarta.go.id`,
      `kepala@${mayor}.ptsp.jakarta.go.id`,
    ]);
    const overdueInbox = await api.http('GET', '/v1/complaints/inbox?overdue=true', { token: camat });
    expect(overdueInbox.body.items.map((i: { trackingCode: string }) => i.trackingCode).sort()).toEqual([a, b].sort());

    // B's inspectorate notice has waited for the mail server all along; it comes back and the notice goes out, once.
    const idB = await idOf(b);
    expect((await outbox(idB)).find((n) => n.dedup_key.endsWith(':inspektorat'))?.sent_at).toBeNull();
    smtp = await startSmtp(smtpPort);
    await env.sleep('15 minutes');
    const notifiedB = await until(b, (x) => x.timeline.some((e: { type: string }) => e.type === 'inspectorate_notified'), 'inspectorate notified');
    expect(notifiedB.timeline.find((e: { type: string }) => e.type === 'inspectorate_notified').note).toBe('notice delivered');
    expect(smtp.received.filter((m) => m.to.includes('<inspektur@inspektorat.jakarta.go.id>'))).toHaveLength(1);

    // The lurah may not answer the camat's complaint; the camat's office answers, late.
    const wrong = await api.http('POST', `/v1/complaints/${a}/answer`, { token: lurah, body: { text: 'Sudah diproses.' } });
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(wrong.body.type).toMatch(/wrong-office$/);
    expect((await api.http('POST', `/v1/complaints/${a}/close`, { token: camat })).body.type).toMatch(/complaint-not-answered$/);
    const answeredA = await api.http('POST', `/v1/complaints/${a}/answer`, { token: camat, body: { text: 'Berkas Anda sudah kami proses hari ini.' } });
    expect(answeredA.status).toBe(200);
    expect(answeredA.body).toMatchObject({ status: 'answered', answer: 'Berkas Anda sudah kami proses hari ini.', overdue: true });
    expect(answeredA.body.timeline.at(-1)).toMatchObject({ type: 'answered', note: 'late' });
    expect(answeredA.body.reopenUntil).toBe(after(answeredA.body.answeredAt, 10 * DAY));
    const twice = await api.http('POST', `/v1/complaints/${a}/answer`, { token: camat, body: { text: 'Sekali lagi.' } });
    expect([twice.status, twice.body.type]).toEqual([409, expect.stringMatching(/complaint-answered$/)]);

    // She is not satisfied: a wrong PIN is refused, hers reopens it, once; the office has five business days again.
    const guessed = await api.http('POST', `/v1/complaints/${a}/reopen`, { body: { pin: pin === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA', reason: 'Belum selesai.' } });
    expect([guessed.status, guessed.body.type]).toEqual([403, expect.stringMatching(/wrong-pin$/)]);
    const reopened = await api.http('POST', `/v1/complaints/${a.toLowerCase()}/reopen`, { body: { pin: pin.toLowerCase(), reason: 'Berkas saya belum juga ada kabar.' } });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'reopened', reopened: true, reopenUntil: null, overdue: false });
    const reopenedAt = reopened.body.timeline.at(-1);
    expect(reopenedAt).toMatchObject({ type: 'reopened', note: null });
    expect(reopened.body.dueAt).toBe(after(reopenedAt.at, 5 * DAY));
    const again = await api.http('POST', `/v1/complaints/${a}/reopen`, { body: { pin, reason: 'Lagi.' } });
    expect([again.status, again.body.type]).toEqual([409, expect.stringMatching(/complaint-reopen-refused$/)]);

    // The office answers again within the day and closes it; nothing more can change.
    await env.sleep('2 hours');
    const second = await api.http('POST', `/v1/complaints/${a}/answer`, { token: camat, body: { text: 'Izin Anda terbit; silakan cek kode lacak.' } });
    expect(second.body).toMatchObject({ status: 'answered', answer: 'Izin Anda terbit; silakan cek kode lacak.' });
    expect(second.body.timeline.at(-1)).toMatchObject({ type: 'answered', note: 'on time' });
    const closed = await api.http('POST', `/v1/complaints/${a}/close`, { token: admin, body: {} });
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect(closed.body.closedAt).not.toBeNull();
    const late = await api.http('POST', `/v1/complaints/${a}/answer`, { token: camat, body: { text: 'Tambahan.' } });
    expect([late.status, late.body.type]).toEqual([409, expect.stringMatching(/complaint-closed$/)]);
    expect(late.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    // The read model holds each step once, in order, whatever the retries.
    const idA = await idOf(a);
    const events: Array<{ seq: number; type: string }> = await scratch.db.query(`SELECT seq, type FROM complaint_event WHERE complaint_id = $1 ORDER BY seq`, [idA]);
    expect(events.map((e) => e.type)).toEqual(['received', 'assigned', 'escalated', 'escalated', 'escalated', 'answered', 'reopened', 'answered', 'closed']);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // Permit steps of the month at the kelurahan: three decided, one of them late.
    await scratch.db.query(
      `INSERT INTO application (id, tracking_code, permit_type, definition_version, status, submitted_by, receiving_office_id, kelurahan_code, submitted_at, applicant, view, revision)
       VALUES ('APPSCORECARD', 'SCOR-ECAR-D001', 'SKDU', 1, 'issued', 'i', $1, '31.74.01.1001', now(), '{}', '{}', 1)`,
      [KELURAHAN],
    );
    for (const [n, breached] of [[1, false], [2, false], [3, true]] as const) {
      await scratch.db.query(
        `INSERT INTO task (id, application_id, step_id, step_name, attempt, agency, office_id, role, status, assigned_at, decided_at, deadline_minutes, revision, breached)
         VALUES ($1, 'APPSCORECARD', 'verification', 'Verifikasi', $2, 'KELURAHAN', $3, 'officer', 'approved', now(), now(), 450, 1, $4)`,
        [`APPSCORECARD.verification.${n}`, n, KELURAHAN, breached],
      );
    }

    // Then the camat's scorecard for the month, side by side.
    const month = jakartaMonth(filedA.body.createdAt);
    const card = await api.http('GET', `/v1/reports/kecamatan-scorecard?month=${month}&kecamatan=${KECAMATAN}`, { token: camat });
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ month, kecamatan: KECAMATAN, name: 'PTSP Kecamatan Tebet' });
    const figures = (o: any) => [o.complaintsReceived, o.answeredOnTime, o.openOverdue, o.illegalFeeReports, o.stepsDecided, o.stepsOnTime, o.stepsOnTimeRate];
    expect(card.body.offices[0].office).toBe(KECAMATAN);
    const rows = Object.fromEntries(card.body.offices.map((o: any) => [o.office, figures(o)]));
    expect(rows[KECAMATAN]).toEqual([2, 2, 0, 0, 0, 0, null]);
    expect(rows[KELURAHAN]).toEqual([2, 0, 1, 1, 3, 2, 0.667]);
    expect(figures(card.body.total)).toEqual([4, 2, 1, 1, 3, 2, 0.667]);
    expect(card.body.total.answeredOnTimeRate).toBe(0.5);
    expect(card.body.offices.filter((o: any) => o.office !== KECAMATAN && o.office !== KELURAHAN).every((o: any) => o.complaintsReceived === 0)).toBe(true);
    // A lurah of the kecamatan reads it too; an approver elsewhere does not.
    expect((await api.http('GET', `/v1/reports/kecamatan-scorecard?month=${month}&kecamatan=${KECAMATAN}`, { token: lurah })).status).toBe(200);
    const elsewhere = await api.token({ role: 'approver', sub: 'x', agency: 'KECAMATAN', office: 'kec-31.71.01' });
    expect((await api.http('GET', `/v1/reports/kecamatan-scorecard?month=${month}&kecamatan=${KECAMATAN}`, { token: elsewhere })).status).toBe(403);

    // Ten business days after the answers the workflows end; C's, A's and D's are complete, B's still climbs.
    // D, answered and never closed by the office, closes itself when the citizen's reopen window ends.
    await env.sleep(`${15} days`);
    const selfClosed = await until(d, (x) => x.status === 'closed', 'closed by the workflow');
    expect(selfClosed.timeline.at(-1)).toMatchObject({ type: 'closed', note: 'the reopen window ended' });
    expect(selfClosed.closedAt).toBe(after(selfClosed.answeredAt, 10 * DAY));
    for (const code of [a, c, d]) {
      expect((await env.client.workflow.getHandle(complaintWorkflowId(await idOf(code))).describe()).status.name).toBe('COMPLETED');
    }
    const ended = await api.http('POST', `/v1/complaints/${c}/reopen`, { body: { pin: filedC.body.followUpPin, reason: 'Masih kasar.' } });
    expect([ended.status, ended.body.type]).toEqual([409, expect.stringMatching(/complaint-closed$/)]);
    const unanswered = await api.http('POST', `/v1/complaints/${b}/reopen`, { body: { pin: filedB.body.followUpPin, reason: 'Tidak ada jawaban.' } });
    expect([unanswered.status, unanswered.body.type]).toEqual([409, expect.stringMatching(/complaint-not-answered$/)]);
    await record(a, 'complaint.overdue-answered-reopened-closed.json');
    await record(b, 'complaint.illegal-fee-unanswered.json');
    await record(c, 'complaint.answered-closed.json');
    await record(d, 'complaint.answered-window-ended.json');
  });
});
