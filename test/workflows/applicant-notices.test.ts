// Stories of the applicant's notices: every change the applicant must know about reaches them once, by
// SMS through a local gateway that checks signatures (email through a local SMTP server when the SMS does
// not go out, or when no phone was given), never with their NIK in it. Times are WIB in the prose.
import { randomUUID } from 'node:crypto';
import type { PermitInput } from '../../workflows/messages';
import { skduV1 } from '../../libs/permits/skdu.v1';
import { LocalSmtp, startSmtp } from '../support/smtp';
import { LocalSmsGateway, startSmsGateway } from '../support/sms-gateway';
import { eventually, sleepUntil, startTimeSkipping, TimeSkippingHarness } from '../support/time-skipping';
import { applicationInput, decide, fileApplication, outcome, planned, resubmit } from './stories';

const NIK = '3174015505900002';

interface NoticeRow {
  id: string;
  kind: string;
  channel: string;
  state: string;
  attempts: number;
  body: string;
}

describe("the applicant's notices", () => {
  let h: TimeSkippingHarness;
  let smtp: LocalSmtp;
  let gateway: LocalSmsGateway;
  beforeAll(async () => {
    smtp = await startSmtp();
    gateway = await startSmsGateway();
    h = await startTimeSkipping(`applicant-notices-${randomUUID()}`, {
      smtp: { host: '127.0.0.1', port: smtp.port, from: 'noreply@satupintu.jakarta.go.id' },
      smsGateway: { url: gateway.url, keyId: gateway.keyId, secret: gateway.secret, timeoutMs: 300 },
    });
  });
  afterAll(async () => {
    await h?.close();
    await gateway?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    gateway.mode = 'accept';
  });

  /** Every application this suite files: the last story reads all their messages. */
  const filedIds: string[] = [];

  async function file(applicant: Partial<PermitInput['applicant']>) {
    const input = applicationInput(skduV1);
    filedIds.push(input.applicationId);
    input.applicant = { ...input.applicant, ...applicant };
    const handle = await fileApplication(h, skduV1, input);
    const filed = await planned(handle, 'the verification planned');
    return { input, handle, filed };
  }

  const notices = (applicationId: string): Promise<NoticeRow[]> =>
    h.db.query(`SELECT id, kind, channel, state, attempts, body FROM applicant_notice WHERE application_id = $1 ORDER BY event_seq, channel DESC`, [applicationId]);

  /** Waits until the application's notices are all settled (delivered or given up) and there are `count` of them. */
  const settled = (applicationId: string, count: number) =>
    eventually(() => notices(applicationId), (rows) => rows.length === count && rows.every((r) => r.state !== 'pending'), `${count} settled notices`);

  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(`<${address}>`));
  const smsTo = (number: string) => [...gateway.sent.values()].filter((m) => m.to === number);

  it('tells the applicant by SMS that the application was filed, needs a revision (what and by when), and was issued', async () => {
    // Given a domicile letter filed on Sunday 1 August 2027 at 20:00 by an applicant with a phone and an email.
    await sleepUntil(h, '2027-08-01T13:00:00Z');
    const { input, handle, filed } = await file({ phone: '081234567890', email: 'dewi@example.id' });
    // When the kelurahan asks for a clearer photo (the officer pastes the NIK into the note), the
    // applicant answers, and the kelurahan approves.
    const sentBack = await decide(handle, filed.openTasks[0], 'request_revision', `Foto tempat usaha tidak jelas (NIK ${NIK})`);
    expect(sentBack.applicantDueAt).not.toBeNull();
    let current = await resubmit(handle);
    while (current.status === 'in_review') current = await decide(handle, current.openTasks[0], 'approve', 'sesuai');
    expect(current.status).toBe('issued');

    // Then three SMS went out, one per change, signed, each once; no email was needed.
    const rows = await settled(input.applicationId, 3);
    expect(rows.map((r) => [r.kind, r.channel, r.state])).toEqual([
      ['filed', 'sms', 'delivered'],
      ['revision_requested', 'sms', 'delivered'],
      ['issued', 'sms', 'delivered'],
    ]);
    const texts = rows.map((r) => gateway.sent.get(r.id)!);
    expect(texts.map((t) => t.to)).toEqual(['+6281234567890', '+6281234567890', '+6281234567890']);
    expect(gateway.requests.filter((r) => rows.some((n) => n.id === r.key)).every((r) => r.signature === 'ok')).toBe(true);
    expect(texts[0].text).toContain(input.trackingCode);
    expect(texts[0].text).toContain(`https://satupintu.jakarta.go.id/lacak/${input.trackingCode}`);
    // The revision: what to fix and the lapse instant on the Jakarta clock, in Indonesian.
    expect(texts[1].text).toContain('Foto tempat usaha tidak jelas');
    expect(texts[1].text).toContain('perlu perbaikan');
    expect(texts[1].text).toMatch(/Batas \d{1,2} Agustus 2027 \d{2}\.\d{2} WIB/);
    expect(texts[2].text).toContain('telah terbit');
    for (const t of texts) expect(t.text).not.toContain(NIK);
    // Exactly those three reached the gateway for this number: the resubmission is no notice.
    expect(smsTo('+6281234567890')).toHaveLength(3);
    expect(mailsTo('dewi@example.id')).toHaveLength(0);
  });

  it('tells an applicant without a phone, who asked for English, by email that the application was rejected and why', async () => {
    const { input, handle, filed } = await file({ phone: undefined, email: 'rina@example.id', language: 'en' });
    await decide(handle, filed.openTasks[0], 'reject', 'The business address is outside this kelurahan');
    await outcome(h, handle);

    const rows = await settled(input.applicationId, 2);
    expect(rows.map((r) => [r.kind, r.channel, r.state])).toEqual([
      ['filed', 'email', 'delivered'],
      ['rejected', 'email', 'delivered'],
    ]);
    const mails = mailsTo('rina@example.id');
    expect(mails).toHaveLength(2);
    const rejection = mails.find((m) => m.data.includes('rejected'))!;
    expect(rejection.data).toContain('The business address is outside this kelurahan');
    expect(rejection.data).toContain('Dear Dewi Lestari');
    for (const m of mails) expect(m.data).not.toContain(NIK);
  });

  it('falls back to email when the gateway refuses the SMS, and does not retry a refused SMS', async () => {
    gateway.mode = 'refuse';
    const { input } = await file({ phone: '081298765432', email: 'budi@example.id' });
    const rows = await settled(input.applicationId, 2);
    expect(rows.map((r) => [r.kind, r.channel, r.state, r.attempts])).toEqual([
      ['filed', 'sms', 'failed', 1],
      ['filed', 'email', 'delivered', 1],
    ]);
    const mails = mailsTo('budi@example.id');
    expect(mails).toHaveLength(1);
    expect(mails[0].data).toContain(input.trackingCode);
    expect(mails[0].data).not.toContain(NIK);
  });

  it('falls back to email when the gateway does not answer, and still delivers the SMS once it is back', async () => {
    gateway.mode = 'hang';
    const { input } = await file({ phone: '081311112222', email: 'sari@example.id' });
    // The three quick tries time out: the email goes out while the SMS waits for its next try.
    const afterFallback = await eventually(
      () => notices(input.applicationId),
      (rows) => rows.some((r) => r.channel === 'email' && r.state === 'delivered'),
      'the email fallback delivered',
    );
    expect(afterFallback.map((r) => [r.channel, r.state])).toEqual([
      ['sms', 'pending'],
      ['email', 'delivered'],
    ]);
    expect(afterFallback[0].attempts).toBe(3);
    // When the gateway is back, the SMS's next try (a minute later on the test server's clock) delivers it.
    gateway.mode = 'accept';
    await h.env.sleep('5 minutes');
    const rows = await settled(input.applicationId, 2);
    expect(rows.map((r) => [r.channel, r.state])).toEqual([
      ['sms', 'delivered'],
      ['email', 'delivered'],
    ]);
    expect(gateway.sent.get(rows[0].id)?.text).toContain(input.trackingCode);
    expect(mailsTo('sari@example.id')).toHaveLength(1);
  });

  it('falls back to email when the gateway is down (connections refused), and retries the SMS until it is back up', async () => {
    await gateway.stop();
    try {
      const { input } = await file({ phone: '081366667777', email: 'joko@example.id' });
      const afterFallback = await eventually(
        () => notices(input.applicationId),
        (rows) => rows.some((r) => r.channel === 'email' && r.state === 'delivered'),
        'the email fallback delivered',
      );
      // Refused connections fail at once: the three quick tries are spent (the next, slower ones may have begun).
      expect(afterFallback.map((r) => [r.kind, r.channel, r.state])).toEqual([
        ['filed', 'sms', 'pending'],
        ['filed', 'email', 'delivered'],
      ]);
      expect(afterFallback[0].attempts).toBeGreaterThanOrEqual(3);
      expect(afterFallback[1].attempts).toBe(1);
      const lastError: Array<{ last_error: string }> = await h.db.query(`SELECT last_error FROM applicant_notice WHERE id = $1`, [afterFallback[0].id]);
      expect(lastError[0].last_error).toContain('did not answer');
      expect(mailsTo('joko@example.id')).toHaveLength(1);
      expect(mailsTo('joko@example.id')[0].data).toContain(input.trackingCode);
      // While it is down, the retries keep failing and the SMS stays pending, not failed.
      await h.env.sleep('2 minutes');
      expect((await notices(input.applicationId))[0]).toMatchObject({ channel: 'sms', state: 'pending' });
      expect(smsTo('+6281366667777')).toHaveLength(0);

      // When the gateway is back up, the next retry delivers the SMS, once; no second email.
      await gateway.start();
      await h.env.sleep('30 minutes');
      const rows = await settled(input.applicationId, 2);
      expect(rows.map((r) => [r.channel, r.state])).toEqual([
        ['sms', 'delivered'],
        ['email', 'delivered'],
      ]);
      expect(rows[0].attempts).toBeGreaterThan(3);
      expect(smsTo('+6281366667777')).toHaveLength(1);
      expect(mailsTo('joko@example.id')).toHaveLength(1);
    } finally {
      if (!gateway.up()) await gateway.start();
    }
  });

  it('sends an SMS once when the gateway took it but its answer was lost and the activity retried', async () => {
    gateway.mode = 'accept-then-hang-once';
    const { input } = await file({ phone: '081344445555' });
    const rows = await settled(input.applicationId, 1);
    expect(rows.map((r) => [r.channel, r.state, r.attempts])).toEqual([['sms', 'delivered', 2]]);
    // Posted twice under one idempotency key, sent once.
    expect(gateway.requests.filter((r) => r.key === rows[0].id)).toHaveLength(2);
    expect([...gateway.sent.keys()].filter((k) => k === rows[0].id)).toHaveLength(1);
  });

  it('tells the applicant that a letter nobody decided is deemed granted', async () => {
    // Filed on Sunday 8 August 2027 at 20:00: deemed granted on Wednesday 11 August at 16:00.
    await sleepUntil(h, '2027-08-08T13:00:00Z');
    const { input, handle } = await file({ phone: '081355556666' });
    await sleepUntil(h, '2027-08-11T10:00:00Z');
    expect(await outcome(h, handle)).toMatchObject({ status: 'issued', deemedGranted: true });
    const rows = await settled(input.applicationId, 2);
    expect(rows.map((r) => [r.kind, r.state])).toEqual([
      ['filed', 'delivered'],
      ['deemed_granted', 'delivered'],
    ]);
    expect(gateway.sent.get(rows[1].id)?.text).toContain('dianggap dikabulkan');
    expect(smsTo('+6281355556666')).toHaveLength(2);
  });

  it('tells the applicant that an unanswered revision request made the application lapse', async () => {
    await sleepUntil(h, '2027-08-15T13:00:00Z');
    const { input, handle, filed } = await file({ phone: '081377778888' });
    await decide(handle, filed.openTasks[0], 'request_revision', 'Lampirkan surat pengantar RT/RW');
    await sleepUntil(h, '2027-09-15T00:00:00Z');
    expect(await outcome(h, handle)).toMatchObject({ status: 'lapsed' });
    const rows = await settled(input.applicationId, 3);
    expect(rows.map((r) => [r.kind, r.state])).toEqual([
      ['filed', 'delivered'],
      ['revision_requested', 'delivered'],
      ['lapsed', 'delivered'],
    ]);
    expect(gateway.sent.get(rows[2].id)?.text).toContain('gugur');
    expect(smsTo('+6281377778888')).toHaveLength(3);
  });

  it("puts no NIK in any message of these stories: not in an SMS, a mail or an outbox row", async () => {
    // Every application above was filed with the applicant's NIK, and one officer pasted it into a note.
    expect(filedIds.length).toBeGreaterThanOrEqual(8);
    const rows: Array<{ body: string }> = await h.db.query(`SELECT body FROM applicant_notice WHERE application_id = ANY($1)`, [filedIds]);
    expect(rows.length).toBeGreaterThanOrEqual(16);
    const messages = [...rows.map((r) => r.body), ...[...gateway.sent.values()].map((m) => JSON.stringify(m)), ...smtp.received.map((m) => m.data)];
    expect(messages.filter((m) => m.includes(NIK))).toEqual([]);
  });
});
