// The engine's working state: what an application is (status, tasks, timeline, clocks), the operations
// that change it, and the predicates the engine's coroutines wait on. No Temporal API here: the
// coroutines that drive the state live in permit-engine.ts.
import type { EscalateArgs } from '../../activities/escalation.activities';
import { isFinalStatus, type ApplicationStatus } from '../../libs/domain/statuses';
import type { PermitDefinition } from '../../libs/permit-dsl/definition';
import type { Actor, ApplicationView, DecideArgs, PermitInput, TaskView, TimelineEvent, TimelineType } from '../messages';

export interface PendingRung {
  key: string; // rung id, or `<id>#<n>` for repeats of the last rung
  rungIndex: number;
  offset: number; // business minutes on the step's clock
  at?: number; // wall time (ms), once planned
}

export interface TaskState extends TaskView {
  runningSince: number;
  pending: PendingRung[];
  /** The rungs still ahead when the task closed for a revision: the next attempt continues with them. */
  carriedRungs: PendingRung[];
  decision?: { decision: DecideArgs['decision']; actor: Actor; note?: string; requestId?: string };
  /** An admin changed the calendar of a day on or before the due time: plan the due time and rungs again (docs/calendar.md). */
  replan?: boolean;
}

export interface Clock {
  consumed: number;
  runningSince: number;
}

/**
 * Everything a run knows that the definition and the input do not: handed to the next run when the
 * history grows long (continue-as-new). Taken only when the engine is quiescent (isQuiescent below).
 * Plain JSON.
 */
export interface CarriedState {
  /** How many runs came before the one that receives this state. */
  runs: number;
  status: ApplicationStatus;
  deemedGranted: boolean;
  submittedAt: number;
  /** The legal deadline as last planned on the application's clock. */
  dueAt: number | null;
  legalDeadlinePassed: boolean;
  appClock: Clock;
  resubmitted: number;
  revision: number;
  /** Branch taken at each choice already passed (index into branches, -1 for otherwise or none). */
  choices: Record<string, number>;
  tasks: TaskState[];
  timeline: TimelineEvent[];
}

export type Outcome = 'approved' | 'rejected';

export const SYSTEM: Actor = { sub: 'system', role: 'system' };
export const iso = (ms: number): string => new Date(ms).toISOString();

const TASK_EVENT: Record<Exclude<TaskView['status'], 'open'>, TimelineType> = {
  approved: 'task.approved',
  rejected: 'task.rejected',
  revision_requested: 'task.revision_requested',
  deemed: 'task.deemed',
  cancelled: 'task.cancelled',
};

export class ApplicationState {
  status: ApplicationStatus = 'in_review';
  deemedGranted = false;
  readonly tasks: TaskState[] = [];
  readonly timeline: TimelineEvent[] = [];
  submittedAt: number;
  dueAt: number | null = null;
  applicantDueAt: number | null = null;
  decidedAt: number | null = null;
  /** A revision request stopped the clocks: the application waits on the applicant. */
  paused = false;
  /** Every clock has been measured since the pause, so a resubmission may restart them. */
  clocksStopped = false;
  resubmitted = 0;
  appClock: Clock;
  legalDeadlinePassed = false;
  readonly choices: Record<string, number> = {};
  /** Bumped on every change; the read model keeps the newest projection. */
  revision = 0;
  projectedRevision = -1;
  /** Escalation notices of rungs reached since the last projection: the next projection sends them. */
  notices: EscalateArgs[] = [];
  /** Activities in flight whose answers change the state. */
  busy = 0;
  /** Engine coroutines running between two waits (permit-engine.ts counts them). */
  moving = 0;
  /** Set when a deadline or a withdrawal ends the application; the flow then unwinds. */
  finalStatus?: ApplicationStatus;
  /** The instant the application reached its final status: a deadline's planned instant, not the timer's wake-up. */
  finalAt?: number;
  /** The flow has unwound and the final status is recorded. */
  ended = false;

  constructor(now: number) {
    this.submittedAt = now;
    this.appClock = { consumed: 0, runningSince: now };
  }

  isFinal(): boolean {
    return isFinalStatus(this.status) || this.finalStatus !== undefined;
  }

  /**
   * Nothing will change without a message, a timer or an activity's answer: every coroutine of the engine
   * waits (the counters are kept in the same synchronous stretch as the waits and wake-ups), no activity
   * whose answer the state needs is in flight, and an application being closed has finished unwinding.
   */
  isSettled(): boolean {
    return this.busy === 0 && this.moving === 0 && (this.finalStatus === undefined || this.ended);
  }

  /** Settled, and the read model shows it: what an Update answers with. */
  isProjected(): boolean {
    return this.isSettled() && this.projectedRevision >= this.revision;
  }

  /** A decision accepted on an open task that its step has not acted on yet. */
  hasPendingDecision(): boolean {
    return this.tasks.some((t) => t.status === 'open' && t.decision !== undefined);
  }

  /**
   * Safe to hand over to a new run: settled and projected, open, not waiting on the applicant (the round
   * carries promises of its own), no decision waiting for its step.
   */
  isQuiescent(): boolean {
    return !this.isFinal() && !this.paused && this.isProjected() && !this.hasPendingDecision();
  }

  touch(): void {
    this.revision++;
  }

  /** Appends to the timeline (the audit trail) and moves the status when `next` is given. */
  record(type: TimelineType, e: Omit<TimelineEvent, 'seq' | 'at' | 'type' | 'statusBefore' | 'statusAfter'>, next?: ApplicationStatus, at: number = Date.now()): void {
    const before = this.status;
    if (next) this.status = next;
    this.timeline.push({ seq: this.timeline.length + 1, at: iso(at), type, ...e, statusBefore: before, statusAfter: this.status });
    this.touch();
  }

  closeTask(task: TaskState, status: Exclude<TaskView['status'], 'open'>, actor: Actor, note?: string, requestId?: string, at = Date.now()): void {
    task.status = status;
    task.decidedAt = iso(at);
    task.decidedBy = actor.sub;
    task.note = note;
    task.carriedRungs = task.pending;
    task.pending = [];
    const next = status === 'revision_requested' ? 'awaiting_applicant' : undefined;
    this.record(TASK_EVENT[status], { actor: actor.sub, role: actor.role, agency: task.agency, stepId: task.stepId, taskId: task.id, note, requestId }, next, at);
  }

  /** How a closing application leaves its open tasks: deemed when it is issued, cancelled otherwise. */
  closingStatusOfOpenTasks(): 'deemed' | 'cancelled' {
    return this.finalStatus === 'issued' ? 'deemed' : 'cancelled';
  }

  /** Records the final status once the flow has unwound; open tasks close at the same instant. */
  finish(status: ApplicationStatus): void {
    const at = this.finalAt ?? Date.now();
    for (const t of this.tasks.filter((t) => t.status === 'open')) this.closeTask(t, status === 'issued' ? 'deemed' : 'cancelled', SYSTEM, undefined, undefined, at);
    this.paused = false;
    this.decidedAt = at;
    this.applicantDueAt = null;
    if (this.status !== status) this.record(status === 'issued' ? 'issued' : 'rejected', { actor: 'system' }, status, at);
    this.ended = true;
  }

  view(def: Readonly<PermitDefinition>, input: PermitInput): ApplicationView {
    const tasks = this.tasks.map(({ runningSince: _r, pending: _p, carriedRungs: _c, decision: _d, replan: _n, ...t }) => ({ ...t, escalations: [...t.escalations] }));
    return {
      id: input.applicationId,
      trackingCode: input.trackingCode,
      permitType: def.code,
      definitionVersion: def.version,
      status: this.status,
      deemedGranted: this.deemedGranted,
      submittedBy: input.submittedBy,
      receivingOfficeId: input.receivingOfficeId,
      location: input.location,
      submittedAt: iso(this.submittedAt),
      dueAt: this.dueAt === null ? null : iso(this.dueAt),
      applicantDueAt: this.applicantDueAt === null ? null : iso(this.applicantDueAt),
      decidedAt: this.decidedAt === null ? null : iso(this.decidedAt),
      openTasks: tasks.filter((t) => t.status === 'open'),
      tasks,
      timeline: this.timeline.map((e) => ({ ...e })),
      revision: this.revision,
    };
  }

  /** A deep copy of what the next run needs. */
  carry(runs: number): CarriedState {
    const carried: CarriedState = {
      runs,
      status: this.status,
      deemedGranted: this.deemedGranted,
      submittedAt: this.submittedAt,
      dueAt: this.dueAt,
      legalDeadlinePassed: this.legalDeadlinePassed,
      appClock: this.appClock,
      resubmitted: this.resubmitted,
      revision: this.revision,
      choices: this.choices,
      tasks: this.tasks,
      timeline: this.timeline,
    };
    return JSON.parse(JSON.stringify(carried)) as CarriedState;
  }

  restore(c: CarriedState): void {
    this.status = c.status;
    this.deemedGranted = c.deemedGranted;
    this.submittedAt = c.submittedAt;
    this.dueAt = c.dueAt;
    this.legalDeadlinePassed = c.legalDeadlinePassed;
    this.appClock = { ...c.appClock };
    this.resubmitted = c.resubmitted;
    this.revision = c.revision;
    // The previous run projected this revision before it handed over.
    this.projectedRevision = c.revision;
    Object.assign(this.choices, c.choices);
    this.tasks.push(...c.tasks);
    this.timeline.push(...c.timeline);
  }
}
