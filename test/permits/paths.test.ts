// Generated path tests: every path of every registered definition version (test/permits/path-plan.ts)
// runs on one time-skipping test server and one worker, with the engine's invariants checked on the way:
//  - every open step has a timer (its due time is planned and the run holds a timer per open step, plus
//    the legal deadline's);
//  - the application ends in a final status, the one the path leads to;
//  - the clock stops during a revision: the legal deadline has as much business time left after the
//    resubmission as it had when the revision was asked for, and the step's new attempt continues the
//    business minutes of the first.
// Paths that need no time to pass run side by side in real time; the revision loops, then the legal
// deadlines, each share one jump of the server's clock, so no path's deadline passes under another's.
import type { WorkflowHandle } from '@temporalio/client';
import { BusinessCalendar } from '../../libs/calendar';
import { isFinalStatus } from '../../libs/domain';
import { type PermitDefinition, toBusinessMinutes } from '../../libs/permit-dsl/definition';
import { DEFINITIONS } from '../../libs/permits';
import type { ApplicationView } from '../../workflows/messages';
import { eventually, sleepUntil, type TimeSkippingHarness, timeSkippingSuite } from '../support/time-skipping';
import { applicationInput, decide, fileApplication, historyCounts, resubmit, view } from '../workflows/stories';
import { type PathKind, pathsOf, type PlannedPath } from './path-plan';

const calendar = new BusinessCalendar();
const PLAN = DEFINITIONS.flatMap(pathsOf);
const ofKind = (kind: PathKind) => PLAN.filter((p) => p.kind === kind);

let h: TimeSkippingHarness;
timeSkippingSuite('paths', (harness) => (h = harness));

/** Runs `work` on every path, a few at a time, and answers the paths that failed with why. */
async function each(paths: PlannedPath[], work: (p: PlannedPath) => Promise<void>, width = 6): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const lane = async () => {
    while (next < paths.length) {
      const p = paths[next++];
      try {
        await work(p);
      } catch (err) {
        failures.push(`${p.label}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return failures.sort();
}

async function file(p: PlannedPath): Promise<WorkflowHandle> {
  const input = { ...applicationInput(p.def), data: structuredClone(p.data) };
  return fileApplication(h, p.def as PermitDefinition, input);
}

/** The application settled: closed, or open with its deadline and every open step planned. */
function settled(handle: WorkflowHandle, what: string, accept: (v: ApplicationView) => boolean = () => true): Promise<ApplicationView> {
  return eventually(
    () => view(handle),
    (v) => isFinalStatus(v.status) || (v.status === 'in_review' && v.dueAt !== null && v.openTasks.length > 0 && v.openTasks.every((t) => t.dueAt !== null) && accept(v)) || (v.status === 'awaiting_applicant' && accept(v)),
    what,
  );
}

/**
 * Every open step has a timer: the run holds at least one timer per open step, plus the legal deadline's
 * until it has passed.
 */
async function assertTimers(handle: WorkflowHandle, v: ApplicationView): Promise<void> {
  if (v.status !== 'in_review') return;
  const deadlineAhead = !v.timeline.some((e) => e.type === 'legal_deadline_missed');
  const needed = v.openTasks.length + (deadlineAhead ? 1 : 0);
  const what = `${needed} open timers (open steps ${v.openTasks.map((t) => t.stepId).join(', ')}${deadlineAhead ? ' and the legal deadline' : ''})`;
  await eventually(() => historyCounts(handle), (c) => c.openTimers >= needed, what);
}

/** Approves whatever is open until the application closes; checks the timers at each rest. */
async function approveAll(handle: WorkflowHandle, p: PlannedPath, until?: (v: ApplicationView) => boolean): Promise<ApplicationView> {
  for (;;) {
    const v = await settled(handle, `${p.label}: settled`);
    if (isFinalStatus(v.status) || until?.(v)) return v;
    await assertTimers(handle, v);
    for (const t of v.openTasks) await decide(handle, t, 'approve');
  }
}

function expectStatus(v: ApplicationView, status: string, deemed = false): void {
  if (v.status !== status || v.deemedGranted !== deemed || v.openTasks.length > 0) {
    throw new Error(`ended ${v.status}${v.deemedGranted ? ' (deemed granted)' : ''} with ${v.openTasks.length} open step(s); expected ${status}${deemed ? ' (deemed granted)' : ''}`);
  }
}

function expectRoute(v: ApplicationView, p: PlannedPath): void {
  const ran = [...new Set(v.tasks.map((t) => t.stepId))].sort();
  const planned = p.route.steps.map((s) => s.id).sort();
  if (JSON.stringify(ran) !== JSON.stringify(planned)) throw new Error(`ran steps ${ran.join(', ')}; the route has ${planned.join(', ')}`);
}

const counts = new Map<string, number>();
for (const p of PLAN) counts.set(`${p.def.code} v${p.def.version}`, (counts.get(`${p.def.code} v${p.def.version}`) ?? 0) + 1);

describe('generated path tests of every definition version', () => {
  afterAll(() => {
    const lines = [...counts].map(([def, n]) => `  ${def.padEnd(20)} ${n} paths`);
    process.stdout.write(`generated path tests: ${PLAN.length} paths over ${counts.size} definition versions\n${lines.join('\n')}\n`);
  });

  it('plans every route, a rejection in every parallel branch, a revision loop and the legal deadline of each definition', () => {
    expect([...counts.keys()].sort()).toEqual(DEFINITIONS.map((d) => `${d.code} v${d.version}`).sort());
    const pbg = PLAN.filter((p) => p.def.code === 'PBG').map((p) => p.label);
    expect(pbg).toEqual([
      'PBG v1 approve [pbg_authority=0]',
      'PBG v1 reject at kecamatan_technical_review [pbg_authority=0]',
      'PBG v1 approve [pbg_authority=otherwise]',
      'PBG v1 reject at province_technical_consultation [pbg_authority=otherwise]',
      'PBG v1 reject at fire_safety_review [pbg_authority=otherwise]',
      'PBG v1 reject at environment_review [pbg_authority=otherwise]',
      'PBG v1 approve [pbg_authority=1]',
      'PBG v1 reject at city_technical_consultation [pbg_authority=1]',
      'PBG v1 revision loop [pbg_authority=0]',
      'PBG v1 legal deadline, escalate [pbg_authority=0]',
    ]);
  });

  it('issues on every route when every step approves, and rejects when any parallel branch (or the first step) rejects', async () => {
    const failures = await each([...ofKind('approve'), ...ofKind('reject')], async (p) => {
      const handle = await file(p);
      if (p.kind === 'approve') {
        const v = await approveAll(handle, p);
        expectStatus(v, 'issued');
        expectRoute(v, p);
        return;
      }
      const open = await approveAll(handle, p, (v) => v.openTasks.some((t) => t.stepId === p.rejectAt!.id));
      if (isFinalStatus(open.status)) throw new Error(`closed ${open.status} before ${p.rejectAt!.id} opened`);
      await decide(handle, open.openTasks.find((t) => t.stepId === p.rejectAt!.id)!, 'reject', 'tidak memenuhi syarat');
      const v = await settled(handle, `${p.label}: closed`, () => false);
      expectStatus(v, 'rejected');
    });
    expect(failures).toEqual([]);
  });

  it('stops the clock while the applicant revises, resumes it where it stopped, and issues', async () => {
    // On a Monday at 09:00 in Jakarta every application asks for a revision; the applicants answer on
    // Wednesday at 09:00, two working days later (every applicant deadline is longer).
    const now = new Date(await h.env.currentTimeMs());
    const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + ((8 - now.getUTCDay()) % 7 || 7), 2));
    await sleepUntil(h, monday.toISOString());
    const paths = ofKind('revision');
    const asked = new Map<PlannedPath, { handle: WorkflowHandle; before: ApplicationView; left: number; used: number; stepId: string }>();
    const failures = await each(paths, async (p) => {
      if (toBusinessMinutes(p.def.applicantDeadline) <= 2 * 450) throw new Error('the applicant deadline is shorter than the pause this story takes');
      const handle = await file(p);
      const v = await settled(handle, `${p.label}: planned`);
      await assertTimers(handle, v);
      const task = v.openTasks[0];
      const after = await decide(handle, task, 'request_revision', 'lengkapi gambar');
      if (after.status !== 'awaiting_applicant') throw new Error(`status ${after.status} after the revision request`);
      const at = new Date(after.timeline.filter((e) => e.type === 'task.revision_requested').at(-1)!.at);
      const done = after.tasks.find((t) => t.id === task.id)!;
      asked.set(p, { handle, before: v, left: calendar.businessMinutesBetween(at, new Date(v.dueAt!)), used: done.businessMinutesUsed, stepId: task.stepId });
    });
    await h.env.sleep(2 * 24 * 3600 * 1000);
    failures.push(
      ...(await each([...asked.keys()], async (p) => {
        const { handle, before, left, used, stepId } = asked.get(p)!;
        const paused = await view(handle);
        if (paused.status !== 'awaiting_applicant') throw new Error(`status ${paused.status} after two days waiting on the applicant`);
        await resubmit(handle);
        const resumed = await settled(handle, `${p.label}: replanned`, (v) => v.dueAt !== before.dueAt);
        const at = new Date(resumed.timeline.filter((e) => e.type === 'resubmitted').at(-1)!.at);
        const leftAfter = calendar.businessMinutesBetween(at, new Date(resumed.dueAt!));
        if (Math.abs(leftAfter - left) > 1) throw new Error(`the legal deadline had ${left} business minutes left at the revision request and ${leftAfter} after the resubmission`);
        const again = resumed.openTasks.find((t) => t.stepId === stepId && t.attempt === 2);
        if (!again || again.businessMinutesUsed !== used) throw new Error(`the step's second attempt starts from ${again?.businessMinutesUsed} business minutes, not the ${used} used before`);
        const v = await approveAll(handle, p);
        expectStatus(v, 'issued');
      })),
    );
    expect(failures.sort()).toEqual([]);
  });

  it('applies the legal deadline policy when nobody decides: deemed granted, or escalated to the governor with every step still on a timer', async () => {
    const paths = ofKind('legal-deadline');
    const open = new Map<PlannedPath, { handle: WorkflowHandle; due: number }>();
    const failures = await each(paths, async (p) => {
      const handle = await file(p);
      const v = await settled(handle, `${p.label}: planned`);
      await assertTimers(handle, v);
      open.set(p, { handle, due: Date.parse(v.dueAt!) });
    });
    // One jump past the latest legal deadline: every ladder climbs on the way.
    const latest = Math.max(...[...open.values()].map((o) => o.due));
    await sleepUntil(h, new Date(latest + 3600 * 1000).toISOString());
    failures.push(
      ...(await each([...open.keys()], async (p) => {
        const { handle, due } = open.get(p)!;
        if (p.def.onHardDeadline === 'deem-granted') {
          const v = await settled(handle, `${p.label}: deemed granted`, () => false);
          expectStatus(v, 'issued', true);
          const missed = v.timeline.find((e) => e.type === 'legal_deadline_missed');
          if (missed?.at !== new Date(due).toISOString()) throw new Error(`legal_deadline_missed at ${missed?.at}, the deadline was ${new Date(due).toISOString()}`);
          return;
        }
        const v = await settled(handle, `${p.label}: escalated`, (x) => x.timeline.some((e) => e.type === 'legal_deadline_missed'));
        if (v.status !== 'in_review' || !v.openTasks.every((t) => t.overdue)) throw new Error(`status ${v.status}, overdue ${v.openTasks.map((t) => t.overdue).join(',')} after the deadline`);
        await assertTimers(handle, v);
        expectStatus(await approveAll(handle, p), 'issued');
      })),
    );
    expect(failures.sort()).toEqual([]);
  });
});
