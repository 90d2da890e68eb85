// The permit engine: interprets a PermitDefinition as a durable workflow (docs/engine.md).
// Deterministic code only: time comes from the workflow clock, the working calendar and every side
// effect from local activities or the recorded input (both in history), every wait is a timer or a
// condition with a timeout.
//
// The engine runs as a few coroutines over one ApplicationState (state.ts): the flow (flow.ts, with one
// coroutine per parallel branch, and the steps below), the legal-deadline watcher (legal-deadline.ts),
// the projector that writes the read model, the continue-as-new watcher, and the Update handlers. The
// projector and the Update answers wait until the state is settled (waits.ts says how that is counted).
import {
  allHandlersFinished,
  CancellationScope,
  CancelledFailure,
  condition,
  isCancellation,
  log,
  makeContinueAsNewFunc,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ApplicationStatus } from '../../libs/domain/statuses';
import { type PermitDefinition, type StepDef, toBusinessMinutes } from '../../libs/permit-dsl/definition';
import {
  type ApplicationView,
  type CalendarChangedArgs,
  calendarChangedSignal,
  type DecideArgs,
  decideUpdate,
  dossierQuery,
  type PermitInput,
  type ResubmitArgs,
  resubmitUpdate,
  taskIdOf,
  viewQuery,
  type WithdrawArgs,
  withdrawUpdate,
} from '../messages';
import { businessClock, type MeasureArgs } from './clock';
import { EFFECT_OPTIONS } from './effects';
import { CONTINUE_AS_NEW_AFTER_BYTES, CONTINUE_AS_NEW_AFTER_EVENTS } from './history-limits';
import { type FlowHost, runFlow } from './flow';
import { applyPlan, carriedLadder, climb, ladderOf, needsPlanning, planQuestion, rungNotice, touchedBy } from './ladder';
import { LegalDeadline } from './legal-deadline';
import { registerClaimHandlers } from './claims';
import { refuseDecision, refuseResubmission, refuseUnlessOpen } from './refusals';
import { applyRevision, resubmissionsOf } from './revision';
import { ApplicationState, type CarriedState, iso, type Outcome, SYSTEM, type TaskState } from './state';
import { rest, tracked, until } from './waits';

const effects = proxyLocalActivities<Activities>(EFFECT_OPTIONS);

const TASK_STATUS_OF = { approve: 'approved', reject: 'rejected', request_revision: 'revision_requested' } as const;

export class PermitEngine implements FlowHost {
  readonly state = new ApplicationState(Date.now());
  private readonly clock = businessClock();
  private readonly flowScope = new CancellationScope();
  private readonly legalDeadline: LegalDeadline;
  private readonly runs: number;
  private readonly continueAsNewAfterEvents: number;

  constructor(
    private readonly def: Readonly<PermitDefinition>,
    private readonly input: PermitInput,
  ) {
    this.legalDeadline = new LegalDeadline(def, input, this.state, this.clock, effects.escalate, (status, at) => this.stop(status, at));
    this.continueAsNewAfterEvents = input.engine?.continueAsNewAfterEvents ?? CONTINUE_AS_NEW_AFTER_EVENTS;
    const carried: CarriedState | undefined = input.continued;
    this.runs = (carried?.runs ?? 0) + 1;
    if (carried) this.state.restore(carried);
  }

  get data(): Record<string, unknown> {
    return this.input.data;
  }

  async run(): Promise<ApplicationView> {
    const refused = this.clock.adopt(this.input.calendar);
    // A malformed snapshot must not wedge the run: the clock takes one from the calendar activity instead.
    if (refused) log.warn('ignoring the calendar snapshot in the input', { applicationId: this.input.applicationId, error: refused });
    this.registerHandlers();
    if (!this.input.continued) this.state.record('submitted', { actor: this.input.submittedBy, role: 'integrator' });
    // The flow and the legal-deadline watcher count as moving from the start, so the projector's first
    // projection is of the planned application.
    this.state.moving += 2;
    const projector = CancellationScope.nonCancellable(() => this.project());
    const legalDeadline = this.legalDeadline.watch();
    let outcome: Outcome | undefined;
    try {
      const flow = this.flowScope.run(() => runFlow(this, this.def.flow));
      // The rollover rejects with ContinueAsNew when the history grows long; it never resolves.
      outcome = await Promise.race([flow, this.continueAsNewWhenLong()]);
    } catch (err) {
      if (!(isCancellation(err) && this.state.finalStatus)) throw err;
    }
    this.state.finish(this.state.finalStatus ?? (outcome === 'approved' ? 'issued' : 'rejected'));
    this.state.moving--;
    // The read model and every Update caller see the final state before the workflow closes.
    const done = () => this.state.isProjected() && allHandlersFinished();
    while (!done()) await condition(done);
    void legalDeadline;
    void projector;
    return this.view();
  }

  view(): ApplicationView {
    return this.state.view(this.def, this.input);
  }

  // ---- messages ----------------------------------------------------------------------------------

  /**
   * Resolves once the engine has acted on the last change and the read model shows it. Every wait on a
   * predicate checks it again when the coroutine resumes, in the same synchronous stretch as what it
   * does next: other coroutines may have run between the SDK's evaluation and the resumption.
   */
  private async settled(): Promise<ApplicationView> {
    const projected = () => this.state.isProjected();
    while (!projected()) await condition(projected);
    return this.view();
  }

  private registerHandlers(): void {
    const refuseUnlessOpenNow = () => refuseUnlessOpen(this.state, this.def, this.legalDeadline.watching);
    setHandler(viewQuery, () => this.view());
    // Personal data stays out of the view and the read model: the API asks for it only for an approver
    // who holds an open task, and writes each such read to the audit log.
    setHandler(dossierQuery, () => ({ data: this.input.data, documents: this.input.documents, resubmissions: resubmissionsOf(this.state.timeline) }));
    setHandler(decideUpdate, (args) => this.decide(args), {
      validator: (args) => {
        refuseUnlessOpenNow();
        refuseDecision(this.state, args);
      },
    });
    setHandler(resubmitUpdate, (args) => this.resubmit(args), {
      validator: (args) => {
        refuseUnlessOpenNow();
        refuseResubmission(this.state, this.def, this.input.data, args);
      },
    });
    setHandler(withdrawUpdate, (args) => this.withdraw(args), { validator: (_args) => refuseUnlessOpenNow() });
    registerClaimHandlers(this.state, refuseUnlessOpenNow, () => this.settled());
    setHandler(calendarChangedSignal, (change: CalendarChangedArgs) => this.calendarChanged(change));
  }

  /** An admin changed the calendar: the open steps it touches are planned again (docs/calendar.md). */
  private calendarChanged(change: CalendarChangedArgs): void {
    this.clock.changedUpTo(change.revision);
    for (const task of this.state.tasks) if (touchedBy(task, change)) task.replan = true;
  }

  private async decide(args: DecideArgs): Promise<ApplicationView> {
    const task = this.state.tasks.find((t) => t.id === args.taskId)!;
    this.clock.changedUpTo(args.calendarRevision);
    task.decision = { decision: args.decision, actor: args.actor, note: args.note, requestId: args.requestId };
    this.state.touch();
    return this.settled();
  }

  private async resubmit(args: ResubmitArgs): Promise<ApplicationView> {
    this.clock.changedUpTo(args.calendarRevision);
    this.state.moving++;
    // Every clock must be stopped and measured before it may resume.
    await rest(this.state, () => this.state.clocksStopped || this.state.isFinal());
    if (!this.state.isFinal()) {
      const changes = applyRevision(this.input.data, this.input.documents, args);
      this.state.applicantDueAt = null;
      const event = { actor: args.actor.sub, role: args.actor.role, note: args.note, changedFields: changes.fields, changedDocuments: changes.documents, requestId: args.requestId };
      this.state.record('resubmitted', event, 'in_review');
      this.state.resubmitted++;
      this.state.clocksStopped = false;
      this.state.paused = false;
      this.state.appClock.runningSince = Date.now();
    }
    this.state.moving--;
    return this.settled();
  }

  private async withdraw(args: WithdrawArgs): Promise<ApplicationView> {
    this.state.record('withdrawn', { actor: args.actor.sub, role: args.actor.role, note: args.reason, requestId: args.requestId }, 'withdrawn');
    this.stop('withdrawn');
    return this.settled();
  }

  /** Ends the application (a deadline or a withdrawal): the flow unwinds, its open tasks close at `at`. */
  private stop(status: ApplicationStatus, at = Date.now()): void {
    if (this.state.finalStatus) return;
    this.state.finalStatus = status;
    this.state.finalAt = at;
    this.flowScope.cancel();
  }

  // ---- steps -------------------------------------------------------------------------------------

  async runStep(step: StepDef): Promise<Outcome> {
    // A continued run meets the steps its predecessor already passed, and adopts the one still open.
    const attempts = this.state.tasks.filter((t) => t.stepId === step.id);
    const latest = attempts[attempts.length - 1];
    if (latest?.status === 'approved') return 'approved';
    let task = latest?.status === 'open' ? latest : undefined;
    let previous: TaskState | undefined;
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
          this.state.closeTask(task, this.state.closingStatusOfOpenTasks(), SYSTEM, undefined, undefined, this.state.finalAt);
        }
        throw err;
      }
    }
  }

  /** A new attempt after a revision continues the previous attempt's clock and ladder, never from zero. */
  private openTask(step: StepDef, attempt: number, previous?: TaskState): TaskState {
    const deadlineMinutes = toBusinessMinutes(step.deadline);
    const now = Date.now();
    const consumed = previous?.businessMinutesUsed ?? 0;
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
      pending: previous ? carriedLadder(previous) : ladderOf(this.def, deadlineMinutes),
      carriedRungs: [],
      // The officer who held the step when it went back to the applicant holds its next attempt.
      ...(previous?.claimedBy ? { claimedBy: previous.claimedBy, claimedAt: iso(now) } : {}),
    };
    this.state.tasks.push(task);
    this.state.record('task.assigned', { actor: 'system', agency: task.agency, stepId: step.id, taskId: task.id });
    return task;
  }

  /** Waits for a decision on the task while its ladder climbs on time; the clock stops during a revision. */
  private async awaitDecision(task: TaskState): Promise<DecideArgs['decision']> {
    // A task carried over a continue-as-new is planned already.
    if (needsPlanning(task) && !this.planTaskNow(task)) await this.planTask(task);
    for (;;) {
      const next = task.pending[0];
      await rest(this.state, () => task.decision !== undefined || this.state.paused || task.replan === true, until(next.at ?? Date.now()));
      if (task.decision) {
        const { decision, actor, note, requestId } = task.decision;
        await this.measure([task], false);
        if (decision === 'request_revision') this.state.paused = true;
        this.state.closeTask(task, TASK_STATUS_OF[decision], actor, note, requestId);
        return decision;
      }
      if (this.state.paused) {
        await rest(this.state, () => !this.state.paused);
        task.runningSince = Date.now();
        task.replan = undefined;
        if (!this.planTaskNow(task)) await this.planTask(task);
        continue;
      }
      if (task.replan) {
        task.replan = undefined;
        if (!this.planTaskNow(task)) await this.planTask(task);
        continue;
      }
      const { rung, note } = climb(this.def, task);
      // Stamped at the rung's planned instant: the timer wakes a few milliseconds (or, with workers down, hours) later.
      const at = rung.at ?? Date.now();
      this.state.record('escalation', { actor: 'system', agency: task.agency, stepId: task.stepId, taskId: task.id, note }, undefined, at);
      // The notice goes with the next projection. Queued before the repeat is planned, so a cancellation
      // while that waits on the calendar cannot lose it; it carries the due time as planned when the rung fired.
      this.state.notices.push(rungNotice(this.def, this.input, task, rung, at));
      if (needsPlanning(task) && !this.planTaskNow(task)) await this.planTask(task);
    }
  }

  /** Plans the task's due time and pending rungs on today's snapshot; false when the calendar must be asked. */
  private planTaskNow(task: TaskState): boolean {
    const planned = this.clock.planNow(planQuestion(task));
    if (!planned) return false;
    applyPlan(task, planned);
    this.state.touch();
    return true;
  }

  private async planTask(task: TaskState): Promise<void> {
    const question = planQuestion(task);
    const planned = await tracked(this.state, () => this.clock.plan(question));
    applyPlan(task, planned);
    this.state.touch();
  }

  /** Adds the business minutes each clock used since it last started, and restarts it now. */
  private async measure(tasks: TaskState[], withApplication: boolean): Promise<void> {
    const now = Date.now();
    const question: MeasureArgs = { to: iso(now), items: tasks.map((t) => ({ key: t.id, from: iso(t.runningSince), officeId: t.officeId })) };
    if (withApplication) question.items.push({ key: '$app', from: iso(this.state.appClock.runningSince) });
    // Restarted before any wait: a second measurement overlapping this one (a sibling decided in the
    // moment a revision pauses the application) must not count the same minutes twice.
    for (const t of tasks) t.runningSince = now;
    if (withApplication) this.state.appClock.runningSince = now;
    const used = this.clock.measureNow(question) ?? (await tracked(this.state, () => this.clock.measure(question)));
    for (const t of tasks) t.businessMinutesUsed += used[t.id];
    if (withApplication) this.state.appClock.consumed += used.$app;
  }

  /** Called by the step that asked for a revision: stops every clock, waits for the applicant or lapses. */
  private async awaitApplicant(): Promise<void> {
    const round = this.state.resubmitted;
    await this.measure(
      this.state.tasks.filter((t) => t.status === 'open'),
      true,
    );
    const question = { from: iso(Date.now()), items: [{ key: 'applicant', minutes: toBusinessMinutes(this.def.applicantDeadline) }] };
    const planned = this.clock.planNow(question) ?? (await tracked(this.state, () => this.clock.plan(question)));
    const dueAt = Date.parse(planned.applicant);
    this.state.applicantDueAt = dueAt;
    this.state.clocksStopped = true;
    this.state.touch();
    if (await rest(this.state, () => this.state.resubmitted > round, until(dueAt))) return;
    this.state.record('lapsed', { actor: 'system', note: 'the applicant did not answer the revision request in time' }, 'lapsed', dueAt);
    this.stop('lapsed', dueAt);
    throw new CancelledFailure('the application lapsed');
  }

  // ---- read model and continue-as-new ------------------------------------------------------------

  /** Writes each settled state to the read model, with the notices of the rungs it records; never blocks the flow. */
  private async project(): Promise<void> {
    const due = () => this.state.revision > this.state.projectedRevision && this.state.isSettled();
    for (;;) {
      while (!due()) await condition(due);
      const view = this.view();
      const notices = this.state.notices.splice(0);
      const args = { view, applicant: this.input.applicant, requestId: this.input.requestId };
      await effects.projectApplication(notices.length > 0 ? { ...args, notices } : args);
      this.state.projectedRevision = view.revision;
    }
  }

  /**
   * Continues as new at the first quiescent moment once the history is long (docs/engine.md). The check
   * and the snapshot happen in one synchronous stretch, so the next run starts from a consistent state;
   * a timer that fired in this very workflow task has not been acted on, and the next run acts on it.
   */
  private async continueAsNewWhenLong(): Promise<never> {
    const time = () => this.historyIsLong() && this.state.isQuiescent() && allHandlersFinished();
    while (!time()) await condition(time);
    const info = workflowInfo();
    log.info('continuing as new', { applicationId: this.input.applicationId, run: this.runs, historyLength: info.historyLength });
    const next = makeContinueAsNewFunc<(input: PermitInput) => Promise<ApplicationView>>({ memo: info.memo, typedSearchAttributes: info.typedSearchAttributes });
    const calendar = this.clock.data ?? this.input.calendar;
    return next({ ...this.input, ...(calendar ? { calendar } : {}), continued: this.state.carry(this.runs) });
  }

  private historyIsLong(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= this.continueAsNewAfterEvents || info.historySize >= CONTINUE_AS_NEW_AFTER_BYTES;
  }
}

/** Builds the workflow function of one definition version: registered under workflowTypeOf(def). */
export function permitWorkflow(def: Readonly<PermitDefinition>): (input: PermitInput) => Promise<ApplicationView> {
  return async (input) => {
    log.info('application started', { applicationId: input.applicationId, permitType: def.code, version: def.version });
    return new PermitEngine(def, input).run();
  };
}
