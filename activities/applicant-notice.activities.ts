import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { findDefinition } from '../libs/permits';
import { renderNotice, type NoticeChannel, type NoticeKind } from '../libs/notices/templates';
import { APPLICANT_NOTICE_WORKFLOW, applicantNoticeWorkflowId, type ApplicantNoticeArgs, type ApplicantNoticeWorkflow } from '../workflows/delivery/contracts';
import type { Applicant, ApplicationView, TimelineEvent } from '../workflows/messages';
import { SmsNotSent, type SignedSmsGateway } from './sms-gateway';

export interface ApplicantNoticeOptions {
  /** Base of the tracking link in messages: `<publicBaseUrl>/lacak/<code>`. */
  publicBaseUrl: string;
  mail?: { transport: Transporter; from: string };
  /** Without one, SMS notices fail over to email at once. */
  sms?: SignedSmsGateway;
}

/**
 * Events older than this, measured from the newest event of the view, get no notice: an application
 * already under way when notices were switched on hears about its next change only, not its history.
 */
export const NOTICE_BACKFILL_WINDOW_MS = 24 * 60 * 60 * 1000;

interface PlannedNotice {
  seq: number;
  kind: NoticeKind;
  note?: string;
  dueAt?: string;
}

/** Which timeline events of a view the applicant hears about, with what each says. */
export function noticesOf(view: ApplicationView): PlannedNotice[] {
  const events = [...view.timeline].sort((a, b) => a.seq - b.seq);
  const newest = events.length > 0 ? Date.parse(events[events.length - 1].at) : 0;
  const planned: PlannedNotice[] = [];
  let lastRejection: TimelineEvent | undefined;
  for (const e of events) {
    if (e.type === 'task.rejected') lastRejection = e;
    if (newest - Date.parse(e.at) > NOTICE_BACKFILL_WINDOW_MS) continue;
    if (e.type === 'submitted') planned.push({ seq: e.seq, kind: 'filed' });
    else if (e.type === 'task.revision_requested') {
      // The lapse instant is the view's own while it waits on this request (the newest one).
      const waiting = view.status === 'awaiting_applicant' && view.applicantDueAt !== null;
      planned.push({ seq: e.seq, kind: 'revision_requested', note: e.note, ...(waiting ? { dueAt: view.applicantDueAt! } : {}) });
    } else if (e.type === 'issued') planned.push({ seq: e.seq, kind: view.deemedGranted ? 'deemed_granted' : 'issued' });
    else if (e.type === 'rejected') planned.push({ seq: e.seq, kind: 'rejected', note: e.note ?? lastRejection?.note });
    else if (e.type === 'lapsed') planned.push({ seq: e.seq, kind: 'lapsed' });
  }
  return planned;
}

/** SMS where a phone is given, else email where an address is given, else nothing. */
export function primaryChannel(applicant: Applicant): { channel: NoticeChannel; recipient: string } | undefined {
  if (applicant.phone) return { channel: 'sms', recipient: applicant.phone };
  if (applicant.email) return { channel: 'email', recipient: applicant.email };
  return undefined;
}

interface NoticeRow {
  id: string;
  application_id: string;
  event_seq: number;
  kind: NoticeKind;
  channel: NoticeChannel;
  recipient: string;
  subject: string;
  body: string;
  state: 'pending' | 'delivered' | 'failed';
  fallback_recipient: string | null;
  fallback_body: string | null;
}

export function createApplicantNoticeActivities(db: DataSource, opts: ApplicantNoticeOptions) {
  const findRow = async (id: string): Promise<NoticeRow> => {
    const rows: NoticeRow[] = await db.query(`SELECT * FROM applicant_notice WHERE id = $1`, [id]);
    if (!rows[0]) throw ApplicationFailure.nonRetryable(`no applicant notice ${id} in the outbox`, 'NoticeMissing');
    return rows[0];
  };
  const attempted = (id: string, error: string | null) =>
    db.query(
      `UPDATE applicant_notice SET attempts = attempts + 1, last_attempt_at = now(), last_error = $2,
         state = CASE WHEN $2::text IS NULL THEN 'delivered' ELSE state END,
         delivered_at = CASE WHEN $2::text IS NULL THEN now() ELSE delivered_at END
       WHERE id = $1`,
      [id, error],
    );

  return {
    /** Delivers one SMS notice. Retried by its workflow; the gateway sees the row id as idempotency key, so a retry after a lost answer is sent once. */
    async deliverApplicantSms({ noticeId }: { noticeId: string }): Promise<void> {
      const row = await findRow(noticeId);
      if (row.state === 'delivered') return;
      if (!opts.sms) {
        await attempted(noticeId, 'no SMS gateway configured (SMS_GATEWAY_URL)');
        throw ApplicationFailure.nonRetryable('no SMS gateway configured: set SMS_GATEWAY_URL, SMS_GATEWAY_KEY_ID and SMS_GATEWAY_SECRET', 'SmsRefused');
      }
      try {
        await opts.sms.send({ to: row.recipient, text: row.body, idempotencyKey: row.id });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await attempted(noticeId, message);
        if (err instanceof SmsNotSent && err.reason === 'refused') throw ApplicationFailure.nonRetryable(message, 'SmsRefused');
        throw ApplicationFailure.retryable(message, 'SmsUnconfirmed');
      }
      await attempted(noticeId, null);
    },

    /** The SMS did not go out: the same message by email, as its own outbox row. Null when the applicant gave no address. */
    async openEmailFallback({ noticeId }: { noticeId: string }): Promise<string | null> {
      const sms = await findRow(noticeId);
      if (!sms.fallback_recipient || !sms.fallback_body) return null;
      const id = `${sms.application_id}:${sms.event_seq}:email`;
      await db.query(
        `INSERT INTO applicant_notice (id, application_id, event_seq, kind, channel, recipient, language, subject, body, fallback_of, handed_over_at)
         SELECT $1, application_id, event_seq, kind, 'email', fallback_recipient, language, subject, fallback_body, id, now()
           FROM applicant_notice WHERE id = $2
         ON CONFLICT DO NOTHING`,
        [id, sms.id],
      );
      return id;
    },

    /** Delivers one email notice through SMTP; the Message-ID carries the row id, so receivers can drop a repeat. */
    async deliverApplicantEmail({ noticeId }: { noticeId: string }): Promise<void> {
      const row = await findRow(noticeId);
      if (row.state === 'delivered') return;
      if (!opts.mail) {
        await attempted(noticeId, 'no mail server configured (SMTP_HOST): the message waits in the outbox');
        return;
      }
      try {
        await opts.mail.transport.sendMail({ from: opts.mail.from, to: row.recipient, subject: row.subject, text: row.body, messageId: `<${row.id.replace(/:/g, '.')}@satupintu>` });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await attempted(noticeId, message);
        throw ApplicationFailure.retryable(`the mail server did not take the notice: ${message}`, 'EmailNotSent');
      }
      await attempted(noticeId, null);
    },

    /** Every retry is spent: the row says so, for an operator (and the tracking page shows it undelivered). */
    async markApplicantNoticeFailed({ noticeId, reason }: { noticeId: string; reason: string }): Promise<void> {
      await db.query(`UPDATE applicant_notice SET state = 'failed', last_error = coalesce(last_error, $2) WHERE id = $1 AND state = 'pending'`, [noticeId, reason]);
    },
  };
}

function render(view: ApplicationView, who: Applicant, p: PlannedNotice, publicBaseUrl: string) {
  const language = who.language === 'en' ? 'en' : 'id';
  const def = findDefinition(view.permitType, view.definitionVersion);
  const code = view.trackingCode;
  return renderNotice({
    kind: p.kind,
    language,
    name: who.name,
    trackingCode: code,
    permitName: def ? def.name[language] : view.permitType,
    trackingUrl: `${publicBaseUrl.replace(/\/$/, '')}/lacak/${code}`,
    note: p.note,
    dueAt: p.dueAt,
  });
}

/**
 * Called by the projection with each new view: writes the applicant's notices for the view's events to
 * the outbox (keyed by application, event and channel: a retry writes nothing twice), then hands every
 * row not yet handed over to a delivery workflow of its own. The application's workflow never waits on
 * a notice: delivery happens in those workflows.
 */
export async function enqueueApplicantNotices(db: DataSource, view: ApplicationView, applicant: Applicant, publicBaseUrl: string): Promise<void> {
  const route = primaryChannel(applicant);
  if (!route) return;
  const language = applicant.language === 'en' ? 'en' : 'id';
  const rows = noticesOf(view).map((p) => {
    const text = render(view, applicant, p, publicBaseUrl);
    return {
      id: `${view.id}:${p.seq}:${route.channel}`,
      seq: p.seq,
      kind: p.kind,
      subject: text.subject,
      body: route.channel === 'sms' ? text.sms : text.body,
      fallback_body: route.channel === 'sms' && applicant.email ? text.body : null,
    };
  });
  if (rows.length > 0) {
    await db.query(
      `INSERT INTO applicant_notice (id, application_id, event_seq, kind, channel, recipient, language, subject, body, fallback_recipient, fallback_body)
       SELECT r.id, $1, r.seq, r.kind, $2, $3, $4, r.subject, r.body, CASE WHEN r.fallback_body IS NULL THEN NULL ELSE $6 END, r.fallback_body
         FROM jsonb_to_recordset($5::jsonb) AS r(id text, seq int, kind text, subject text, body text, fallback_body text)
       ON CONFLICT DO NOTHING`,
      [view.id, route.channel, route.recipient, language, JSON.stringify(rows), applicant.email ?? null],
    );
  }
  // Rows a crashed earlier try wrote but did not hand over are handed over now.
  const waiting: Array<{ id: string; channel: NoticeChannel }> = await db.query(
    `SELECT id, channel FROM applicant_notice WHERE application_id = $1 AND handed_over_at IS NULL ORDER BY event_seq`,
    [view.id],
  );
  if (waiting.length === 0) return;
  const ctx = Context.current();
  for (const w of waiting) {
    const args: ApplicantNoticeArgs = { noticeId: w.id, channel: w.channel };
    try {
      await ctx.client.workflow.start<ApplicantNoticeWorkflow>(APPLICANT_NOTICE_WORKFLOW, {
        workflowId: applicantNoticeWorkflowId(args),
        taskQueue: ctx.info.taskQueue,
        args: [args],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    await db.query(`UPDATE applicant_notice SET handed_over_at = now() WHERE id = $1`, [w.id]);
  }
}

/** The projection activity, followed by the applicant's notices for the view (kept apart like the webhook outbox). */
export function withApplicantNotices<T extends { projectApplication(args: { view: ApplicationView; applicant: Applicant }): Promise<void> }>(
  db: DataSource,
  opts: ApplicantNoticeOptions | undefined,
  projection: T,
): T {
  if (!opts) return projection;
  return {
    ...projection,
    async projectApplication(args: Parameters<T['projectApplication']>[0]): Promise<void> {
      await projection.projectApplication(args);
      await enqueueApplicantNotices(db, args.view, args.applicant, opts.publicBaseUrl);
    },
  };
}
