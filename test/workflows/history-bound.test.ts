// Stories of a bounded history. Temporal refuses a workflow history past 51,200 events (and 50 MB); an
// application under the 'escalate' policy may stay open for years while its last rung repeats every five
// business days. The first story measures what each kind of step costs in events (docs/engine.md turns
// the figures into a bound); the second forces continue-as-new with a low threshold and checks that an
// application handed across several runs ends exactly like one that never was.
//
// A business day is 450 working minutes: Mon-Thu 07:30-12:00 and 13:00-16:00, Fri 07:30-11:30 and
// 13:00-16:30 (WIB, UTC+7). Times below are WIB in the prose and UTC in the assertions.
import { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { BusinessCalendar } from '../../libs/calendar';
import { ApplicationView } from '../../workflows/messages';
import { pbgV1 } from '../../libs/permits/pbg.v1';
import { sleepUntil, TimeSkippingHarness, timeSkippingSuite } from '../support/time-skipping';
import { CONTINUE_AS_NEW_AFTER_EVENTS } from '../../workflows/engine/history-limits';
import { applicationInput, decide, escalationRows, fileApplication, historyCounts, idleHistoryLength, outcome, planned, resubmit, view } from './stories';

/**
 * What each engine moment costs, as docs/engine.md states it: `core` events (timers, activities, Updates:
 * independent of timing) and `wakes` (a timer fired, an activity completed, an Update arrived), each of
 * which costs at most one workflow task of 3 events. So a moment costs at most core + 3 x wakes events,
 * plus 2 for a workflow task that times out and is retried (a worker overloaded or gone).
 */
const COST = {
  // Business time is computed at once on today's calendar snapshot (the one the submitter attached at
  // the start), projection and escalation notice are one local activity (a marker), so each moment is
  // one workflow task.
  start: { core: 4, wakes: 1 }, // submitted, first step and legal deadline planned (timers), projected
  rung: { core: 3, wakes: 1 }, // timer fired, projection with the escalation notice (marker), next timer
  lastRung: { core: 4, wakes: 1 }, // the same, plus the repeat planned (repeats cost the same)
  revisionRound: { core: 14, wakes: 2 }, // the decision, clocks measured, applicant deadline, resubmission, replanning
  nextStep: { core: 5, wakes: 1 }, // the approval, clock measured, next step opened and planned, projected
  finish: { core: 6, wakes: 1 }, // the last approval, clock measured, final projection, completion
};
/** Filed without a usable calendar (none, one from another day, a malformed one): one marker more, the engine's own snapshot. */
const BARE_START = { core: COST.start.core + 1, wakes: 1 };
/**
 * A run hands over at its first quiescent moment past its threshold: at worst a revision round later,
 * plus the hand-over itself (the workflow task that continues as new, 3 events, and ContinuedAsNew), plus
 * one workflow task more when a message arrives while one runs (how the tasks fall depends on timing).
 */
const OVERSHOOT = COST.revisionRound.core + 3 * COST.revisionRound.wakes + 4 + 3;
/**
 * The continue-as-new threshold of the rolled application: low enough that its 140-160 events (how many
 * depends on how the workflow tasks fall) make at least four runs with a run to spare.
 */
const ROLL_AFTER_EVENTS = 30;
/** How much the application's view (the read-model payload, and the state a continued run carries) may grow, in bytes of JSON. */
const VIEW_GROWTH = { rung: 400, revisionRound: 3000 };

describe('a bounded history', () => {
  let h: TimeSkippingHarness;
  timeSkippingSuite('history-bound', (started) => (h = started));

  it('continues a long high-rise review as new several times and ends exactly like a run that never did', async () => {
    // Given two identical 24-floor tower applications (PBG, province: DCKTRP 14 days, DPKP and DLH 10
    // days side by side, then the DCKTRP head 3 days) filed on Sunday 4 April 2027 at 20:00; the second
    // one's engine continues as new whenever its run's history reaches 30 events.
    await sleepUntil(h, '2027-04-04T13:00:00Z');
    const plainInput = applicationInput(pbgV1, { example: 1 });
    const rolledInput = applicationInput(pbgV1, { example: 1, engine: { continueAsNewAfterEvents: ROLL_AFTER_EVENTS } });
    const plain = await fileApplication(h, pbgV1, plainInput);
    const rolled = await fileApplication(h, pbgV1, rolledInput);
    const both = [plain, rolled];
    for (const handle of both) await planned(handle, 'three reviews planned', (v) => v.openTasks.length === 3);

    // When nobody decides for nine business days, the 10-day reviews' reminders go out on Wed 14 April
    // 11:15 (3375 min). On Thursday 15 April at 17:00 DLH sends the file back, after 4050 minutes
    // (Mon 5 - Thu 15 April, 9 days); every clock stops.
    await sleepUntil(h, '2027-04-15T10:00:00Z');
    for (const handle of both) {
      const dlh = (await view(handle)).openTasks.find((t) => t.stepId === 'environment_review')!;
      const sent = await decide(handle, dlh, 'request_revision', 'Dokumen AMDAL belum disahkan');
      expect(sent.status).toBe('awaiting_applicant');
    }
    // The applicant answers on Monday 19 April at 19:00: the clocks resume Tuesday 20 April at 07:30.
    //   DLH (new attempt) and DPKP: 450 min left, due Tue 20 April 16:00; agency head Wed 21 April 16:00;
    //     governor (+3 days) Fri 23 April 16:30, repeated 5 days later on Fri 30 April 16:30
    //   DCKTRP: 2250 left, due Mon 26 April 16:00; its reminder (4725) Wed 21 April 11:15; agency head
    //     Tue 27 April 16:00; governor Thu 29 April 16:00
    await sleepUntil(h, '2027-04-19T12:00:00Z');
    for (const handle of both) await resubmit(handle, 'AMDAL disahkan');

    // Then all three approve on Friday 30 April at 17:00, and the head of DCKTRP on Monday 3 May at 12:30.
    await sleepUntil(h, '2027-04-30T10:00:00Z');
    for (const handle of both) {
      const v = await planned(handle, 'three reviews open', (x) => x.openTasks.length === 3);
      for (const task of v.openTasks) await decide(handle, task, 'approve');
    }
    await sleepUntil(h, '2027-05-03T05:30:00Z');
    const finals: ApplicationView[] = [];
    for (const handle of both) {
      const v = await planned(handle, 'the head of DCKTRP planned');
      expect(v.openTasks.map((t) => t.stepId)).toEqual(['province_approval']);
      await decide(handle, v.openTasks[0], 'approve');
      finals.push(await outcome(h, handle));
    }

    // The rolled application really was handed across runs, each far below its threshold plus one
    // quiescent stretch; the plain one ran as one history.
    const rolledRuns = await runLengths(rolled);
    expect(rolledRuns.length).toBeGreaterThanOrEqual(4);
    for (const length of rolledRuns) expect(length).toBeLessThanOrEqual(ROLL_AFTER_EVENTS + OVERSHOOT);
    expect(await runLengths(plain)).toHaveLength(1);

    // Both end the same: same status, tasks, clocks, timeline and escalations, at the same instants.
    // (Simultaneous rungs may be listed in either order.)
    expect(finals[1].status).toBe('issued');
    expect(normalized(finals[1], rolledInput.applicationId)).toEqual(normalized(finals[0], plainInput.applicationId));
    const rows = await escalationRows(h, plainInput.applicationId);
    expect(await escalationRows(h, rolledInput.applicationId)).toEqual(rows);
    expect(rows).toEqual([
      ['environment_review.1', 'reminder', '2027-04-14T04:15:00.000Z'],
      ['fire_safety_review.1', 'reminder', '2027-04-14T04:15:00.000Z'],
      ['environment_review.2', 'section_head', '2027-04-20T09:00:00.000Z'],
      ['fire_safety_review.1', 'section_head', '2027-04-20T09:00:00.000Z'],
      ['province_technical_consultation.1', 'reminder', '2027-04-21T04:15:00.000Z'],
      ['environment_review.2', 'agency_head', '2027-04-21T09:00:00.000Z'],
      ['fire_safety_review.1', 'agency_head', '2027-04-21T09:00:00.000Z'],
      ['environment_review.2', 'governor', '2027-04-23T09:30:00.000Z'],
      ['fire_safety_review.1', 'governor', '2027-04-23T09:30:00.000Z'],
      ['province_technical_consultation.1', 'section_head', '2027-04-26T09:00:00.000Z'],
      ['province_technical_consultation.1', 'agency_head', '2027-04-27T09:00:00.000Z'],
      ['province_technical_consultation.1', 'governor', '2027-04-29T09:00:00.000Z'],
      ['environment_review.2', 'governor', '2027-04-30T09:30:00.000Z'],
      ['fire_safety_review.1', 'governor', '2027-04-30T09:30:00.000Z'],
    ]);
    expect(finals[1].tasks.find((t) => t.stepId === 'environment_review' && t.attempt === 2)).toMatchObject({
      status: 'approved',
      // 4050 before the revision + Tue 20 - Fri 30 April (9 days) after it.
      businessMinutesUsed: 4050 + 9 * 450,
      escalations: ['reminder', 'section_head', 'agency_head', 'governor', 'governor#1'],
    });
  });

  it('costs a bounded number of events per step, rung and revision round', async () => {
    // Given a house approval (PBG, two floors, 'escalate' policy) filed on Sunday 4 July 2027 at 20:00,
    // its 7-day review (3150 min) starting Monday 5 July at 07:30 (July 2027 has no holiday).
    await sleepUntil(h, '2027-07-04T13:00:00Z');
    const handle = await fileApplication(h, pbgV1, applicationInput(pbgV1));
    // Three more filed at the same moment: one with no calendar (an older client), one with a calendar
    // taken three days before, one with a malformed one. The engine takes its own snapshot (one marker
    // more) and plans the same deadlines.
    const bare = await fileApplication(h, pbgV1, applicationInput(pbgV1), { attachCalendar: false });
    const stale = await fileApplication(h, pbgV1, { ...applicationInput(pbgV1), calendar: new BusinessCalendar().snapshotAround(new Date('2027-07-01T05:00:00Z')) });
    const malformed = { from: '2027-07-04', to: 'later', closed: [], ramadan: [], takenOn: '2027-07-04' };
    const broken = await fileApplication(h, pbgV1, { ...applicationInput(pbgV1), calendar: malformed });
    const plans = await Promise.all([handle, bare, stale, broken].map((x) => planned(x, 'the review planned')));
    for (const p of plans) expect([p.dueAt, p.openTasks[0].dueAt]).toEqual([plans[0].dueAt, plans[0].openTasks[0].dueAt]);
    for (const x of [bare, stale, broken]) {
      await idleHistoryLength(h.db, x);
      expect(costBetween({}, (await historyCounts(x)).byType)).toMatchObject(BARE_START);
    }
    let last: Record<string, number> = {};
    const cost = async (): Promise<Cost> => {
      await idleHistoryLength(h.db, handle);
      const now = (await historyCounts(handle)).byType;
      const spent = costBetween(last, now);
      last = now;
      return spent;
    };
    const start = await cost();

    // The reminder (2363 min): Mon 12 July 09:23.
    await sleepUntil(h, '2027-07-12T05:00:00Z');
    const rung = await cost();
    // Section head Tue 13 July 16:00, agency head Wed 14 July 16:00, governor (4500) Fri 16 July 16:30:
    // the last rung also plans its first repeat.
    await sleepUntil(h, '2027-07-16T10:00:00Z');
    const lastRungs = await cost();
    // The governor's rung repeats every 5 business days: Fri 23 July 16:30.
    const viewBytes = async () => JSON.stringify(await view(handle)).length;
    const beforeRepeat = await viewBytes();
    await sleepUntil(h, '2027-07-23T10:00:00Z');
    const repeat = await cost();
    const afterRepeat = await viewBytes();

    // A revision round: sent back on Monday 26 July, answered on Tuesday 27 July, both before opening.
    await sleepUntil(h, '2027-07-26T00:00:00Z');
    await decide(handle, (await view(handle)).openTasks[0], 'request_revision', 'Lengkapi gambar');
    await sleepUntil(h, '2027-07-27T00:00:00Z');
    await resubmit(handle);
    const revisionRound = await cost();
    const afterRevision = await viewBytes();

    // An approval that opens the next step, and the last approval that issues the permit.
    const approved = await decide(handle, (await view(handle)).openTasks[0], 'approve');
    const nextStep = await cost();
    await decide(handle, approved.openTasks[0], 'approve');
    await outcome(h, handle);
    const finish = costBetween(last, (await historyCounts(handle)).byType);

    const counted = (c: Cost) => ({ core: c.core, wakes: c.wakes });
    expect({
      start: counted(start),
      rung: counted(rung),
      lastRung: { core: lastRungs.core - 2 * rung.core, wakes: lastRungs.wakes - 2 * rung.wakes },
      revisionRound: counted(revisionRound),
      nextStep: counted(nextStep),
      finish: counted(finish),
    }).toEqual(COST);
    expect(counted(repeat)).toEqual(COST.lastRung);
    expect(afterRepeat - beforeRepeat).toBeLessThanOrEqual(VIEW_GROWTH.rung);
    expect(afterRevision - afterRepeat).toBeLessThanOrEqual(VIEW_GROWTH.revisionRound);
  });

  it('hands an application nobody decides over to a fresh run every 200 events by default, so a replay stays short', async () => {
    // Given a house approval (PBG, two floors, 'escalate' policy) filed on Sunday 1 August 2027 at 20:00
    // with the engine's own thresholds, its 7-day review never decided: the governor's rung repeats every
    // five business days, about 400 events a year.
    await sleepUntil(h, '2027-08-01T13:00:00Z');
    const input = applicationInput(pbgV1);
    const handle = await fileApplication(h, pbgV1, input);
    await planned(handle, 'the review planned');

    // When a year passes (to Sunday 6 August 2028).
    await sleepUntil(h, '2028-08-06T13:00:00Z');
    const latest = h.env.client.workflow.getHandle(handle.workflowId);
    await idleHistoryLength(h.db, latest);

    // Then the application went across runs, none longer than the threshold and one quiescent stretch:
    // a worker that has it no longer cached replays at most that many events.
    const runs = await runLengths(handle);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const length of runs) expect(length).toBeLessThanOrEqual(CONTINUE_AS_NEW_AFTER_EVENTS + OVERSHOOT);
    // ...and it is the same application: still in review, every rung escalated once, none lost or
    // repeated at a hand-over (the ladder, then the governor's repeats numbered on), each one recorded.
    const v = await view(latest);
    expect(v.status).toBe('in_review');
    const ladder = v.openTasks[0].escalations;
    expect(ladder.length).toBeGreaterThan(40);
    expect(ladder).toEqual(['reminder', 'section_head', 'agency_head', 'governor', ...Array.from({ length: ladder.length - 4 }, (_, i) => `governor#${i + 1}`)]);
    const rows = await escalationRows(h, input.applicationId);
    expect(rows.filter(([, rung]) => rung !== 'legal-deadline')).toHaveLength(ladder.length);
    expect(rows.filter(([, rung]) => rung === 'legal-deadline')).toHaveLength(1); // the 28-day legal term, lapsed once

    // And a decision reaches the run that holds the application now.
    const decided = await decide(latest, v.openTasks[0], 'approve');
    expect(decided.tasks.find((t) => t.id === v.openTasks[0].id)?.status).toBe('approved');
  });

  /** The length of each run of an application's workflow, following continue-as-new from the first run. */
  async function runLengths(handle: WorkflowHandleWithFirstExecutionRunId): Promise<number[]> {
    const lengths: number[] = [];
    let runId: string | undefined = handle.firstExecutionRunId;
    while (runId) {
      const history: Awaited<ReturnType<typeof handle.fetchHistory>> = await h.env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
      const events = history.events ?? [];
      lengths.push(events.length);
      runId = events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    }
    return lengths;
  }
});

/**
 * A view without what differs between two applications by construction: ids, sub-minute jitter of wall
 * times, and the order of timeline entries of the same instant (two rungs due at once are recorded in the
 * order their timers were created, which a continued run may create differently). Sequence numbers must
 * still run 1..n without a gap or a repeat.
 */
function normalized(v: ApplicationView, applicationId: string) {
  const minute = (at: string | null | undefined) => at?.slice(0, 16);
  const local = (taskId: string | undefined) => taskId?.slice(applicationId.length + 1);
  expect(v.timeline.map((e) => e.seq)).toEqual(v.timeline.map((_e, i) => i + 1));
  const key = (e: { at?: string; taskId?: string; type: string }) => `${e.at} ${e.taskId ?? ''} ${e.type}`;
  return {
    status: v.status,
    deemedGranted: v.deemedGranted,
    dueAt: v.dueAt,
    decidedAt: minute(v.decidedAt),
    tasks: v.tasks.map((t) => ({ ...t, id: local(t.id), assignedAt: minute(t.assignedAt), decidedAt: minute(t.decidedAt) })),
    timeline: v.timeline
      .map(({ seq: _seq, ...e }) => ({ ...e, at: minute(e.at), taskId: local(e.taskId) }))
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
  };
}

interface Cost {
  total: number;
  /** Events other than workflow tasks: timers, activities, Updates, start and end. They do not depend on timing. */
  core: number;
  /** What wakes the workflow (a timer fired, an activity completed, an Update arrived, the start): one workflow task each at most. */
  wakes: number;
}

const WORKFLOW_TASK_EVENTS = ['workflowTaskScheduled', 'workflowTaskStarted', 'workflowTaskCompleted', 'workflowTaskTimedOut', 'workflowTaskFailed'];
const WAKING_EVENTS = ['workflowExecutionStarted', 'timerFired', 'activityTaskCompleted', 'activityTaskFailed', 'activityTaskTimedOut', 'workflowExecutionUpdateAccepted'];

function costBetween(before: Record<string, number>, after: Record<string, number>): Cost {
  const diff = (types?: string[]) =>
    Object.keys(after)
      .filter((t) => !types || types.includes(t))
      .reduce((n, t) => n + after[t] - (before[t] ?? 0), 0);
  const total = diff();
  return { total, core: total - diff(WORKFLOW_TASK_EVENTS), wakes: diff(WAKING_EVENTS) };
}
