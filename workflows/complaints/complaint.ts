// A citizen's complaint (pengaduan) as a durable workflow: received, assigned to the office that must
// answer, answered publicly within its deadline in business time (an escalation ladder climbs while it is
// not), then closed: by the office, or by itself when the citizen's reopen window ends. The citizen may
// reopen it once; the office answers again on a fresh clock. An illegal-fee complaint's notice to the
// inspectorate is delivered beside all this, retried until it goes out. docs/complaints.md.
import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  COMPLAINT_ANSWER_MINUTES,
  COMPLAINT_LADDER,
  COMPLAINT_REOPEN_WINDOW_MINUTES,
  COMPLAINT_REOPENS_ALLOWED,
  COMPLAINT_REPEAT_MINUTES,
  type ComplaintRung,
  type ComplaintStatus,
} from '../../libs/domain/complaints';
import { businessClock, type PlanDeadlinesArgs } from '../engine/clock';
import { EFFECT_OPTIONS } from '../engine/effects';
import { until } from '../engine/waits';
import {
  type AnswerArgs,
  answerComplaintUpdate,
  type CloseArgs,
  closeComplaintUpdate,
  type ComplaintActor,
  type ComplaintAnswer,
  type ComplaintEvent,
  type ComplaintInput,
  ComplaintRefusal,
  type ComplaintRefusalType,
  type ComplaintView,
  complaintViewQuery,
  type ReopenArgs,
  reopenComplaintUpdate,
} from './complaint-messages';

const effects = proxyActivities<Activities>(EFFECT_OPTIONS);
// The inspectorate notice is retried until it is delivered: no schedule-to-close limit, at most every
// ten minutes. A notice missing from the outbox fails at once (NotificationMissing, non-retryable).
const inspectorate = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const iso = (ms: number) => new Date(ms).toISOString();

function refuse(type: ComplaintRefusalType, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

interface PendingRung {
  key: string;
  rung: ComplaintRung;
  at: number;
}

class Complaint {
  status: ComplaintStatus = 'received';
  responsibleOfficeId: string | null = null;
  dueAt: number | null = null;
  firstDueAt: number | null = null;
  overdue = false;
  answers: ComplaintAnswer[] = [];
  reopens = 0;
  reopenedAt: number | null = null;
  reopenUntil: number | null = null;
  /** The end of the window the latest answer opened: for the citizen's reopening, and the automatic close. */
  windowEnd: number | null = null;
  /** The current round of the answer clock: its start and the rungs ahead (null while it is planned). */
  roundFrom = 0;
  ladder: PendingRung[] | null = null;
  closedAt: number | null = null;
  events: ComplaintEvent[] = [];
  revision = 0;
  projected = 0;
  private readonly clock = businessClock();

  constructor(readonly input: ComplaintInput) {}

  note(type: ComplaintEvent['type'], actor: string, note: string | null = null, at = Date.now()): void {
    this.events.push({ seq: this.events.length + 1, at: iso(at), type, actor, note });
    this.revision++;
  }

  view(): ComplaintView {
    const round = this.answers.length > this.reopens;
    return {
      complaintId: this.input.complaintId,
      trackingCode: this.input.trackingCode,
      status: this.status,
      responsibleOfficeId: this.responsibleOfficeId,
      dueAt: this.dueAt === null || round ? null : iso(this.dueAt),
      firstDueAt: this.firstDueAt === null ? null : iso(this.firstDueAt),
      overdue: this.overdue,
      answers: this.answers.map((a) => ({ ...a })),
      reopened: this.reopens > 0,
      reopenUntil: this.reopenUntil !== null && this.reopens < COMPLAINT_REOPENS_ALLOWED ? iso(this.reopenUntil) : null,
      closedAt: this.closedAt === null ? null : iso(this.closedAt),
      events: this.events.map((e) => ({ ...e })),
      revision: this.revision,
    };
  }

  async plan(args: PlanDeadlinesArgs): Promise<Record<string, number>> {
    const planned = this.clock.planNow(args) ?? (await this.clock.plan(args));
    return Object.fromEntries(Object.entries(planned).map(([k, v]) => [k, Date.parse(v)]));
  }

  /** Whether this round's answer is still awaited. */
  awaitingAnswer(): boolean {
    return this.status === 'assigned' || this.status === 'reopened';
  }

  // Update validators: a refusal leaves no trace in history.
  validateAnswer({ actor }: AnswerArgs): void {
    if (this.status === 'closed') refuse(ComplaintRefusal.Closed, 'the complaint is closed; nothing more can change');
    if (this.status === 'received') refuse(ComplaintRefusal.NotAssigned, 'the complaint is being assigned to its office; retry in a moment');
    if (!this.awaitingAnswer()) refuse(ComplaintRefusal.AlreadyAnswered, 'the complaint is already answered; it waits for the citizen or for closing');
    this.mayAct(actor);
  }

  validateClose({ actor }: CloseArgs): void {
    if (this.status === 'closed') refuse(ComplaintRefusal.Closed, 'the complaint is already closed');
    if (this.status !== 'answered') refuse(ComplaintRefusal.NotAnswered, 'answer the complaint publicly before closing it');
    this.mayAct(actor);
  }

  validateReopen(): void {
    if (this.reopens >= COMPLAINT_REOPENS_ALLOWED) refuse(ComplaintRefusal.ReopenRefused, 'the complaint was reopened once already; it cannot be reopened again');
    if (this.answers.length === 0) refuse(ComplaintRefusal.NotAnswered, 'the complaint has no answer yet; the office answers by its due time');
    if (this.reopenUntil !== null && Date.now() >= this.reopenUntil) refuse(ComplaintRefusal.ReopenRefused, `the reopen window ended at ${iso(this.reopenUntil)}`);
  }

  private mayAct(actor: ComplaintActor): void {
    if (actor.role === 'admin') return;
    if (actor.role !== 'approver' || !actor.office || actor.office !== this.responsibleOfficeId) {
      refuse(ComplaintRefusal.WrongOffice, `the complaint is answered by office ${this.responsibleOfficeId}; your token names ${actor.office ?? 'no office'}`);
    }
  }
}

/** Plans a round of the answer clock from `from`: its due time and its ladder. */
async function planRound(c: Complaint, from: number): Promise<void> {
  const plan = await c.plan({
    from: iso(from),
    items: [{ key: 'due', minutes: COMPLAINT_ANSWER_MINUTES }, ...COMPLAINT_LADDER.map((r) => ({ key: r.id, minutes: r.offset }))],
  });
  c.roundFrom = from;
  c.dueAt = plan.due;
  c.firstDueAt ??= plan.due;
  c.ladder = COMPLAINT_LADDER.map((rung) => ({ key: rung.id, rung, at: plan[rung.id] }));
  c.revision++;
}

/** Climbs the round's ladder until it is answered; the last rung repeats, so an open complaint always has a timer. */
async function awaitAnswer(c: Complaint): Promise<void> {
  await condition(() => c.ladder !== null);
  const pending = c.ladder!;
  const from = c.roundFrom;
  const round = c.reopens + 1;
  let repeats = 0;
  for (;;) {
    const next = pending[0];
    if (await condition(() => c.answers.length >= round, until(next.at))) return;
    pending.shift();
    if (next.rung.offset >= COMPLAINT_ANSWER_MINUTES) c.overdue = true;
    c.note('escalated', 'system', `${next.key}: ${next.rung.notify}`, next.at);
    if (pending.length === 0) {
      const repeat = next.rung.offset + COMPLAINT_REPEAT_MINUTES;
      const at = (await c.plan({ from: iso(from), items: [{ key: 'repeat', minutes: repeat }] })).repeat;
      const base = next.key.split('#')[0];
      pending.push({ key: `${base}#${++repeats + 1}`, rung: { ...next.rung, offset: repeat }, at });
    }
    await effects.escalateComplaint({
      complaintId: c.input.complaintId,
      trackingCode: c.input.trackingCode,
      category: c.input.category,
      responsibleOfficeId: c.responsibleOfficeId!,
      rungKey: `${round}:${next.key}`,
      notify: next.rung.notify,
      dueAt: iso(c.dueAt!),
      at: iso(next.at),
    });
  }
}

/** Waits for the citizen's reopening until the window the answer opened ends; answers whether they reopened. */
async function reopenWindow(c: Complaint): Promise<boolean> {
  await condition(() => c.windowEnd !== null);
  const end = c.windowEnd!;
  if (c.reopens >= COMPLAINT_REOPENS_ALLOWED) {
    // No reopening left: the office's close ends it, or the same window after this answer.
    await condition(() => c.status === 'closed', until(end));
    return false;
  }
  const reopens = c.reopens;
  return condition(() => c.reopens > reopens, until(end));
}

export async function complaint(input: ComplaintInput): Promise<ComplaintView> {
  const c = new Complaint(input);
  c.note('received', 'citizen', null, Date.parse(input.filedAt));
  let finished = false;

  // The read model follows every change, newest revision wins (projectComplaint keeps the newest).
  const projector = (async () => {
    for (;;) {
      await condition(() => c.revision > c.projected || finished);
      if (c.revision === c.projected) return;
      const view = c.view();
      await effects.projectComplaint({ view, input });
      c.projected = view.revision;
    }
  })();
  const projectedNow = async () => {
    const revision = c.revision;
    await condition(() => c.projected >= revision);
    return c.view();
  };

  setHandler(complaintViewQuery, () => c.view());
  setHandler(
    answerComplaintUpdate,
    async (args: AnswerArgs) => {
      const at = Date.now();
      const onTime = c.dueAt === null || at <= c.dueAt;
      c.answers.push({ at: iso(at), by: args.actor.sub, text: args.text.trim(), onTime });
      c.status = 'answered';
      c.note('answered', args.actor.sub, onTime ? 'on time' : 'late');
      c.windowEnd = (await c.plan({ from: iso(at), items: [{ key: 'until', minutes: COMPLAINT_REOPEN_WINDOW_MINUTES }] })).until;
      if (c.reopens < COMPLAINT_REOPENS_ALLOWED) c.reopenUntil = c.windowEnd;
      c.revision++;
      return projectedNow();
    },
    { validator: (args: AnswerArgs) => c.validateAnswer(args) },
  );
  setHandler(
    closeComplaintUpdate,
    async (args: CloseArgs) => {
      c.status = 'closed';
      c.closedAt = Date.now();
      c.note('closed', args.actor.sub, args.note?.trim() || null);
      return projectedNow();
    },
    { validator: (args: CloseArgs) => c.validateClose(args) },
  );
  setHandler(
    reopenComplaintUpdate,
    async (args: ReopenArgs) => {
      c.reopens++;
      c.reopenedAt = Date.now();
      c.windowEnd = null;
      c.ladder = null;
      c.status = 'reopened';
      c.closedAt = null;
      c.overdue = false;
      c.note('reopened', 'citizen', args.reason.trim() || null);
      await planRound(c, c.reopenedAt);
      return projectedNow();
    },
    { validator: (_args: ReopenArgs) => c.validateReopen() },
  );

  const notice = input.inspectorateNotice
    ? inspectorate.deliverComplaintNotice({ dedupKey: input.inspectorateNotice }).then((sent) => {
        c.note('inspectorate_notified', 'system', sent ? 'notice delivered' : 'notice in the outbox (no mail server configured)');
      })
    : Promise.resolve();

  const assigned = await effects.assignComplaint({ complaintId: input.complaintId });
  c.responsibleOfficeId = assigned.officeId;
  c.status = 'assigned';
  c.note('assigned', 'system', assigned.officeId);
  await planRound(c, Date.parse(input.filedAt));
  await awaitAnswer(c);
  while (await reopenWindow(c)) await awaitAnswer(c);
  if ((c.status as ComplaintStatus) !== 'closed') {
    // Closed as of the window's end: the timer fires at it, the instant is the rule's, not the timer's.
    c.status = 'closed';
    c.closedAt = c.windowEnd ?? Date.now();
    c.note('closed', 'system', 'the reopen window ended', c.closedAt);
  }
  await notice;
  finished = true;
  await projector;
  return c.view();
}
