// The read model the reports stand on: what the projection derives from a workflow snapshot, worked out
// by hand, and that projecting the same snapshot twice counts nothing twice.
import { Client, Connection } from '@temporalio/client';
import { MetricCounter, MetricMeter, MetricTags, noopMetricMeter } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createServer } from 'node:net';
import * as nodemailer from 'nodemailer';
import { createActivities } from '../../activities';
import type { EscalateArgs } from '../../activities/escalation.activities';
import { OutboxNotifier } from '../../activities/notifier';
import { notificationDeliveryWorkflowId } from '../../workflows/delivery/contracts';
import { applicationMinutes, createProjectionActivities, pointsFor, taskFacts, wholeMinutes } from '../../activities/projection.activities';
import { BusinessCalendar } from '../../libs/calendar';
import type { ApplicationView, TaskView, TimelineEvent } from '../../workflows/messages';
import { wib } from './fixture';
import { scratchDatabase, ScratchDatabase } from './support';

const iso = (local: string) => wib(local).toISOString();

/** A metric meter that keeps what counters were given (the worker's is the SDK's Prometheus exporter). */
function recordingMeter(added: Array<{ counter: string; value: number; tags: MetricTags }>): MetricMeter {
  const counter = (name: string, base: MetricTags): MetricCounter => ({
    name,
    kind: 'counter',
    valueType: 'int',
    add: (value, extraTags = {}) => added.push({ counter: name, value, tags: { ...base, ...extraTags } }),
    withTags: (tags) => counter(name, { ...base, ...tags }),
  });
  return {
    createCounter: (name) => counter(name, {}),
    createHistogram: (...args) => noopMetricMeter.createHistogram(...args),
    createGauge: (...args) => noopMetricMeter.createGauge(...args),
    withTags: () => recordingMeter(added),
  };
}

function task(p: Partial<TaskView> & Pick<TaskView, 'id' | 'stepId' | 'status' | 'businessMinutesUsed' | 'deadlineMinutes'>): TaskView {
  return {
    stepName: p.stepId,
    agency: 'DCKTRP',
    officeId: 'kota-31.74',
    role: 'officer',
    attempt: 1,
    assignedAt: iso('2026-06-08 09:00'),
    dueAt: iso('2026-06-30 16:00'),
    overdue: false,
    escalations: [],
    ...p,
  };
}

function event(seq: number, type: TimelineEvent['type'], local: string): TimelineEvent {
  return { seq, at: iso(local), type, actor: 'x', statusBefore: 'in_review', statusAfter: 'in_review' };
}

describe('what the projection derives', () => {
  it('points: the weight on time; late, less by the share of the deadline overrun, never under a quarter', () => {
    expect(pointsFor(1, 900, 899.5)).toEqual({ lateMinutes: 0, points: 1 });
    expect(pointsFor(1, 900, 900)).toEqual({ lateMinutes: 0, points: 1 });
    // 100 of 900 late: 1 − 1/9 = 0.8889.
    expect(pointsFor(1, 900, 1000)).toEqual({ lateMinutes: 100, points: 0.89 });
    // A started minute counts: 450.2 is 1 minute late of 450.
    expect(pointsFor(1, 450, 450.2)).toEqual({ lateMinutes: 1, points: 1 });
    // Weight 2, 225 of 450 late: 2 × 0.5.
    expect(pointsFor(2, 450, 675)).toEqual({ lateMinutes: 225, points: 1 });
    // Twice the deadline late: the floor, 2 × 0.25.
    expect(pointsFor(2, 450, 1350)).toEqual({ lateMinutes: 900, points: 0.5 });
  });

  it('whole minutes round up, after the hundredths', () => {
    expect(wholeMinutes(179.66)).toBe(180);
    // 0.1 × 3 × 900 is 270.00000000000006 in floating point: still 270 whole minutes.
    expect(wholeMinutes(0.1 * 3 * 900)).toBe(270);
    expect(wholeMinutes(0)).toBe(0);
  });

  it('an attempt after a revision starts where the step clock stood, and is late only past the deadline', () => {
    const first = task({ id: 'X.s.1', stepId: 's', status: 'revision_requested', businessMinutesUsed: 60, deadlineMinutes: 900, decidedAt: iso('2026-06-08 10:00') });
    const second = task({ id: 'X.s.2', stepId: 's', attempt: 2, status: 'approved', businessMinutesUsed: 960.004, deadlineMinutes: 900, decidedAt: iso('2026-06-22 10:00') });
    const open = task({ id: 'X.t.1', stepId: 't', status: 'open', businessMinutesUsed: 0, deadlineMinutes: 450 });
    expect(taskFacts(first, [first, second, open])).toEqual({ minutesBefore: 0, attemptMinutes: 60, breached: false });
    expect(taskFacts(second, [first, second, open])).toEqual({ minutesBefore: 60, attemptMinutes: 900, breached: true });
    expect(taskFacts(open, [first, second, open])).toEqual({ minutesBefore: 0, attemptMinutes: null, breached: null });
    const deemedInTime = task({ id: 'X.u.1', stepId: 'u', status: 'deemed', businessMinutesUsed: 0, deadlineMinutes: 450, dueAt: iso('2026-06-10 16:00'), decidedAt: iso('2026-06-10 16:00') });
    const deemedLate = { ...deemedInTime, decidedAt: iso('2026-06-10 16:01') };
    expect(taskFacts(deemedInTime, [deemedInTime]).breached).toBe(false);
    expect(taskFacts(deemedLate, [deemedLate]).breached).toBe(true);
  });

  it("the application's clock leaves out the applicant's wait", () => {
    // Filed Mon 8 Jun 09:00; revision asked Mon 10:00; resubmitted Wed 10 Jun 08:00; closed Wed 11:00.
    // Working time 09:00-10:00 Monday (60) and 08:00-11:00 Wednesday (180): 240.
    const cal = new BusinessCalendar();
    const view = {
      submittedAt: iso('2026-06-08 09:00'),
      decidedAt: iso('2026-06-10 11:00'),
      timeline: [event(1, 'submitted', '2026-06-08 09:00'), event(2, 'task.revision_requested', '2026-06-08 10:00'), event(3, 'resubmitted', '2026-06-10 08:00'), event(4, 'issued', '2026-06-10 11:00')],
    };
    expect(applicationMinutes(view, cal)).toBe(240);
    // Withdrawn while waiting: the wait runs to the close. 60 minutes.
    expect(applicationMinutes({ ...view, timeline: view.timeline.slice(0, 2) }, cal)).toBe(60);
    expect(applicationMinutes({ ...view, decidedAt: null }, cal)).toBeNull();
  });
});

describe('the projection into PostgreSQL', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await scratchDatabase('reports_projection');
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  // An SLF (certificate of occupancy) in Jakarta Selatan: the document check asks for a revision, passes
  // on the second attempt; the field inspection passes 50 minutes late; the head approves on time.
  function slf(revision: number, approvalDecided: boolean): ApplicationView {
    const tasks: TaskView[] = [
      task({ id: 'SLFPROJ.slf_document_check.1', stepId: 'slf_document_check', status: 'revision_requested', businessMinutesUsed: 60, deadlineMinutes: 900, decidedAt: iso('2026-06-08 10:00'), decidedBy: 'officer-a' }),
      task({ id: 'SLFPROJ.slf_document_check.2', stepId: 'slf_document_check', attempt: 2, status: 'approved', businessMinutesUsed: 240, deadlineMinutes: 900, decidedAt: iso('2026-06-10 11:00'), decidedBy: 'officer-b' }),
      task({ id: 'SLFPROJ.slf_field_inspection.1', stepId: 'slf_field_inspection', status: 'approved', businessMinutesUsed: 3200, deadlineMinutes: 3150, decidedAt: iso('2026-06-19 16:00'), decidedBy: 'officer-c' }),
      task({
        id: 'SLFPROJ.slf_approval.1',
        stepId: 'slf_approval',
        role: 'head',
        status: approvalDecided ? 'approved' : 'open',
        businessMinutesUsed: approvalDecided ? 300 : 0,
        deadlineMinutes: 1350,
        ...(approvalDecided ? { decidedAt: iso('2026-06-22 12:00'), decidedBy: 'head-d' } : {}),
      }),
    ];
    return {
      id: 'SLFPROJ',
      trackingCode: 'SLFP-0000-0001',
      permitType: 'SLF',
      definitionVersion: 1,
      status: approvalDecided ? 'issued' : 'in_review',
      deemedGranted: false,
      submittedBy: 'integrator-a',
      receivingOfficeId: 'kec-31.74.01',
      location: { kelurahanCode: '31.74.01.1001', address: 'Jl. Tebet Raya 1' },
      submittedAt: iso('2026-06-08 09:00'),
      dueAt: iso('2026-07-20 16:00'),
      applicantDueAt: null,
      decidedAt: approvalDecided ? iso('2026-06-22 12:00') : null,
      openTasks: tasks.filter((t) => t.status === 'open'),
      tasks,
      timeline: [
        event(1, 'submitted', '2026-06-08 09:00'),
        event(2, 'task.revision_requested', '2026-06-08 10:00'),
        event(3, 'resubmitted', '2026-06-10 08:00'),
        ...(approvalDecided ? [event(4, 'issued', '2026-06-22 12:00')] : []),
      ],
      revision,
    };
  }

  it('writes every attempt with its clock, breach and copied permit type and office; points once per step decided for good', async () => {
    const { projectApplication } = createProjectionActivities(scratch.db);
    const applicant = { nik: '3174014101900001', name: 'Sri' };
    await projectApplication({ view: slf(5, false), applicant });
    await projectApplication({ view: slf(9, true), applicant });
    // A retried activity with an old snapshot, and the newest one again: nothing moves, nothing doubles.
    await projectApplication({ view: slf(5, false), applicant });
    await projectApplication({ view: slf(9, true), applicant });

    const rows = await scratch.db.query(
      `SELECT id, status, minutes_before::float AS before, attempt_minutes::float AS attempt, breached, weight::float AS weight, permit_type, receiving_office_id
       FROM task ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'SLFPROJ.slf_approval.1', status: 'approved', before: 0, attempt: 300, breached: false, weight: 1.5, permit_type: 'SLF', receiving_office_id: 'kec-31.74.01' },
      { id: 'SLFPROJ.slf_document_check.1', status: 'revision_requested', before: 0, attempt: 60, breached: false, weight: 1.5, permit_type: 'SLF', receiving_office_id: 'kec-31.74.01' },
      { id: 'SLFPROJ.slf_document_check.2', status: 'approved', before: 60, attempt: 180, breached: false, weight: 1.5, permit_type: 'SLF', receiving_office_id: 'kec-31.74.01' },
      { id: 'SLFPROJ.slf_field_inspection.1', status: 'approved', before: 0, attempt: 3200, breached: true, weight: 7, permit_type: 'SLF', receiving_office_id: 'kec-31.74.01' },
    ]);
    // Each attempt carries its application's definition version: the SLA wall counts per version from task alone.
    expect(await scratch.db.query(`SELECT DISTINCT definition_version FROM task`)).toEqual([{ definition_version: 1 }]);
    // Weights from libs/permits/slf.v1.ts: the document check and the approval 1.5 (check, 2 days; sign, 3 days),
    // the field inspection 7 (technical, 7 days). The revision request earns nothing; the field inspection
    // is 50 of 3150 minutes late: 7 × (1 − 50/3150) = 6.89.
    const points = await scratch.db.query(`SELECT task_id, officer, late_minutes, points::float AS points FROM points ORDER BY task_id`);
    expect(points).toEqual([
      { task_id: 'SLFPROJ.slf_approval.1', officer: 'head-d', late_minutes: 0, points: 1.5 },
      { task_id: 'SLFPROJ.slf_document_check.2', officer: 'officer-b', late_minutes: 0, points: 1.5 },
      { task_id: 'SLFPROJ.slf_field_inspection.1', officer: 'officer-c', late_minutes: 50, points: 6.89 },
    ]);
    // SLF's legal deadline is 15 business days (6750 minutes). Filed Mon 8 Jun 09:00, closed Mon 22 Jun 12:00,
    // less the wait from Mon 8 Jun 10:00 to Wed 10 Jun 08:00. Working time 8-22 Jun: Mon 8 from 09:00 (360),
    // Tue 9 - Fri 12 (4 × 450), Mon 15 - Fri 19 without Tue 16 (1 Muharam): 4 × 450, Mon 22 until 12:00 (270):
    // 360 + 1800 + 1800 + 270 = 4230; the wait: Mon 10:00-16:00 (300), Tue (450), Wed 07:30-08:00 (30) = 780.
    const [app] = await scratch.db.query(`SELECT legal_deadline_minutes, business_minutes_used::float AS used, revision FROM application WHERE id = 'SLFPROJ'`);
    expect(app).toEqual({ legal_deadline_minutes: 6750, used: 3450, revision: 9 });
    // The audit log holds each timeline event once, in order.
    const audit = await scratch.db.query(`SELECT event_id, type FROM audit_log WHERE application_id = 'SLFPROJ' ORDER BY id`);
    expect(audit).toEqual([
      { event_id: 'SLFPROJ:1', type: 'submitted' },
      { event_id: 'SLFPROJ:2', type: 'task.revision_requested' },
      { event_id: 'SLFPROJ:3', type: 'resubmitted' },
      { event_id: 'SLFPROJ:4', type: 'issued' },
    ]);
  });

  it("sends a rung's notice with the projection; a mail server that is down hands it to its delivery workflow instead of failing the projection", async () => {
    // A port nobody listens on: the mail server is down.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, connectionTimeout: 2000 });
    const activities = createActivities({
      db: scratch.db,
      calendar: new BusinessCalendar(),
      notifier: new OutboxNotifier(scratch.db, { transport, from: 'satupintu@jakarta.go.id' }),
    });
    const notice = (rung: string): EscalateArgs => ({
      escalationId: `SLFPROJ.slf_approval.1:${rung}`,
      applicationId: 'SLFPROJ',
      trackingCode: 'SLFP-0000-0001',
      permitType: 'SLF',
      taskId: 'SLFPROJ.slf_approval.1',
      stepId: 'slf_approval',
      agency: 'DCKTRP',
      officeId: 'kota-31.74',
      rungId: rung,
      notify: 'section_head',
      publicList: false,
      dueAt: iso('2026-06-30 16:00'),
      at: iso('2026-06-30 16:00'),
    });
    // The activity context's client reaches the suite's Temporal dev server; no worker polls this queue,
    // so the delivery workflow waits there to be looked at.
    const connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
    const client = new Client({ connection });
    const taskQueue = `notices-${Date.now()}`;
    const added: Array<{ counter: string; value: number; tags: MetricTags }> = [];
    const env = new MockActivityEnvironment({ taskQueue }, { client, metricMeter: recordingMeter(added) });
    const applicant = { nik: '3174014101900001', name: 'Sri' };

    // The projection succeeds twice over: a retry sends nothing twice.
    for (let i = 0; i < 2; i++) await env.run(activities.projectApplication, { view: slf(12, false), applicant, notices: [notice('section_head')] });
    const escalations: Array<{ id: string; rung: string }> = await scratch.db.query(`SELECT id, rung FROM escalation WHERE application_id = 'SLFPROJ'`);
    expect(escalations).toEqual([{ id: 'SLFPROJ.slf_approval.1:section_head', rung: 'section_head' }]);
    // Fired once for the operator's dashboard too (satupintu_escalations_fired_total).
    expect(added.filter((a) => a.counter === 'satupintu_escalations_fired')).toEqual([{ counter: 'satupintu_escalations_fired', value: 1, tags: expect.objectContaining({ agency: 'DCKTRP', notify: 'section_head' }) }]);
    const outbox: Array<{ dedup_key: string; sent_at: Date | null; recipient: string }> = await scratch.db.query(
      `SELECT dedup_key, sent_at, recipient FROM notification WHERE dedup_key LIKE 'escalation:SLFPROJ.%' ORDER BY dedup_key`,
    );
    expect(outbox).toEqual([{ dedup_key: 'escalation:SLFPROJ.slf_approval.1:section_head', sent_at: null, recipient: 'section_head@dcktrp.jakarta.go.id' }]);
    // Handed over once (the retried projection found the workflow started), to retry on its own.
    const delivery = client.workflow.getHandle(notificationDeliveryWorkflowId({ dedupKey: 'escalation:SLFPROJ.slf_approval.1:section_head' }));
    const described = await delivery.describe();
    expect([described.type, described.taskQueue, described.status.name]).toEqual(['notificationDelivery', taskQueue, 'RUNNING']);
    await delivery.terminate('test over');
    await connection.close();

    // The activity of its own (the legal deadline's notices) still fails until the mail goes out.
    await expect(env.run(activities.escalate, notice('agency_head'))).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
