// Story: a kelurahan office in East Jakarta floods. An admin closes it for the day its steps fall due,
// quoting the governor's instruction. A step assigned afterwards is due one business day later than the
// calendar gave before; the office's running steps due on or after that day move by the same day, other
// offices' steps do not (docs/calendar.md); the audit log says who closed the office and why. When the
// water recedes the closure is cancelled and the steps move back. Then the admin loads a year's decree,
// twice: the second load changes nothing. The running applications are told by a fan-out workflow out of
// the request: a change whose fan-out the API never started (it died after the commit) is told by the
// sweep, and a fan-out stopped midway resumes after the last application it told.
import { randomUUID } from 'node:crypto';
import { CancelledFailure } from '@temporalio/common';
import { Connection, Client } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createCalendarFanOutActivities } from '../../activities/calendar-fan-out.activities';
import { CalendarRepository } from '../../apps/api/src/calendar/calendar.repository';
import { ensureCalendarFanOutSchedule } from '../../apps/worker/src/calendar-fan-out-schedule';
import { BusinessCalendar, jakartaLocalDate } from '../../libs/calendar';
import { workflowTracingSinks } from '../../apps/worker/src/telemetry';
import { NO_TRACING } from '../../libs/observability/tracing';
import { workflowIdOf } from '../../workflows/messages';
import { Platform, platformSuite } from '../support/platform';
import { eventually, workflowBundle } from '../support/time-skipping';

// An office no other suite files at: the suites share one database, and a closure changes its calendar.
const KELURAHAN = '31.75.01.1002';
const OFFICE = `kel-${KELURAHAN}`;
const DRY_KELURAHAN = '31.75.01.1004';
// The office of the fan-out stories, which no other suite files at either.
const SWEPT_KELURAHAN = '31.75.01.1005';
const SWEPT_OFFICE = `kel-${SWEPT_KELURAHAN}`;
const ONE_DAY = 450; // SKDU v2's kelurahan steps are due in one business day.
// A year no suite computes with: loading it changes nothing another suite sees.
const FAR_YEAR = 2099;

describe('the calendar run by admins', () => {
  let p: Platform;
  platformSuite((started) => (p = started));

  const file = async (integrator: string, kelurahanCode = KELURAHAN) => {
    const type = await p.http('GET', '/v1/permit-types/SKDU', { token: integrator });
    const submitted = await p.http('POST', '/v1/applications', {
      token: integrator,
      body: {
        permitType: 'SKDU',
        applicant: { nik: '3175014505900002', name: 'Rina Wati', email: 'rina@example.id' },
        receivingOfficeId: `kel-${kelurahanCode}`,
        location: { kelurahanCode, address: 'Jl. Pemuda No. 9' },
        data: type.body.dataSchema.examples[0],
        documents: [{ type: 'ktp', url: 'https://files.example.id/ktp.pdf', sha256: 'b'.repeat(64) }],
      },
    });
    expect(submitted.status).toBe(201);
    return submitted.body.id as string;
  };
  const openTasks = async (integrator: string, id: string, stepIds: string[]) =>
    (
      await eventually(
        () => p.http('GET', `/v1/applications/${id}`, { token: integrator }),
        (r) => r.status === 200 && stepIds.every((s) => r.body.openTasks.some((t: any) => t.stepId === s && t.dueAt)),
        `open steps ${stepIds.join(', ')} with due times`,
      )
    ).body.openTasks as Array<{ id: string; stepId: string; officeId: string; assignedAt: string; dueAt: string; agency: string; role: string }>;
  const withTemporal = async <T>(use: (client: Client) => Promise<T>): Promise<T> => {
    const connection = await Connection.connect({ address: p.config.temporal.address });
    try {
      return await use(new Client({ connection, namespace: p.config.temporal.namespace }));
    } finally {
      await connection.close();
    }
  };
  /** The revisions of the calendarChanged signals in an application's history, in order. */
  const toldRevisions = (client: Client, id: string) =>
    client.workflow
      .getHandle(workflowIdOf(id))
      .fetchHistory()
      .then((h) =>
        (h.events ?? [])
          .map((e) => e.workflowExecutionSignaledEventAttributes)
          .filter((a) => a?.signalName === 'calendarChanged')
          .map((a) => JSON.parse(Buffer.from(a!.input!.payloads![0].data!).toString()).revision as number),
      );
  /** What the API commits before it starts the fan-out: the closure, the revision, the audit row and the change to tell. */
  const commitClosureOnly = (date: string) =>
    new CalendarRepository(p.db).changing(async (tx) => {
      const id = `cl_test${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      await new CalendarRepository(p.db).insertClosure(tx, { id, date, office_id: SWEPT_OFFICE, name: 'Banjir', reason: 'banjir', decree: 'Ingub 8/2026', created_by: 'admin-pusdatin' });
      return { result: id, audit: { type: 'calendar.closure_added', actor: 'admin-pusdatin', role: 'admin', note: 'banjir', details: { closureId: id, date, officeId: SWEPT_OFFICE } }, fanOut: { officeId: SWEPT_OFFICE, from: date } };
    });
  const workingMinutes = (calendar: BusinessCalendar, date: string) => calendar.workingIntervals(date).reduce((sum, [a, b]) => sum + (b - a) / 60_000, 0);

  it('closes an office: steps assigned afterwards are due one business day later, its running steps move, and the audit log says who and why', async () => {
    const integrator = await p.token({ role: 'integrator', sub: 'kiosk-jaktim' });
    const admin = await p.token({ role: 'admin', sub: 'admin-pusdatin' });
    const before = new BusinessCalendar();
    const dueOn = (calendar: BusinessCalendar, task: { assignedAt: string }) => calendar.addBusinessMinutes(new Date(task.assignedAt), ONE_DAY).toISOString();

    // Filed before the flood: its first steps run on the calendar as it was. One more at a dry office.
    const early = await file(integrator);
    const dry = await file(integrator, DRY_KELURAHAN);
    const running = await openTasks(integrator, early, ['kelurahan_verification', 'site_visit']);
    const verification = running.find((t) => t.stepId === 'kelurahan_verification')!;
    expect(verification.officeId).toBe(OFFICE);
    expect(verification.dueAt).toBe(dueOn(before, verification));
    const dryBefore = await openTasks(integrator, dry, ['kelurahan_verification', 'site_visit']);

    // The day those steps fall due (tomorrow, on a working afternoon) is the day the office closes.
    const closedDay = jakartaLocalDate(new Date(verification.dueAt));
    const reason = 'Kantor kelurahan terendam banjir setinggi 50 cm';
    const closed = await p.http('POST', '/v1/calendar/closures', {
      token: admin,
      body: { date: closedDay, officeId: OFFICE, name: 'Banjir: kantor kelurahan ditutup', decree: 'Ingub DKI Jakarta Nomor 7 Tahun 2026', reason },
    });
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ date: closedDay, officeId: OFFICE, status: 'standing', createdBy: 'admin-pusdatin', reason });
    const after = new BusinessCalendar({ officeClosedDays: [{ officeId: OFFICE, date: closedDay, name: 'Banjir' }] }).forOffice(OFFICE);
    const lostMinutes = workingMinutes(before, closedDay);

    // Filed after: its first step is due one business day later than the old calendar gives.
    const late = await file(integrator);
    const lateVerification = (await openTasks(integrator, late, ['kelurahan_verification'])).find((t) => t.stepId === 'kelurahan_verification')!;
    expect(lateVerification.dueAt).toBe(dueOn(after, lateVerification));
    expect(before.businessMinutesBetween(new Date(dueOn(before, lateVerification)), new Date(lateVerification.dueAt))).toBe(lostMinutes);

    // The steps the office was already working on, due on the closed day, move by that day; the dry office's do not.
    const moved = (
      await eventually(
        () => p.http('GET', `/v1/applications/${early}`, { token: integrator }),
        (r) => r.body.openTasks.every((t: any) => t.dueAt === dueOn(after, t)),
        "the early application's running steps moved past the closed day",
      )
    ).body.openTasks;
    expect(moved.map((t: any) => t.id).sort()).toEqual(running.map((t) => t.id).sort());
    expect((await openTasks(integrator, dry, ['kelurahan_verification', 'site_visit'])).map((t) => t.dueAt)).toEqual(dryBefore.map((t) => t.dueAt));

    // The step it reaches next is planned on the new calendar too, though its snapshot was taken this morning.
    for (const task of running) {
      const approver = await p.token({ role: 'approver', agency: task.agency, office: task.officeId, sub: `officer-${task.stepId}`, position: task.role as 'officer' });
      expect((await p.http('POST', `/v1/tasks/${task.id}/decision`, { token: approver, body: { decision: 'approve', note: 'Sesuai' } })).status).toBe(200);
    }
    const signature = (await openTasks(integrator, early, ['lurah_signature']))[0];
    expect(signature.dueAt).toBe(dueOn(after, signature));
    expect(before.businessMinutesBetween(new Date(dueOn(before, signature)), new Date(signature.dueAt))).toBe(lostMinutes);

    // Who closed the office, when, what and why.
    const audit = await p.db.query(`SELECT type, actor, role, note, details, at FROM audit_log WHERE subject = 'calendar' AND details->>'closureId' = $1`, [closed.body.id]);
    expect(audit).toEqual([
      {
        type: 'calendar.closure_added',
        actor: 'admin-pusdatin',
        role: 'admin',
        note: reason,
        details: expect.objectContaining({ date: closedDay, officeId: OFFICE, decree: 'Ingub DKI Jakarta Nomor 7 Tahun 2026' }),
        at: expect.any(Date),
      },
    ]);
    const listed = await p.http('GET', `/v1/calendar/closures?year=${closedDay.slice(0, 4)}&office=${OFFICE}`, { token: admin });
    expect(listed.body.items.map((c: any) => c.id)).toEqual([closed.body.id]);

    // A second closure of the same day and office is refused by name.
    const again = await p.http('POST', '/v1/calendar/closures', { token: admin, body: { date: closedDay, officeId: OFFICE, name: 'Banjir', decree: 'Ingub 7/2026', reason: 'lagi' } });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(closed.body.id);

    // The water recedes: the closure is cancelled (twice is once) and the running steps move back.
    for (let i = 0; i < 2; i++) {
      const cancelled = await p.http('POST', `/v1/calendar/closures/${closed.body.id}/cancel`, { token: admin, body: { reason: 'Air sudah surut' } });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'admin-pusdatin', cancelReason: 'Air sudah surut' });
    }
    await eventually(
      () => p.http('GET', `/v1/applications/${late}`, { token: integrator }),
      (r) => r.body.openTasks.every((t: any) => t.dueAt === dueOn(before, t)),
      "the late application's steps back on the calendar without the closure",
    );
    await eventually(
      () => p.http('GET', `/v1/applications/${early}`, { token: integrator }),
      (r) => r.body.openTasks.length === 1 && r.body.openTasks[0].dueAt === dueOn(before, signature),
      "the early application's signature step back on the calendar without the closure",
    );
    const cancellations = await p.db.query(`SELECT actor, note FROM audit_log WHERE type = 'calendar.closure_cancelled' AND details->>'closureId' = $1`, [closed.body.id]);
    expect(cancellations).toEqual([{ actor: 'admin-pusdatin', note: 'Air sudah surut' }]);
    // Each change was recorded for its fan-out, and its fan-out marked it told.
    const changes = () =>
      p.db.query(
        `SELECT to_char(c.from_date, 'YYYY-MM-DD') AS "from", c.office_id AS "officeId", c.fanned_out_at IS NOT NULL AS told
         FROM calendar_change c JOIN audit_log a ON a.subject = 'calendar' AND (a.details->>'revision')::bigint = c.revision
         WHERE a.details->>'closureId' = $1 ORDER BY c.revision`,
        [closed.body.id],
      );
    await eventually(changes, (rows) => rows.length === 2 && rows.every((r: any) => r.told), 'the closure and its cancellation told to every running application');
    expect(await changes()).toEqual([
      { from: closedDay, officeId: OFFICE, told: true },
      { from: closedDay, officeId: OFFICE, told: true },
    ]);

    // The moves are in history (the closure and the cancellation; the repeated cancellation changed
    // nothing and told nothing): once issued, the application's history, signals and all, replays
    // without a difference.
    const lurah = await p.token({ role: 'approver', agency: signature.agency, office: OFFICE, sub: 'lurah-jaktim', position: 'head' });
    expect((await p.http('POST', `/v1/tasks/${signature.id}/decision`, { token: lurah, body: { decision: 'approve', note: 'Terbit' } })).status).toBe(200);
    await eventually(() => p.http('GET', `/v1/applications/${early}`, { token: integrator }), (r) => r.body.status === 'issued', 'the early application issued');
    const connection = await Connection.connect({ address: p.config.temporal.address });
    try {
      const history = await new Client({ connection, namespace: p.config.temporal.namespace }).workflow.getHandle(workflowIdOf(early)).fetchHistory();
      expect(history.events?.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'calendarChanged')).toHaveLength(2);
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), sinks: workflowTracingSinks(NO_TRACING) }, history, workflowIdOf(early));
    } finally {
      await connection.close();
    }
  });

  it('tells the running applications of a change the API recorded but never started telling: the sweep starts its fan-out', async () => {
    const integrator = await p.token({ role: 'integrator', sub: 'kiosk-jaktim' });
    const id = await file(integrator, SWEPT_KELURAHAN);
    const [verification] = (await openTasks(integrator, id, ['kelurahan_verification'])).filter((t) => t.stepId === 'kelurahan_verification');
    const closedDay = jakartaLocalDate(new Date(verification.dueAt));

    // The API committed the closure and died before starting the fan-out, two minutes ago.
    const { fanOut: revision } = await commitClosureOnly(closedDay);
    await p.db.query(`UPDATE calendar_change SET recorded_at = now() - interval '2 minutes' WHERE revision = $1`, [revision]);
    await withTemporal(async (client) => {
      expect(await toldRevisions(client, id)).not.toContain(revision);

      // The worker's schedule (one of its own for this suite's task queue) runs the sweep.
      const scheduleId = `calendar-fan-out-sweep-${randomUUID()}`;
      expect(await ensureCalendarFanOutSchedule(client, p.config.temporal.taskQueue, scheduleId)).toBe(true);
      expect(await ensureCalendarFanOutSchedule(client, p.config.temporal.taskQueue, scheduleId)).toBe(false);
      const schedule = client.schedule.getHandle(scheduleId);
      try {
        await schedule.trigger();
        await eventually(() => p.db.query(`SELECT fanned_out_at FROM calendar_change WHERE revision = $1`, [revision]), (rows) => rows[0].fanned_out_at !== null, 'the swept change told');
      } finally {
        await schedule.delete();
      }
      expect(await toldRevisions(client, id)).toContain(revision);
    });
    const after = new BusinessCalendar({ officeClosedDays: [{ officeId: SWEPT_OFFICE, date: closedDay, name: 'Banjir' }] }).forOffice(SWEPT_OFFICE);
    await eventually(
      () => p.http('GET', `/v1/applications/${id}`, { token: integrator }),
      (r) => r.body.openTasks.some((t: any) => t.id === verification.id && t.dueAt === after.addBusinessMinutes(new Date(verification.assignedAt), ONE_DAY).toISOString()),
      'the step due on the swept closure moved past it',
    );
  });

  it('resumes a fan-out stopped midway after the last application it told: every one is told, none twice', async () => {
    const integrator = await p.token({ role: 'integrator', sub: 'kiosk-jaktim' });
    for (let i = 0; i < 3; i++) await openTasks(integrator, await file(integrator, SWEPT_KELURAHAN), ['kelurahan_verification']);
    const inScope: string[] = (await p.db.query(`SELECT DISTINCT application_id FROM task WHERE status = 'open' AND office_id = $1 ORDER BY application_id`, [SWEPT_OFFICE])).map((r: any) => r.application_id);
    expect(inScope.length).toBeGreaterThanOrEqual(3);
    // A change whose fan-out nobody started: a closure of a far day, which moves no due time.
    const { fanOut: revision } = await commitClosureOnly('2099-03-03');
    const { fanOutCalendarChange } = createCalendarFanOutActivities(p.db);

    await withTemporal(async (client) => {
      // The first attempt tells one application a page, and is stopped after its first page.
      const first = new MockActivityEnvironment({ taskQueue: p.config.temporal.taskQueue }, { client });
      const beats: unknown[] = [];
      first.on('heartbeat', (cursor: unknown) => {
        beats.push(cursor);
        first.cancel();
      });
      await expect(first.run(fanOutCalendarChange, { revision: revision!, pageSize: 1 })).rejects.toBeInstanceOf(CancelledFailure);
      expect(beats).toEqual([inScope[0]]);
      expect((await p.db.query(`SELECT fanned_out_at FROM calendar_change WHERE revision = $1`, [revision]))[0].fanned_out_at).toBeNull();

      // The retry is given the last heartbeat, as Temporal gives it: it tells the others and marks the change told.
      const retry = new MockActivityEnvironment({ taskQueue: p.config.temporal.taskQueue, heartbeatDetails: beats[0] }, { client });
      expect(await retry.run(fanOutCalendarChange, { revision: revision!, pageSize: 1 })).toBe(inScope.length - 1);
      expect((await p.db.query(`SELECT fanned_out_at FROM calendar_change WHERE revision = $1`, [revision]))[0].fanned_out_at).not.toBeNull();
      for (const id of inScope) expect([id, (await toldRevisions(client, id)).filter((r) => r === revision)]).toEqual([id, [revision]]);

      // Told already: a third run tells nobody.
      expect(await new MockActivityEnvironment({}, { client }).run(fanOutCalendarChange, { revision: revision! })).toBe(0);
    });
  });

  it('refuses a closure in the past, on a weekend, or of an unknown office, with what to do', async () => {
    const admin = await p.token({ role: 'admin', sub: 'admin-pusdatin' });
    const body = { name: 'Banjir', decree: 'Ingub 7/2026', reason: 'banjir' };
    const past = await p.http('POST', '/v1/calendar/closures', { token: admin, body: { ...body, date: '2025-01-02' } });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([expect.objectContaining({ field: 'date', message: expect.stringContaining('in the past') })]);
    const saturday = await p.http('POST', '/v1/calendar/closures', { token: admin, body: { ...body, date: '2099-01-03' } });
    expect(saturday.status).toBe(400);
    expect(saturday.body.errors[0].message).toContain('Sabtu');
    const unknown = await p.http('POST', '/v1/calendar/closures', { token: admin, body: { ...body, date: '2099-01-05', officeId: 'kel-00.00.00.0000' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.type).toMatch(/unknown-office$/);
  });

  it("loads a year's decree in one request; loading it again changes nothing", async () => {
    const admin = await p.token({ role: 'admin', sub: 'admin-pusdatin' });
    const projected = await p.http('GET', '/v1/calendar/years/2027', { token: admin });
    expect(projected.body).toMatchObject({ year: 2027, status: 'projected', source: 'built-in' });
    expect((await p.http('GET', `/v1/calendar/years/${FAR_YEAR}`, { token: admin })).body).toMatchObject({ status: 'none', days: [] });

    const decree = { decree: `SKB Nomor 1 Tahun ${FAR_YEAR - 1}`, days: [{ date: `${FAR_YEAR}-01-01`, name: `Tahun Baru ${FAR_YEAR}`, kind: 'national' }, { date: `${FAR_YEAR}-01-02`, name: 'Cuti bersama Tahun Baru', kind: 'cuti_bersama' }] };
    const first = await p.http('POST', `/v1/calendar/years/${FAR_YEAR}/decree`, { token: admin, body: decree });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ year: FAR_YEAR, status: 'decreed', source: 'loaded', basis: decree.decree, loadedBy: 'admin-pusdatin', changed: true });
    expect(first.body.days).toHaveLength(2);
    const second = await p.http('POST', `/v1/calendar/years/${FAR_YEAR}/decree`, { token: admin, body: { ...decree, days: [...decree.days].reverse() } });
    expect(second.body).toMatchObject({ changed: false, loadedAt: first.body.loadedAt });
    const loads = await p.db.query(`SELECT actor, note, details FROM audit_log WHERE type = 'calendar.year_loaded' AND details->>'year' = $1`, [String(FAR_YEAR)]);
    expect(loads).toEqual([{ actor: 'admin-pusdatin', note: decree.decree, details: expect.objectContaining({ added: expect.arrayContaining([`${FAR_YEAR}-01-02 Cuti bersama Tahun Baru (cuti_bersama)`]) }) }]);
    // The first load is to be told to every running application of the province from its first day; the second, nothing.
    const recorded = await p.db.query(`SELECT to_char(from_date, 'YYYY-MM-DD') AS "from", office_id AS "officeId" FROM calendar_change WHERE revision = $1`, [loads[0].details.revision]);
    expect(recorded).toEqual([{ from: `${FAR_YEAR}-01-01`, officeId: null }]);

    const outside = await p.http('POST', `/v1/calendar/years/${FAR_YEAR}/decree`, { token: admin, body: { decree: 'x', days: [{ date: '2098-12-31', name: 'x', kind: 'national' }] } });
    expect(outside.status).toBe(400);
    expect(outside.body.errors).toEqual([expect.objectContaining({ field: 'days[0].date' })]);
  });
});
