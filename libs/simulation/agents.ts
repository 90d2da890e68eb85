// The simulated people: approvers who take up a task and decide it after a log-normal number of business
// minutes (their agency's pace a share of the step deadline), rejecting or asking for a revision now and
// then; applicants who answer a revision request (or let it lapse) and sometimes withdraw.
import { BusinessCalendar, MINUTES_PER_BUSINESS_DAY } from '../calendar';
import { toBusinessMinutes } from '../permit-dsl/definition';
import { FINAL_STATUSES, taskIdOf } from '../domain';
import type { ApplicationView, Decision } from '../../workflows/messages';
import type { Agendas } from './agenda';
import { decisionSlotAtOrAfter } from './clock';
import { AGENCY_PACE, DEFAULT_PACE, entrySteps, LAPSE_SHARE, officersAt, PACE_SIGMA, REJECT_SHARE, REVISION_SHARE, SLOW_PACE } from './permits';
import { logNormal } from './random';
import type { SimApp } from './traffic';

/** A task as an agent sees it when it reaches the desk. */
export interface TaskAtDesk {
  id: string;
  stepId: string;
  agency: string;
  officeId: string;
  attempt: number;
  deadlineMinutes: number;
}

export class Agents {
  constructor(
    private readonly calendar: BusinessCalendar,
    private readonly agendas: Agendas,
    private readonly slowAgency: string | undefined,
  ) {}

  private paceOf(agency: string): number {
    return agency === this.slowAgency ? SLOW_PACE : (AGENCY_PACE[agency] ?? DEFAULT_PACE);
  }

  /** Just filed at `instant`: agents take up the first steps; an applicant who will withdraw plans when. */
  filed(app: SimApp, instant: number): void {
    const entry = entrySteps(app.def.flow, app.input.data);
    app.openTasks = entry.length;
    for (const s of [...entry].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const task: TaskAtDesk = {
        id: taskIdOf(app.input.applicationId, s.id, 1),
        stepId: s.id,
        agency: s.agency,
        officeId: app.input.jurisdiction[s.jurisdiction ?? 'province'],
        attempt: 1,
        deadlineMinutes: toBusinessMinutes(s.deadline),
      };
      this.takeUp(app, instant, task, true);
    }
    if (app.withdrawAfterMinutes !== undefined) {
      const when = this.calendar.addBusinessMinutes(new Date(instant), app.withdrawAfterMinutes).getTime();
      this.agendas.schedule(decisionSlotAtOrAfter(this.calendar, when), app, { kind: 'withdraw' });
    }
  }

  /** The application answered an action at `instant` with this view: react to what changed. */
  follow(app: SimApp, view: ApplicationView, instant: number): void {
    if (FINAL_STATUSES.includes(view.status)) {
      app.closed = true;
      return;
    }
    app.openTasks = view.openTasks.length;
    if (view.status === 'awaiting_applicant') {
      if (app.rng() >= LAPSE_SHARE) {
        const answer = this.calendar.addBusinessMinutes(new Date(instant), Math.max(1, logNormal(app.rng, 1.5 * MINUTES_PER_BUSINESS_DAY, 0.6)));
        this.agendas.schedule(decisionSlotAtOrAfter(this.calendar, answer.getTime()), app, { kind: 'resubmit' });
      }
      return;
    }
    for (const t of [...view.openTasks].sort((a, b) => (a.stepId < b.stepId ? -1 : 1))) {
      if (!app.known.has(t.id)) this.takeUp(app, instant, t);
    }
  }

  /** An agent takes up a task that opened at `clockStart` (a simulated instant) and picks when and what to decide. */
  private takeUp(app: SimApp, clockStart: number, t: TaskAtDesk, atFiling = false): void {
    app.known.add(t.id);
    const rng = app.rng;
    const minutes = Math.max(1, logNormal(rng, this.paceOf(t.agency) * t.deadlineMinutes * (t.attempt > 1 ? 0.5 : 1), PACE_SIGMA));
    const x = rng();
    const decision: Decision =
      x < REJECT_SHARE ? 'reject' : x < REJECT_SHARE + REVISION_SHARE && t.attempt === 1 && app.openTasks === 1 ? 'request_revision' : 'approve';
    const officer = `${t.agency.toLowerCase()}.${t.officeId}.${1 + Math.floor(rng() * officersAt(t.officeId))}`;
    // A step due within the working day (a signature, a registry check) that reaches the desk at a slot
    // is handled there and then when the agent is quick; otherwise it waits for the next slot after the
    // agent's business minutes have run. Not at the filing instant itself: the workflow opens its first
    // steps in its first task, and a decision sent before that would find no step to decide.
    const atDesk =
      !atFiling && t.deadlineMinutes < MINUTES_PER_BUSINESS_DAY && minutes <= t.deadlineMinutes / 2 && !this.calendar.isWorkingTime(new Date(clockStart));
    const when = atDesk ? clockStart : decisionSlotAtOrAfter(this.calendar, this.calendar.addBusinessMinutes(new Date(clockStart), minutes).getTime());
    this.agendas.schedule(when, app, { kind: 'decide', taskId: t.id, stepId: t.stepId, agency: t.agency, officeId: t.officeId, decision, officer });
  }
}
