// Story: a citizen at the Tebet Timur kelurahan office is asked for Rp 200.000 "to speed things up".
// She texts a complaint, without any account. The inspectorate is told at once, and the office's
// complaint count shows it in the governor's ranking.
import { randomUUID } from 'node:crypto';
import { reportsSuite } from './support';

const jakartaToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

describe('Complaints', () => {
  const reports = reportsSuite('reports_complaints');

  it('escalates an illegal-fee complaint to the inspectorate at once and counts it for the office', async () => {
    const key = randomUUID();
    const body = {
      channel: 'sms',
      officeId: 'kel-31.74.01.1001',
      category: 'illegal_fee',
      description: 'Petugas meminta Rp 200.000 agar berkas SKDU cepat diproses.',
      contact: { phone: '081234567890' },
    };
    const filed = await reports.api.http('POST', '/v1/complaints', { body, headers: { 'idempotency-key': key } });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'received', channel: 'sms', category: 'illegal_fee', officeId: 'kel-31.74.01.1001', escalatedTo: 'INSPEKTORAT' });
    expect(filed.body.trackingCode).toMatch(/^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(filed.body.escalatedAt).not.toBeNull();
    expect(JSON.stringify(filed.body)).not.toContain('081234567890');

    const [row] = await reports.scratch.db.query(`SELECT id, escalated_to, contact FROM complaint WHERE tracking_code = $1`, [filed.body.trackingCode]);
    expect(row.escalated_to).toBe('INSPEKTORAT');
    expect(row.contact).toEqual({ phone: '081234567890' });
    const notices: Array<{ recipient: string; subject: string; body: string }> = await reports.scratch.db.query(
      `SELECT recipient, subject, body FROM notification WHERE dedup_key = $1`,
      [`complaint:${row.id}:inspektorat`],
    );
    expect(notices).toHaveLength(1);
    expect(notices[0].recipient).toBe('inspektur@inspektorat.jakarta.go.id');
    expect(notices[0].subject).toContain('PTSP Kelurahan Tebet Timur');
    expect(notices[0].body).toContain(filed.body.trackingCode);
    expect(notices[0].body).not.toContain('081234567890');

    // Sent again with the same key (a flaky SMS gateway): the same complaint, nothing new.
    const again = await reports.api.http('POST', '/v1/complaints', { body, headers: { 'idempotency-key': key } });
    expect(again.body.trackingCode).toBe(filed.body.trackingCode);
    const [{ n }] = await reports.scratch.db.query(`SELECT count(*)::int AS n FROM complaint`);
    expect(n).toBe(1);

    // A slower complaint about the kecamatan, by web: not escalated.
    const slow = await reports.api.http('POST', '/v1/complaints', { body: { channel: 'web', officeId: 'kec-31.74.01', category: 'slow_service' } });
    expect(slow.status).toBe(201);
    expect(slow.body.escalatedTo).toBeNull();

    const status = await reports.api.http('GET', `/v1/complaints/${filed.body.trackingCode.toLowerCase()}`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ trackingCode: filed.body.trackingCode, officeName: 'PTSP Kelurahan Tebet Timur', escalatedTo: 'INSPEKTORAT' });

    const admin = await reports.api.token({ role: 'admin' });
    const today = jakartaToday();
    const report = await reports.api.http('GET', `/v1/reports/complaints?from=${today}&to=${today}`, { token: admin });
    expect(report.status).toBe(200);
    expect(report.body.total).toBe(2);
    expect(report.body.offices.map((o: { office: string; complaints: number; illegalFee: number }) => [o.office, o.complaints, o.illegalFee])).toEqual([
      ['kel-31.74.01.1001', 1, 1],
      ['kec-31.74.01', 1, 0],
    ]);
    expect(report.body.kecamatan).toEqual([{ kecamatan: 'kec-31.74.01', name: 'PTSP Kecamatan Tebet', complaints: 2, illegalFee: 1, offices: 2 }]);
  });

  it('links a complaint to an application by its tracking code, and refuses one it does not know', async () => {
    await reports.scratch.db.query(
      `INSERT INTO application (id, tracking_code, permit_type, definition_version, status, submitted_by, receiving_office_id, kelurahan_code,
         submitted_at, applicant, view, revision) VALUES ('APPCOMPLAINT', 'ABCD-EFGH-JKMN', 'SKDU', 1, 'in_review', 'i', 'kel-31.74.01.1001', '31.74.01.1001', now(), '{}', '{}', 1)`,
    );
    const linked = await reports.api.http('POST', '/v1/complaints', { body: { channel: 'app', officeId: 'kel-31.74.01.1001', category: 'wrong_information', trackingCode: 'abcd-efgh-jkmn' } });
    expect(linked.status).toBe(201);
    expect(linked.body.applicationTrackingCode).toBe('ABCD-EFGH-JKMN');
    const unknown = await reports.api.http('POST', '/v1/complaints', { body: { channel: 'app', officeId: 'kel-31.74.01.1001', category: 'other', trackingCode: 'ZZZZ-ZZZZ-ZZZZ' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'trackingCode', message: 'no application has this tracking code' }]);
  });

  it('refuses a complaint without a channel, about an unknown office, or of an unknown category', async () => {
    const noChannel = await reports.api.http('POST', '/v1/complaints', { body: { officeId: 'kel-31.74.01.1001', category: 'illegal_fee' } });
    expect(noChannel.status).toBe(400);
    expect(noChannel.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(noChannel.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'channel' })]));

    const fax = await reports.api.http('POST', '/v1/complaints', { body: { channel: 'fax', officeId: 'kel-31.74.01.1001', category: 'other' } });
    expect(fax.status).toBe(400);

    const nowhere = await reports.api.http('POST', '/v1/complaints', { body: { channel: 'web', officeId: 'kel-99.99.99.9999', category: 'other' } });
    expect(nowhere.status).toBe(422);
    expect(nowhere.body.type).toMatch(/unknown-office$/);

    const category = await reports.api.http('POST', '/v1/complaints', { body: { channel: 'web', officeId: 'kel-31.74.01.1001', category: 'bribery' } });
    expect(category.status).toBe(400);

    const [{ n }] = await reports.scratch.db.query(`SELECT count(*)::int AS n FROM complaint WHERE office_id = 'kel-99.99.99.9999'`);
    expect(n).toBe(0);
    expect((await reports.api.http('GET', '/v1/complaints/ADU-0000-0000')).status).toBe(404);
  });
});
