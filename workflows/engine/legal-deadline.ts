// The legal deadline of the whole application: the definition's `deadline` on the application's clock,
// which stops while the applicant is asked for a revision. When it passes, the definition's policy
// applies: `deem-granted` issues the permit as deemed granted; `escalate` records the miss and sends the
// governor a notice per open task.
import type { Activities } from '../../activities';
import { type PermitDefinition, toBusinessMinutes } from '../../libs/permit-dsl/definition';
import type { PermitInput } from '../messages';
import type { BusinessClock } from './clock';
import { noticeOf } from './ladder';
import { type ApplicationState, iso } from './state';
import { rest, tracked, until } from './waits';

export class LegalDeadline {
  /** Waiting on the deadline: once it has passed, validators refuse even before the timer wakes. */
  watching = false;
  private readonly deadlineMinutes: number;

  constructor(
    private readonly def: Readonly<PermitDefinition>,
    private readonly input: PermitInput,
    private readonly state: ApplicationState,
    private readonly clock: BusinessClock,
    private readonly escalate: Activities['escalate'],
    private readonly stop: (status: 'issued', at: number) => void,
  ) {
    this.deadlineMinutes = toBusinessMinutes(def.deadline);
  }

  /** Runs as a coroutine of its own; the caller counted it as moving. */
  async watch(): Promise<void> {
    try {
      if (!this.state.legalDeadlinePassed && (await this.passes())) await this.passed();
    } finally {
      this.state.moving--;
    }
  }

  /** Waits out the application's clock; false when the application closes first. */
  private async passes(): Promise<boolean> {
    // A continued run keeps the deadline its predecessor planned.
    let planned = this.input.continued !== undefined && this.state.dueAt !== null;
    for (;;) {
      if (!planned) {
        const clock = this.state.appClock;
        const question = { from: iso(clock.runningSince), items: [{ key: 'due', minutes: Math.max(0, this.deadlineMinutes - clock.consumed) }] };
        const answer = this.clock.planNow(question) ?? (await tracked(this.state, () => this.clock.plan(question)));
        this.state.dueAt = Date.parse(answer.due);
        this.state.touch();
      }
      planned = false;
      this.watching = true;
      const interrupted = await rest(this.state, () => this.state.paused || this.state.isFinal(), until(this.state.dueAt!));
      this.watching = false;
      if (this.state.isFinal()) return false;
      if (!interrupted) return true;
      await rest(this.state, () => !this.state.paused || this.state.isFinal());
      if (this.state.isFinal()) return false;
    }
  }

  private async passed(): Promise<void> {
    this.state.legalDeadlinePassed = true;
    // The law counts from the deadline itself, not from the moment the timer woke up.
    const at = this.state.dueAt!;
    if (this.def.onHardDeadline === 'deem-granted') {
      this.state.deemedGranted = true;
      this.state.record('legal_deadline_missed', { actor: 'system', note: 'legal deadline passed without a decision: deemed granted' }, undefined, at);
      this.stop('issued', at);
      return;
    }
    this.state.record('legal_deadline_missed', { actor: 'system', note: 'legal deadline passed without a decision: escalated' }, undefined, at);
    const open = this.state.tasks.filter((t) => t.status === 'open');
    const notice = (task: (typeof open)[number]) =>
      noticeOf(this.def, this.input, task, { key: 'legal-deadline', rungId: 'legal-deadline', notify: 'governor', publicList: true, at });
    // Once per application: an activity of its own, retried until the governor's office has it.
    await Promise.all(open.map((task) => tracked(this.state, () => this.escalate(notice(task)))));
  }
}
