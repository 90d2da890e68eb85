// Story (April 2019, a month no other suite writes): the building office (DCKTRP) missed four deadlines, one of its steps still open
// and on the governor's list; the kecamatan missed two (one listed, decided three business days late);
// the health office missed one; the transport office missed none. Anyone, without a token, reads the
// ranking and the governor's list, with no personal data, no application and no tracking code; on the
// Monday digest, the heads of the three agencies on it each get one mail, and nobody else.
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { ensureDigestSchedule } from '../../apps/worker/src/digest-schedule';
import { ACCOUNTABILITY_DIGEST_WORKFLOW } from '../../workflows/delivery/contracts';
import { insertApplications, insertEscalations, insertTasks, wib } from '../reports/fixture';
import { Platform, startPlatform } from '../support/platform';
import { LocalSmtp, startSmtp } from '../support/smtp';

describe('public accountability', () => {
  let p: Platform;
  let smtp: LocalSmtp;
  let client: Client;
  let connection: Connection;
  const run = randomUUID().slice(0, 8).toUpperCase();
  const id = (s: string) => `${run}${s}`;

  beforeAll(async () => {
    smtp = await startSmtp();
    p = await startPlatform({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'satupintu@jakarta.go.id' } });
    connection = await Connection.connect({ address: p.config.temporal.address });
    client = new Client({ connection, namespace: p.config.temporal.namespace });
    await insertApplications(p.db, [
      { id: id('A1'), office: 'kota-31.74', permitType: 'PBG', status: 'in_review', submitted: wib('2019-03-25 08:00') },
      { id: id('A2'), office: 'kec-31.74.01', permitType: 'SKDU', status: 'issued', submitted: wib('2019-03-25 08:00') },
    ]);
    const assigned = wib('2019-03-25 08:00');
    const late = { status: 'approved', decidedBy: 'officer-x', deadline: 450, breached: true };
    const onTime = { status: 'approved', decidedBy: 'officer-y', deadline: 450, breached: false };
    await insertTasks(p.db, [
      { id: id('D1'), app: id('A1'), permitType: 'PBG', agency: 'DCKTRP', office: 'kota-31.74', assigned, due: wib('2019-04-02 16:00'), decided: wib('2019-04-03 09:00'), ...late },
      { id: id('D2'), app: id('A1'), permitType: 'PBG', agency: 'DCKTRP', office: 'kota-31.74', assigned, due: wib('2019-04-03 16:00'), decided: wib('2019-04-04 09:00'), ...late },
      { id: id('D3'), app: id('A1'), permitType: 'PBG', agency: 'DCKTRP', office: 'kota-31.74', assigned, due: wib('2019-04-04 16:00'), decided: wib('2019-04-05 09:00'), ...late },
      { id: id('D4'), app: id('A1'), permitType: 'PBG', agency: 'DCKTRP', office: 'kota-31.74', status: 'open', assigned, due: wib('2019-04-01 16:00'), deadline: 450, breached: null },
      { id: id('K1'), app: id('A2'), permitType: 'SKDU', agency: 'KECAMATAN', office: 'kec-31.74.01', assigned, due: wib('2019-04-08 16:00'), decided: wib('2019-04-12 16:00'), ...late },
      { id: id('K2'), app: id('A2'), permitType: 'SKDU', agency: 'KECAMATAN', office: 'kec-31.74.01', assigned, due: wib('2019-04-09 16:00'), decided: wib('2019-04-10 09:00'), ...late },
      { id: id('H1'), app: id('A2'), permitType: 'SKDU', agency: 'DINKES', office: 'prov-31', assigned, due: wib('2019-04-10 16:00'), decided: wib('2019-04-11 09:00'), ...late },
      { id: id('T1'), app: id('A2'), permitType: 'SKDU', agency: 'DISHUB', office: 'prov-31', assigned, due: wib('2019-04-10 16:00'), decided: wib('2019-04-09 09:00'), ...onTime },
    ]);
    await insertEscalations(p.db, [
      { id: id('E1'), app: id('A1'), task: id('D4'), agency: 'DCKTRP', office: 'kota-31.74', rung: 'agency_head', at: wib('2019-04-02 16:00') },
      { id: id('E2'), app: id('A1'), task: id('D4'), agency: 'DCKTRP', office: 'kota-31.74', rung: 'governor', at: wib('2019-04-04 16:00') },
      { id: id('E3'), app: id('A1'), task: id('D4'), agency: 'DCKTRP', office: 'kota-31.74', rung: 'governor', at: wib('2019-04-11 16:00') },
      { id: id('E4'), app: id('A2'), task: id('K1'), agency: 'KECAMATAN', office: 'kec-31.74.01', rung: 'governor', at: wib('2019-04-11 16:00') },
    ]);
  });
  afterAll(async () => {
    await connection?.close();
    await p?.close();
    await smtp?.close();
  });

  it('ranks the agencies by missed deadlines and lists the governor-rung steps, for anyone, with no personal data', async () => {
    const r = await p.http('GET', '/v1/public/accountability?month=2019-04');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ month: '2019-04', from: '2019-03-31T17:00:00.000Z', to: '2019-04-30T17:00:00.000Z' });
    expect(r.body.agencies.map((a: { agency: string; missedDeadlines: number; openOverdue: number; governorListed: number }) => [a.agency, a.missedDeadlines, a.openOverdue, a.governorListed])).toEqual([
      ['DCKTRP', 4, 1, 1],
      ['KECAMATAN', 2, 0, 1],
      ['DINKES', 1, 0, 0],
    ]);
    const [open, decided] = r.body.governorList;
    // The open step: overdue since 1 April 2019, years of business days by now; listed once, at its first governor rung.
    expect(open).toMatchObject({ agency: 'DCKTRP', officeId: 'kota-31.74', stepId: 'step', permitType: 'PBG', decided: false, listedAt: '2019-04-04T09:00:00.000Z' });
    expect(open.businessDaysOverdue).toBeGreaterThan(1000);
    // Due Monday 8 April 16:00, decided Friday 12 April 16:00: Tue, Wed, Thu and most of Friday, 3 whole days.
    expect(decided).toMatchObject({ agency: 'KECAMATAN', permitType: 'SKDU', businessDaysOverdue: 3, decided: true });
    expect(r.body.governorList).toHaveLength(2);
    for (const forbidden of [id('A1'), id('A2'), 'TRK-', 'officer-x', 'officer-y', 'applicant', 'nik']) expect([forbidden, r.text.includes(forbidden)]).toEqual([forbidden, false]);
  });

  it('answers 400 problem+json for a month that is not YYYY-MM', async () => {
    const r = await p.http('GET', '/v1/public/accountability?month=April');
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.errors).toEqual([{ field: 'month', message: expect.stringContaining('YYYY-MM') }]);
  });

  it("mails the weekly digest once to the head of each agency on the list, and to no one else", async () => {
    const start = () =>
      client.workflow.execute(ACCOUNTABILITY_DIGEST_WORKFLOW, { workflowId: `digest-${randomUUID()}`, taskQueue: p.config.temporal.taskQueue, args: [{ at: '2019-04-29T01:00:00Z' }] });
    expect(((await start()) as string[]).sort()).toEqual(['DCKTRP', 'DINKES', 'KECAMATAN']);
    // The same Monday's digest again (a re-run schedule) mails nobody twice.
    await start();
    const to = smtp.received.flatMap((m) => m.to).sort();
    expect(to).toEqual(['<kepala.dcktrp@jakarta.go.id>', '<kepala.dinkes@jakarta.go.id>', '<kepala.kecamatan@jakarta.go.id>']);
    const dcktrp = smtp.received.find((m) => m.to.includes('<kepala.dcktrp@jakarta.go.id>'))!;
    expect(dcktrp.data).toContain('4 tahap melewati batas waktu');
    expect(dcktrp.data).toContain('PBG / Step');
  });

  it('schedules the digest every Monday at 07:00 in Jakarta, once however many workers start', async () => {
    const scheduleId = `accountability-digest-${randomUUID()}`;
    expect(await ensureDigestSchedule(client, p.config.temporal.taskQueue, scheduleId)).toBe(true);
    expect(await ensureDigestSchedule(client, p.config.temporal.taskQueue, scheduleId)).toBe(false);
    const handle = client.schedule.getHandle(scheduleId);
    const d = await handle.describe();
    await handle.delete();
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: ACCOUNTABILITY_DIGEST_WORKFLOW, taskQueue: p.config.temporal.taskQueue });
    expect(d.spec.timezone).toBe('Asia/Jakarta');
    const one = (v: unknown) => ({ start: v, end: v, step: 1 });
    expect(d.spec.calendars).toEqual([expect.objectContaining({ dayOfWeek: [one('MONDAY')], hour: [one(7)], minute: [one(0)] })]);
  });
});
