// The generic permit engine: interprets a PermitDefinition as a durable workflow.
// Deterministic code only: time comes from the workflow clock, the working calendar and every side
// effect from activities or the recorded input (both in history), every wait is a timer or a condition
// with a timeout.
import {
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  isCancellation,
  log,
  makeContinueAsNewFunc,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { EscalateArgs } from '../../activities/escalation.activities';
import {
  BusinessCalendar,
  CalendarSnapshot,
  jakartaLocalDate,
  measureBusinessMinutes,
  MeasureArgs,
  OutsideCalendarSnapshot,
  planDeadlines,
  PlanDeadlinesArgs,
  SNAPSHOT_SPAN_DAYS,
} from '../../libs/calendar/business-calendar';
import {
  evaluate,
  FlowNode,
  PermitDefinition,
  rungOffsetMinutes,
  StepDef,
  toBusinessMinutes,
} from '../../libs/permit-dsl/definition';
import {
  Actor,
  ApplicationStatus,
  ApplicationView,
  DecideArgs,
  decideUpdate,
  FINAL_STATUSES,
  PermitInput,
  Refusal,
  resubmitUpdate,
  ResubmitArgs,
  taskIdOf,
  TaskView,
  TimelineEvent,
  TimelineType,
  viewQuery,
  withdrawUpdate,
  WithdrawArgs,
} from '../messages';
import type { CarriedState, Clock, PendingRung, TaskState } from './state';

type Activities = ReturnType<typeof createActivities>;

const calendarRetry = { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' } as const;
const remoteCalendar = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: calendarRetry });
/**
 * Business-time arithmetic is pure and takes microseconds: as local activities it runs inside the workflow
 * task, its answer still recorded in history (a marker), without three server round trips per deadline.
 * Runs whose histories predate the change keep the regular activities they recorded.
 */
const localCalendar = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: calendarRetry });
const LOCAL_CALENDAR_PATCH = 'engine-local-calendar';
function calendar(): Pick<Activities, 'planDeadlines' | 'measureBusinessMinutes'> {
  return patched(LOCAL_CALENDAR_PATCH) ? localCalendar : remoteCalendar;
}
const sideEffectOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '1 minute' },
} as const;
const remoteSideEffects = proxyActivities<Activities>(sideEffectOptions);
const localSideEffects = proxyLocalActivities<Activities>(sideEffectOptions);

type Outcome = 'approved' | 'rejected';

/** A rung is re-sent at this interval after the ladder's last rung, so an open step always has a timer. */
const REPEAT_LAST_RUNG_MINUTES = 5 * 450;

/**
 * A run hands over to a fresh one (continue-as-new) at its first quiescent moment once its history holds
 * this many events, or this many bytes, or the server suggests it: far below Temporal's limits (51,200
 * events, 50 MB), see docs/engine.md for the figures.
 */
const CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;
const CONTINUE_AS_NEW_AFTER_BYTES = 4 * 1024 * 1024;
/** Runs recorded before continue-as-new existed keep running without it (their histories replay unchanged). */
const CONTINUE_AS_NEW_PATCH = 'engine-continue-as-new';

/**
 * Generation 3 of the engine: fewer activations per workflow task (docs/engine.md, "What each moment costs").
 *  - Business-time arithmetic runs in workflow code on a calendar snapshot: one local activity records
 *    the calendar of the days around today (at most once per Jakarta day and run), and every deadline
 *    and clock of that day is computed from it. A decree published today applies from tomorrow's first
 *    computation; a computation outside the snapshot's days asks the calendar activity as before.
 *  - The projector waits for the state to settle before writing it, so a decision and the step it opens
 *    are one projection, not two.
 *  - The projection and the escalation notices run as local activities: one short database write each,
 *    done inside the workflow task that caused it, with no activity task and no extra workflow task. A
 *    rung plans the next rung before it sends its notice, and the projector does not wait for notices
 *    (generation 4 sends them with the projection).
 * Runs recorded before keep regular activities, one calendar question per answer, and the eager projector.
 */
const LEAN_TASKS_PATCH = 'engine-lean-workflow-tasks';

/**
 * Generation 4 of the engine: fewer promises and activations per moment (docs/engine.md). The TypeScript
 * SDK records a stack trace for every promise a workflow creates, so each await costs; generation 4
 * awaits only what waits.
 *  - Business time on a snapshot of today is computed synchronously; only a stale or missing snapshot
 *    waits for the calendar activity (at most once per Jakarta day, as in generation 3).
 *  - A new application computes its first deadlines with the calendar the submitter attached
 *    (PermitInput.calendar) when it was taken today: no calendar activity at the start.
 *  - A rung's escalation notice travels with the projection that records the rung: one local activity per
 *    moment. (The legal deadline's notices, once per application, keep their own.)
 *  - The projector runs in one non-cancellable scope instead of entering one per projection.
 */
const LEAN_MOMENTS_PATCH = 'engine-lean-moments';

/** Where the legal-deadline watcher is: only 'waiting' and 'done' allow a continue-as-new. */
type WatchState = 'planning' | 'waiting' | 'paused' | 'done';

const SYSTEM: Actor = { sub: 'system', role: 'system' };
const iso = (ms: number) => new Date(ms).toISOString();
/** A timer of at least 1 ms: a zero timeout would mean "no timer" to condition(). */
const until = (at: number) => Math.max(1, at - Date.now());

export class PermitEngine {
  private status: ApplicationStatus = 'in_review';
  private deemedGranted = false;
  private readonly tasks: TaskState[] = [];
  private readonly timeline: TimelineEvent[] = [];
  private submittedAt = Date.now();
  private dueAt: number | null = null;
  private applicantDueAt: number | null = null;
  private decidedAt: number | null = null;
  private paused = false;
  private clocksStopped = false;
  private resubmitted = 0;
  private appClock: Clock = { consumed: 0, runningSince: Date.now() };
  private revision = 0;
  private projectedRevision = -1;
  private busy = 0;
  /** Escalation notices in flight that the projector does not wait for (generation 3). */
  private notifying = 0;
  private finalStatus?: ApplicationStatus;
  /** The instant the application reached its final status: a deadline's planned instant, not the timer's wake-up. */
  private finalAt?: number;
  private readonly flowScope = new CancellationScope();
  private readonly deadlineMinutes: number;
  private readonly choices: Record<string, number> = {};
  private legalDeadlinePassed = false;
  private legalWatch: WatchState = 'planning';
  /** Steps running, and those of them idle on their timer: a continue-as-new waits until the two agree. */
  private activeSteps = 0;
  private waitingSteps = 0;
  private readonly runs: number;
  private readonly continueAsNewAfterEvents: number;
  /** Generation 3 (LEAN_TASKS_PATCH): local side effects, calendar snapshots, the settled projector. */
  private lean = false;
  /** Generation 4 (LEAN_MOMENTS_PATCH): synchronous business time, notices with the projection. */
  private leanMoments = false;
  private sideEffects = remoteSideEffects;
  /** The calendar snapshot taken on `day` (a Jakarta date), and the fetch in flight if any. */
  private snapshot?: { day: string; calendar: BusinessCalendar; data: CalendarSnapshot };
  private snapshotFetch?: Promise<BusinessCalendar>;
  /** Escalation notices the next projection sends (generation 4). */
  private notices: EscalateArgs[] = [];

  constructor(
    private readonly def: Readonly<PermitDefinition>,
    private readonly input: PermitInput,
  ) {
    this.deadlineMinutes = toBusinessMinutes(def.deadline);
    this.continueAsNewAfterEvents = input.engine?.continueAsNewAfterEvents ?? CONTINUE_AS_NEW_AFTER_EVENTS;
    const carried = input.continued;
    this.runs = (carried?.runs ?? 0) + 1;
    if (carried) this.restore(carried);
  }

  async run(): Promise<ApplicationView> {
    if (patched(LEAN_TASKS_PATCH)) {
      this.lean = true;
      this.sideEffects = localSideEffects;
      if (patched(LEAN_MOMENTS_PATCH)) {
        this.leanMoments = true;
        this.adoptCalendar(this.input.calendar);
      }
    }
    this.registerHandlers();
    if (!this.input.continued) this.record('submitted', { actor: this.input.submittedBy, role: 'integrator' });
    // Generation 4: one non-cancellable scope for the projector's whole life, not one per projection.
    const projector = this.leanMoments ? CancellationScope.nonCancellable(() => this.project()) : this.project();
    const legalDeadline = this.watchLegalDeadline();

    let outcome: Outcome | undefined;
    try {
      const flow = this.flowScope.run(() => this.runNode(this.def.flow));
      // Rejects with ContinueAsNew when the history grows long; never settles otherwise.
      const rollover = this.continueAsNewWhenLong();
      outcome = await Promise.race([flow, rollover]);
    } catch (err) {
      if (!(isCancellation(err) && this.finalStatus)) throw err;
    }
    this.finish(this.finalStatus ?? (outcome === 'approved' ? 'issued' : 'rejected'));
    // The read model and every Update caller see the final state before the workflow closes.
    await condition(() => this.projectedRevision >= this.revision && this.busy === 0 && this.notifying === 0 && this.notices.length === 0 && allHandlersFinished());
    void legalDeadline;
    void projector;
    return this.view();
  }

  // ---- continue-as-new: a bounded history for applications that stay open for years ----------------

  private async continueAsNewWhenLong(): Promise<never> {
    for (;;) {
      await condition(() => this.historyIsLong() && this.quiescent());
      // Other coroutines may have run since the condition held: check again, in the same synchronous
      // stretch that takes the snapshot, so the next run starts from a consistent state.
      if (!this.quiescent()) continue;
      const carried = this.carry();
      if (!patched(CONTINUE_AS_NEW_PATCH)) {
        // A run whose history predates continue-as-new: it must keep doing what its history says.
        return condition(() => false) as Promise<never>;
      }
      const info = workflowInfo();
      log.info('continuing as new', { applicationId: this.input.applicationId, run: this.runs, historyLength: info.historyLength });
      const next = makeContinueAsNewFunc<(input: PermitInput) => Promise<ApplicationView>>({
        memo: info.memo,
        typedSearchAttributes: info.typedSearchAttributes,
      });
      const calendar = this.leanMoments ? (this.snapshot?.data ?? this.input.calendar) : this.input.calendar;
      await next({ ...this.input, ...(calendar ? { calendar } : {}), continued: carried });
    }
  }

  private historyIsLong(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= this.continueAsNewAfterEvents || info.historySize >= CONTINUE_AS_NEW_AFTER_BYTES;
  }

  /**
   * Nothing half done: every running step idles on its timer, no activity, Update or decision is in
   * flight, the read model shows the newest state, and the application waits on no applicant. A timer
   * that fired in this very activation is fine: its step has not acted yet, the next run acts on it.
   */
  private quiescent(): boolean {
    return (
      !this.isFinal() &&
      !this.paused &&
      this.busy === 0 &&
      this.notifying === 0 &&
      this.notices.length === 0 &&
      this.projectedRevision >= this.revision &&
      this.activeSteps > 0 &&
      this.waitingSteps === this.activeSteps &&
      (this.legalWatch === 'waiting' || this.legalWatch === 'done') &&
      this.tasks.every((t) => t.status !== 'open' || t.decision === undefined) &&
      allHandlersFinished()
    );
  }

  /** A deep copy of the state the next run needs. */
  private carry(): CarriedState {
    return JSON.parse(
      JSON.stringify({
        runs: this.runs,
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
      } satisfies CarriedState),
    ) as CarriedState;
  }

  private restore(c: CarriedState): void {
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

  // ---- messages -------------------------------------------------------------------------------

  private registerHandlers(): void {
    setHandler(viewQuery, () => this.view());
    setHandler(decideUpdate, (args) => this.decide(args), { validator: (args) => this.validateDecision(args) });
    setHandler(resubmitUpdate, (args) => this.resubmit(args), { validator: (_args) => this.validateResubmit() });
    setHandler(withdrawUpdate, (args) => this.withdraw(args), { validator: (_args) => this.validateOpen() });
  }

  private validateOpen(): void {
    if (this.isFinal()) {
      throw ApplicationFailure.create({
        type: Refusal.ApplicationClosed,
        message: `application is already ${this.status}; nothing more can change`,
        nonRetryable: true,
      });
    }
    // A deadline that has passed decides even if its timer has not woken yet (the same workflow task may
    // bring both, e.g. after the workers were down over the deadline): the law counts from the deadline.
    const now = Date.now();
    if (this.paused && this.applicantDueAt !== null && now >= this.applicantDueAt) {
      throw ApplicationFailure.create({
        type: Refusal.ApplicationClosed,
        message: `the applicant's deadline passed at ${iso(this.applicantDueAt)}: the application has lapsed; nothing more can change`,
        nonRetryable: true,
      });
    }
    if (this.def.onHardDeadline === 'deem-granted' && this.legalWatch === 'waiting' && this.dueAt !== null && now >= this.dueAt) {
      throw ApplicationFailure.create({
        type: Refusal.ApplicationClosed,
        message: `the legal deadline passed at ${iso(this.dueAt)}: the application is deemed granted; nothing more can change`,
        nonRetryable: true,
      });
    }
  }

  private validateDecision(args: DecideArgs): void {
    this.validateOpen();
    if (!['approve', 'reject', 'request_revision'].includes(args.decision)) {
      throw ApplicationFailure.create({
        type: Refusal.InvalidDecision,
        message: `decision must be approve, reject or request_revision, got "${String(args.decision)}"`,
        nonRetryable: true,
      });
    }
    const task = this.tasks.find((t) => t.id === args.taskId);
    if (!task) {
      throw ApplicationFailure.create({ type: Refusal.TaskNotFound, message: `no task ${args.taskId}`, nonRetryable: true });
    }
    if (!canHold(args.actor, task)) {
      throw ApplicationFailure.create({
        type: Refusal.WrongAgency,
        message: `task ${task.id} belongs to ${task.agency} (office ${task.officeId}); your token is for ${args.actor.agency ?? 'no agency'}${args.actor.office ? ` (office ${args.actor.office})` : ''}`,
        nonRetryable: true,
      });
    }
    if (this.paused) {
      throw ApplicationFailure.create({
        type: Refusal.AwaitingApplicant,
        message: 'the application waits for the applicant to answer a revision request; decide after resubmission',
        nonRetryable: true,
      });
    }
    if (task.status !== 'open' || task.decision) {
      throw ApplicationFailure.create({
        type: Refusal.TaskNotOpen,
        message: `task ${task.id} is ${task.decision ? 'already decided' : task.status}; only open tasks take a decision`,
        nonRetryable: true,
      });
    }
  }

  private async decide(args: DecideArgs): Promise<ApplicationView> {
    const task = this.tasks.find((t) => t.id === args.taskId)!;
    task.decision = { decision: args.decision, actor: args.actor, note: args.note, requestId: args.requestId };
    this.touch();
    return this.settled();
  }

  private validateResubmit(): void {
    this.validateOpen();
    if (this.status !== 'awaiting_applicant') {
      throw ApplicationFailure.create({
        type: Refusal.NoRevisionRequested,
        message: 'no revision was requested: resubmission is only possible while the application is awaiting_applicant',
        nonRetryable: true,
      });
    }
  }

  private async resubmit(args: ResubmitArgs): Promise<ApplicationView> {
    // Every clock must be stopped and measured before it may resume.
    await condition(() => this.clocksStopped || this.isFinal());
    if (this.isFinal()) return this.settled();
    if (args.data) Object.assign(this.input.data, args.data);
    if (args.documents) this.input.documents.push(...args.documents);
    this.applicantDueAt = null;
    this.record('resubmitted', { actor: args.actor.sub, role: args.actor.role, note: args.note, requestId: args.requestId }, 'in_review');
    this.resubmitted++;
    this.clocksStopped = false;
    this.paused = false;
    this.appClock.runningSince = Date.now();
    return this.settled();
  }

  private async withdraw(args: WithdrawArgs): Promise<ApplicationView> {
    this.record('withdrawn', { actor: args.actor.sub, role: args.actor.role, note: args.reason, requestId: args.requestId }, 'withdrawn');
    this.stop('withdrawn');
    return this.settled();
  }

  /** Resolves once the engine has acted on the last change and the read model shows it. */
  private async settled(): Promise<ApplicationView> {
    await condition(() => this.busy === 0 && this.notifying === 0 && this.notices.length === 0 && this.projectedRevision >= this.revision);
    return this.view();
  }

  // ---- flow -----------------------------------------------------------------------------------

  private async runNode(node: FlowNode): Promise<Outcome> {
    switch (node.kind) {
      case 'step':
        return this.runStep(node);
      case 'sequence':
        for (const child of node.steps) {
          if ((await this.runNode(child)) === 'rejected') return 'rejected';
        }
        return 'approved';
      case 'choice': {
        // Decided once: a resubmission that changes the data later does not move the application to
        // another branch, and a continued run follows the branch its predecessor took.
        this.choices[node.id] ??= node.branches.findIndex((b) => evaluate(b.when, this.input.data));
        const index = this.choices[node.id];
        const next = index >= 0 ? node.branches[index].then : node.otherwise;
        return next ? this.runNode(next) : 'approved';
      }
      case 'parallel':
        return this.runParallel(node.branches);
    }
  }

  /** All branches must approve; the first rejection cancels the others. */
  private async runParallel(branches: FlowNode[]): Promise<Outcome> {
    const scope = new CancellationScope();
    let rejected = false;
    try {
      await scope.run(() =>
        Promise.all(
          branches.map(async (branch) => {
            if ((await this.runNode(branch)) === 'rejected' && !rejected) {
              rejected = true;
              scope.cancel();
            }
          }),
        ),
      );
    } catch (err) {
      if (!(rejected && isCancellation(err))) throw err;
    }
    return rejected ? 'rejected' : 'approved';
  }

  private async runStep(step: StepDef): Promise<Outcome> {
    // A continued run meets the steps its predecessor already passed, and adopts the one still open.
    const attempts = this.tasks.filter((t) => t.stepId === step.id);
    const latest = attempts[attempts.length - 1];
    if (latest?.status === 'approved') return 'approved';
    let task = latest?.status === 'open' ? latest : undefined;
    let previous: TaskState | undefined;
    this.activeSteps++;
    try {
      for (;;) {
        task ??= this.openTask(step, (previous?.attempt ?? 0) + 1, previous);
        try {
          const decision = await this.awaitDecision(task);
          if (decision !== 'request_revision') return decision === 'approve' ? 'approved' : 'rejected';
          previous = task;
          task = undefined;
          await this.awaitApplicant();
        } catch (err) {
          if (isCancellation(err) && task?.status === 'open') {
            this.closeTask(task, this.finalStatus === 'issued' ? 'deemed' : 'cancelled', SYSTEM, undefined, undefined, this.finalAt);
          }
          throw err;
        }
      }
    } finally {
      this.activeSteps--;
    }
  }

  /** A new attempt after a revision continues the previous attempt's clock and ladder, never from zero. */
  private openTask(step: StepDef, attempt: number, previous?: TaskState): TaskState {
    const deadlineMinutes = toBusinessMinutes(step.deadline);
    const now = Date.now();
    const consumed = previous?.businessMinutesUsed ?? 0;
    const pending: PendingRung[] = previous
      ? previous.carriedRungs.map((r) => ({ ...r, at: undefined }))
      : this.def.escalation.map((rung, rungIndex) => ({ key: rung.id, rungIndex, offset: rungOffsetMinutes(rung, deadlineMinutes) }));
    const task: TaskState = {
      id: taskIdOf(this.input.applicationId, step.id, attempt),
      stepId: step.id,
      stepName: step.name,
      agency: step.agency,
      officeId: this.input.jurisdiction[step.jurisdiction ?? 'province'],
      role: step.role,
      attempt,
      status: 'open',
      assignedAt: iso(now),
      dueAt: null,
      overdue: consumed >= deadlineMinutes,
      businessMinutesUsed: consumed,
      deadlineMinutes,
      escalations: previous ? [...previous.escalations] : [],
      runningSince: now,
      pending,
      carriedRungs: [],
    };
    this.tasks.push(task);
    this.record('task.assigned', { actor: 'system', agency: task.agency, stepId: step.id, taskId: task.id });
    return task;
  }

  /** Waits for a decision on the task while firing its escalation ladder on time; the clock stops during revision. */
  private async awaitDecision(task: TaskState): Promise<DecideArgs['decision']> {
    // A task carried over a continue-as-new is planned already.
    if (task.dueAt === null || task.pending.some((r) => r.at === undefined)) {
      const planning = this.planTask(task);
      if (planning) await planning;
    }
    for (;;) {
      const next = task.pending[0];
      const wait = until(next.at ?? Date.now());
      this.waitingSteps++;
      try {
        await condition(() => task.decision !== undefined || this.paused, wait);
      } finally {
        this.waitingSteps--;
      }
      if (task.decision) {
        const { decision, actor, note, requestId } = task.decision;
        const measuring = this.measure([task]);
        if (measuring) await measuring;
        const status = decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'revision_requested';
        if (decision === 'request_revision') this.paused = true;
        this.closeTask(task, status, actor, note, requestId);
        return decision;
      }
      if (this.paused) {
        await condition(() => !this.paused);
        task.runningSince = Date.now();
        const planning = this.planTask(task);
        if (planning) await planning;
        continue;
      }
      await this.fireRung(task, next);
    }
  }

  private async fireRung(task: TaskState, rung: PendingRung): Promise<void> {
    const def = this.def.escalation[rung.rungIndex];
    task.pending.shift();
    task.escalations.push(rung.key);
    if (rung.offset >= task.deadlineMinutes) task.overdue = true;
    if (task.pending.length === 0) {
      const repeats = task.escalations.filter((k) => k.startsWith(`${def.id}#`)).length;
      task.pending.push({ key: `${def.id}#${repeats + 1}`, rungIndex: rung.rungIndex, offset: rung.offset + REPEAT_LAST_RUNG_MINUTES });
    }
    // At the rung's planned instant: the timer wakes a few milliseconds (or, with workers down, hours) later.
    this.record(
      'escalation',
      {
        actor: 'system',
        agency: task.agency,
        stepId: task.stepId,
        taskId: task.id,
        note: `${def.notify}${rung.key === def.id ? '' : ` (repeat ${rung.key.split('#')[1]})`}`,
      },
      undefined,
      rung.at,
    );
    // The rung's planned instant: timers fire a few ms late, the record says when the rung was due. Built
    // when sent: the task's due time is the one planned by then.
    const notice = () => this.escalation(task, { key: rung.key, rungId: def.id, notify: def.notify, publicList: def.publicList ?? false, at: rung.at ?? Date.now() });
    if (this.leanMoments) {
      // Queue the notice for the projection of this state, then plan the next rung (generation 4). Queued
      // first, so a cancellation while the planning waits for a calendar cannot lose it; it carries the
      // task's due time as planned when the rung fired.
      this.notices.push(notice());
      if (task.pending.length > 0 && task.pending[0].at === undefined) {
        const planning = this.planTask(task);
        if (planning) await planning;
      }
      return;
    }
    if (this.lean) {
      // Plan the next rung first, then send the notice beside the projection of the new state: the
      // projection does not wait for the notice (Update answers and a continue-as-new still do).
      if (task.pending.length > 0 && task.pending[0].at === undefined) await this.planTask(task);
      this.notifying++;
      try {
        await this.sideEffects.escalate(notice());
      } finally {
        this.notifying--;
      }
      return;
    }
    await this.tracked(() => this.sideEffects.escalate(notice()));
    if (task.pending.length > 0 && task.pending[0].at === undefined) await this.planTask(task);
  }

  /** An escalation notice about a task, keyed by task and rung: a retried or replayed send is still one notice. */
  private escalation(task: TaskState, rung: { key: string; rungId: string; notify: EscalateArgs['notify']; publicList: boolean; at: number }): EscalateArgs {
    return {
      escalationId: `${task.id}:${rung.key}`,
      applicationId: this.input.applicationId,
      trackingCode: this.input.trackingCode,
      permitType: this.def.code,
      taskId: task.id,
      stepId: task.stepId,
      agency: task.agency,
      officeId: task.officeId,
      rungId: rung.rungId,
      notify: rung.notify,
      publicList: rung.publicList,
      dueAt: task.dueAt,
      at: iso(rung.at),
    };
  }

  /**
   * Wall times of the task's due moment and pending rungs, from its clock: business time (planDeadlines
   * below). Done at once on today's snapshot (generation 4), or a promise to await.
   */
  private planTask(task: TaskState): Promise<void> | undefined {
    const items = [
      { key: 'due', minutes: Math.max(0, task.deadlineMinutes - task.businessMinutesUsed) },
      ...task.pending.map((r) => ({ key: r.key, minutes: Math.max(0, r.offset - task.businessMinutesUsed) })),
    ];
    const args = { from: iso(task.runningSince), items };
    const planned = this.computeNow(args, planDeadlines);
    if (!planned) return this.planTaskLater(task, args);
    this.applyPlan(task, planned);
    return undefined;
  }

  private async planTaskLater(task: TaskState, args: PlanDeadlinesArgs): Promise<void> {
    const planned = await this.tracked(() => this.planDeadlines(args));
    this.applyPlan(task, planned);
  }

  private applyPlan(task: TaskState, planned: Record<string, string>): void {
    task.dueAt = planned.due;
    for (const r of task.pending) r.at = Date.parse(planned[r.key]);
    this.touch();
  }

  // ---- business time -----------------------------------------------------------------------------

  /**
   * Runs before generation 3 schedule their calendar activity at once, with no await before it: the
   * activity sequence numbers in their histories depend on that order.
   */
  private planDeadlines(args: PlanDeadlinesArgs): Promise<Record<string, string>> {
    return this.lean ? this.fromSnapshot(args, planDeadlines, localCalendar.planDeadlines) : calendar().planDeadlines(args);
  }

  private measureBusinessMinutes(args: MeasureArgs): Promise<Record<string, number>> {
    return this.lean ? this.fromSnapshot(args, measureBusinessMinutes, localCalendar.measureBusinessMinutes) : calendar().measureBusinessMinutes(args);
  }

  /** Computes on today's snapshot; asks the calendar activity when the snapshot does not cover the days. */
  private async fromSnapshot<A, R>(args: A, compute: (calendar: BusinessCalendar, args: A) => R, ask: (args: A) => Promise<R>): Promise<R> {
    const snapshot = await this.snapshotCalendar();
    try {
      return compute(snapshot, args);
    } catch (err) {
      if (!(err instanceof OutsideCalendarSnapshot)) throw err;
      return ask(args);
    }
  }

  /**
   * The answer on today's snapshot without waiting (generation 4), or undefined when the snapshot is
   * stale or missing, or does not cover the days: the caller then awaits the path above.
   */
  private computeNow<A, R>(args: A, compute: (calendar: BusinessCalendar, args: A) => R): R | undefined {
    if (!this.leanMoments || this.snapshot?.day !== jakartaLocalDate(new Date())) return undefined;
    try {
      return compute(this.snapshot.calendar, args);
    } catch (err) {
      if (err instanceof OutsideCalendarSnapshot) return undefined;
      throw err;
    }
  }

  /** Takes the submitter's (or the previous run's) snapshot when it was taken today; ignores it otherwise. */
  private adoptCalendar(data: CalendarSnapshot | undefined): void {
    const today = jakartaLocalDate(new Date());
    if (data?.takenOn !== today || !(data.from <= today && today <= data.to)) return;
    try {
      this.snapshot = { day: today, calendar: BusinessCalendar.fromSnapshot(data), data };
    } catch (err) {
      // A malformed snapshot must not wedge the run: take one from the calendar activity instead.
      log.warn('ignoring the calendar snapshot in the input', { applicationId: this.input.applicationId, error: String(err) });
    }
  }

  /**
   * Today's calendar snapshot (generations 3 and 4): recorded by one local activity per Jakarta day (in
   * generation 4 only when the input brought none for today), shared by concurrent callers.
   */
  private async snapshotCalendar(): Promise<BusinessCalendar> {
    const today = jakartaLocalDate(new Date());
    if (this.snapshot?.day === today) return this.snapshot.calendar;
    this.snapshotFetch ??= localCalendar
      .calendarSnapshot({ at: iso(Date.now()), ...SNAPSHOT_SPAN_DAYS })
      .then((data) => {
        const calendar = BusinessCalendar.fromSnapshot(data);
        this.snapshot = { day: today, calendar, data };
        return calendar;
      })
      .finally(() => {
        this.snapshotFetch = undefined;
      });
    return this.snapshotFetch;
  }

  /** Adds the business minutes since each clock last started; at once on today's snapshot (generation 4), or a promise to await. */
  private measure(tasks: TaskState[], includeApp = false): Promise<void> | undefined {
    const now = Date.now();
    const items = tasks.map((t) => ({ key: t.id, from: iso(t.runningSince) }));
    if (includeApp) items.push({ key: '$app', from: iso(this.appClock.runningSince) });
    // Older generations awaited an async function here: keep their one microtask hop (replay).
    if (items.length === 0) return this.leanMoments ? undefined : Promise.resolve();
    // Restart the clocks before awaiting: a second measurement overlapping this one (a sibling decided in
    // the same moment a revision pauses the application) must not count the same minutes twice.
    for (const t of tasks) t.runningSince = now;
    if (includeApp) this.appClock.runningSince = now;
    const args = { to: iso(now), items };
    const used = this.computeNow(args, measureBusinessMinutes);
    if (!used) return this.measureLater(tasks, includeApp, args);
    this.addUsed(tasks, includeApp, used);
    return undefined;
  }

  private async measureLater(tasks: TaskState[], includeApp: boolean, args: MeasureArgs): Promise<void> {
    const used = await this.tracked(() => this.measureBusinessMinutes(args));
    this.addUsed(tasks, includeApp, used);
  }

  private addUsed(tasks: TaskState[], includeApp: boolean, used: Record<string, number>): void {
    for (const t of tasks) t.businessMinutesUsed += used[t.id];
    if (includeApp) this.appClock.consumed += used.$app;
  }

  // ---- revision and the applicant's clock ------------------------------------------------------

  /** Called by the step that asked for revision: stops every clock, waits for the applicant or lapses. */
  private async awaitApplicant(): Promise<void> {
    const round = this.resubmitted;
    const measuring = this.measure(
      this.tasks.filter((t) => t.status === 'open'),
      true,
    );
    if (measuring) await measuring;
    const args = { from: iso(Date.now()), items: [{ key: 'applicant', minutes: toBusinessMinutes(this.def.applicantDeadline) }] };
    const planned = this.computeNow(args, planDeadlines) ?? (await this.tracked(() => this.planDeadlines(args)));
    this.applicantDueAt = Date.parse(planned.applicant);
    this.clocksStopped = true;
    this.touch();
    const answered = await condition(() => this.resubmitted > round, until(this.applicantDueAt));
    if (!answered) {
      const at = this.applicantDueAt;
      this.record('lapsed', { actor: 'system', note: 'the applicant did not answer the revision request in time' }, 'lapsed', at);
      this.stop('lapsed', at);
      await condition(() => false);
    }
  }

  // ---- the legal deadline of the whole application ------------------------------------------------

  private async watchLegalDeadline(): Promise<void> {
    if (this.legalDeadlinePassed) {
      this.legalWatch = 'done';
      return;
    }
    // A continued run keeps the deadline its predecessor planned.
    let planned = this.input.continued !== undefined && this.dueAt !== null;
    for (;;) {
      if (!planned) {
        this.legalWatch = 'planning';
        const args = { from: iso(this.appClock.runningSince), items: [{ key: 'due', minutes: Math.max(0, this.deadlineMinutes - this.appClock.consumed) }] };
        const answer = this.computeNow(args, planDeadlines) ?? (await this.tracked(() => this.planDeadlines(args)));
        this.dueAt = Date.parse(answer.due);
        this.touch();
      }
      planned = false;
      this.legalWatch = 'waiting';
      const interrupted = await condition(() => this.paused || this.isFinal(), until(this.dueAt!));
      if (this.isFinal()) return;
      if (interrupted) {
        this.legalWatch = 'paused';
        await condition(() => !this.paused || this.isFinal());
        if (this.isFinal()) return;
        continue;
      }
      break;
    }
    this.legalDeadlinePassed = true;
    this.legalWatch = 'done';
    // The law counts from the deadline itself, not from the moment the timer woke up.
    const at = this.dueAt!;
    if (this.def.onHardDeadline === 'deem-granted') {
      this.deemedGranted = true;
      this.record('legal_deadline_missed', { actor: 'system', note: 'legal deadline passed without a decision: deemed granted' }, undefined, at);
      this.stop('issued', at);
    } else {
      this.record('legal_deadline_missed', { actor: 'system', note: 'legal deadline passed without a decision: escalated' }, undefined, at);
      const open = this.tasks.filter((t) => t.status === 'open');
      await Promise.all(
        open.map((task) =>
          this.tracked(() =>
            this.sideEffects.escalate(this.escalation(task, { key: 'legal-deadline', rungId: 'legal-deadline', notify: 'governor', publicList: true, at })),
          ),
        ),
      );
    }
  }

  // ---- state, timeline, read model -------------------------------------------------------------

  private stop(status: ApplicationStatus, at = Date.now()): void {
    if (this.finalStatus) return;
    this.finalStatus = status;
    this.finalAt = at;
    this.flowScope.cancel();
  }

  private finish(status: ApplicationStatus): void {
    const at = this.finalAt ?? Date.now();
    for (const t of this.tasks.filter((t) => t.status === 'open')) this.closeTask(t, status === 'issued' ? 'deemed' : 'cancelled', SYSTEM, undefined, undefined, at);
    this.paused = false;
    this.decidedAt = at;
    this.applicantDueAt = null;
    if (this.status !== status) this.record(status === 'issued' ? 'issued' : 'rejected', { actor: 'system' }, status, at);
  }

  private closeTask(task: TaskState, status: TaskView['status'], actor: Actor, note?: string, requestId?: string, at = Date.now()): void {
    task.status = status;
    task.decidedAt = iso(at);
    task.decidedBy = actor.sub;
    task.note = note;
    task.carriedRungs = task.pending;
    task.pending = [];
    const type: TimelineType =
      status === 'approved'
        ? 'task.approved'
        : status === 'rejected'
          ? 'task.rejected'
          : status === 'revision_requested'
            ? 'task.revision_requested'
            : status === 'deemed'
              ? 'task.deemed'
              : 'task.cancelled';
    const next = status === 'revision_requested' ? 'awaiting_applicant' : undefined;
    this.record(type, { actor: actor.sub, role: actor.role, agency: task.agency, stepId: task.stepId, taskId: task.id, note, requestId }, next, at);
  }

  /** Appends to the timeline (the audit trail) and moves the status when `next` is given. */
  private record(
    type: TimelineType,
    e: Omit<TimelineEvent, 'seq' | 'at' | 'type' | 'statusBefore' | 'statusAfter'>,
    next?: ApplicationStatus,
    at: number = Date.now(),
  ): void {
    const before = this.status;
    if (next) this.status = next;
    this.timeline.push({ seq: this.timeline.length + 1, at: iso(at), type, ...e, statusBefore: before, statusAfter: this.status });
    this.touch();
  }

  private touch(): void {
    this.revision++;
  }

  private isFinal(): boolean {
    return FINAL_STATUSES.includes(this.status) || this.finalStatus !== undefined;
  }

  /** Counts engine work in flight, so the projector and Update answers wait for a settled state. */
  private async tracked<T>(fn: () => Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await fn();
    } finally {
      this.busy--;
    }
  }

  /** Writes the newest settled state to the read model; never blocks the flow. */
  private async project(): Promise<void> {
    for (;;) {
      await condition(() => this.revision > this.projectedRevision && this.busy === 0);
      if (this.lean) {
        // The change that woke the projector may wake other coroutines too (a decided step hands over to
        // the next one, which starts its deadline arithmetic). A condition is checked again only after
        // every microtask has run, so this one lets them all move first; then the state is checked again.
        let checks = 0;
        await condition(() => ++checks > 1);
        if (this.busy > 0 || this.revision <= this.projectedRevision) continue;
      }
      const snapshot = this.view();
      const args = { view: snapshot, applicant: this.input.applicant, requestId: this.input.requestId };
      if (this.leanMoments) {
        // Already in a non-cancellable scope (run()); the notices of the rungs this state records go along.
        const notices = this.notices.splice(0);
        await this.sideEffects.projectApplication(notices.length > 0 ? { ...args, notices } : args);
      } else {
        await CancellationScope.nonCancellable(() => this.sideEffects.projectApplication(args));
      }
      this.projectedRevision = snapshot.revision;
    }
  }

  view(): ApplicationView {
    const tasks = this.tasks.map(({ runningSince: _r, pending: _p, carriedRungs: _c, decision: _d, ...t }) => ({ ...t, escalations: [...t.escalations] }));
    return {
      id: this.input.applicationId,
      trackingCode: this.input.trackingCode,
      permitType: this.def.code,
      definitionVersion: this.def.version,
      status: this.status,
      deemedGranted: this.deemedGranted,
      submittedBy: this.input.submittedBy,
      receivingOfficeId: this.input.receivingOfficeId,
      location: this.input.location,
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
}

/** The territorial agencies decide only for their own office; sectoral agencies for any office unless the token names one. */
const TERRITORIAL = ['KELURAHAN', 'KECAMATAN', 'WALIKOTA'];
export function canHold(actor: Actor, task: Pick<TaskView, 'agency' | 'officeId'>): boolean {
  if (actor.role !== 'approver' || actor.agency !== task.agency) return false;
  if (TERRITORIAL.includes(task.agency)) return actor.office === task.officeId;
  return actor.office === undefined || actor.office === task.officeId;
}

/** Builds the workflow function of one definition version: registered under workflowTypeOf(def). */
export function permitWorkflow(def: Readonly<PermitDefinition>): (input: PermitInput) => Promise<ApplicationView> {
  return async (input) => {
    log.info('application started', { applicationId: input.applicationId, permitType: def.code, version: def.version });
    return new PermitEngine(def, input).run();
  };
}
