import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { type ComplaintAudience, INSPECTORATE_RECIPIENT } from '../libs/domain/complaints';
import type { ComplaintEscalationArgs, ComplaintInput, ComplaintView } from '../workflows/complaints/complaint-messages';
import { sendOrHandOver } from './delivery-handover';
import type { Notification, Notifier } from './notifier';

interface OfficeRow {
  id: string;
  type: string;
  parent_id: string | null;
}

/** An office's mailbox for complaints: its desk, or its head. */
const mailbox = (officeId: string, who: 'pengaduan' | 'kepala') => `${who}@${officeId.toLowerCase()}.ptsp.jakarta.go.id`;

const AUDIENCE: Record<ComplaintAudience, string> = {
  office: "the office's complaint desk",
  office_head: 'the head of the office',
  supervisor: 'the supervising office',
};

/**
 * The effects of a complaint's workflow: who must answer it, the read model (complaint and
 * complaint_event, written idempotently), escalation notices and the inspectorate notice.
 */
export function createComplaintActivities(db: DataSource, notifier: Notifier) {
  const office = async (id: string): Promise<OfficeRow | undefined> =>
    ((await db.query(`SELECT id, type, parent_id FROM office WHERE id = $1`, [id])) as OfficeRow[])[0];

  /** The kecamatan office of an office (itself, its parent, or its parent's), or the office itself above kecamatan level. */
  const kecamatanOffice = async (id: string): Promise<string> => {
    let o = await office(id);
    for (let hops = 0; o && hops < 3; hops++) {
      if (o.type === 'kecamatan') return o.id;
      if (o.type === 'city' || o.type === 'regency' || o.type === 'province' || !o.parent_id) return o.id;
      o = await office(o.parent_id);
    }
    return id;
  };

  const recipientOf = async (a: ComplaintEscalationArgs): Promise<string> => {
    if (a.notify === 'office') return mailbox(a.responsibleOfficeId, 'pengaduan');
    if (a.notify === 'office_head') return mailbox(a.responsibleOfficeId, 'kepala');
    const parent = (await office(a.responsibleOfficeId))?.parent_id;
    return parent ? mailbox(parent, 'kepala') : INSPECTORATE_RECIPIENT;
  };

  return {
    /**
     * The office that must answer: the receiving office of the application the complaint names, else
     * the kecamatan office of the office complained about (a kelurahan's or an outlet's camat).
     */
    async assignComplaint({ complaintId }: { complaintId: string }): Promise<{ officeId: string }> {
      const rows: Array<{ office_id: string; receiving_office_id: string | null }> = await db.query(
        `SELECT c.office_id, a.receiving_office_id FROM complaint c LEFT JOIN application a ON a.id = c.application_id WHERE c.id = $1`,
        [complaintId],
      );
      if (rows.length === 0) throw ApplicationFailure.nonRetryable(`no complaint ${complaintId} in the read model`, 'ComplaintMissing');
      return { officeId: rows[0].receiving_office_id ?? (await kecamatanOffice(rows[0].office_id)) };
    },

    /** The complaint row as the workflow sees it, newest revision wins; timeline events keyed by their sequence number. */
    async projectComplaint({ view, input }: { view: ComplaintView; input: ComplaintInput }): Promise<void> {
      const first = view.answers[0];
      const last = view.answers[view.answers.length - 1];
      await db.transaction(async (m) => {
        await m.query(
          `UPDATE complaint SET status = $2, responsible_office_id = $3, due_at = $4, first_due_at = $5, overdue = $6,
             answer = $7, answered_at = $8, first_answered_at = $9, answered_on_time = $10, reopened = $11, reopen_until = $12,
             closed_at = $13, revision = $14
           WHERE id = $1 AND revision < $14`,
          [
            input.complaintId,
            view.status,
            view.responsibleOfficeId,
            view.dueAt,
            view.firstDueAt,
            view.overdue,
            last?.text ?? null,
            last?.at ?? null,
            first?.at ?? null,
            first ? first.onTime : null,
            view.reopened,
            view.reopenUntil,
            view.closedAt,
            view.revision,
          ],
        );
        for (const e of view.events) {
          await m.query(`INSERT INTO complaint_event (complaint_id, seq, at, type, actor, note) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING`, [
            input.complaintId,
            e.seq,
            e.at,
            e.type,
            e.actor,
            e.note,
          ]);
        }
      });
    },

    /**
     * A rung of an unanswered complaint: one notice per rung (keyed), tried once here; when the mail
     * server refuses, handed to a delivery workflow that retries it, so the ladder never waits on mail.
     */
    async escalateComplaint(a: ComplaintEscalationArgs): Promise<void> {
      const n: Notification = {
        dedupKey: `complaint:${a.complaintId}:escalation:${a.rungKey}`,
        channel: 'email',
        recipient: await recipientOf(a),
        subject: `[satupintu] Pengaduan ${a.trackingCode} belum dijawab (${AUDIENCE[a.notify]})`,
        body:
          `Complaint ${a.trackingCode} (${a.category}) waits for the public answer of office ${a.responsibleOfficeId}.\n` +
          `Due: ${a.dueAt}. Escalation ${a.rungKey} to ${AUDIENCE[a.notify]}. Answer it in the complaint inbox (GET /v1/complaints/inbox).`,
      };
      await sendOrHandOver(notifier, n, 'complaint escalation notice', { complaint: a.trackingCode });
    },

    /**
     * Delivers the inspectorate notice written with the complaint; throws while the mail server refuses
     * (the workflow retries it until it goes out). Answers whether it went out: without a mail server
     * configured the row stays in the outbox for an operator.
     */
    async deliverComplaintNotice({ dedupKey }: { dedupKey: string }): Promise<boolean> {
      if (!(await notifier.resend(dedupKey))) throw ApplicationFailure.nonRetryable(`no notification ${dedupKey} in the outbox`, 'NotificationMissing');
      const rows: Array<{ sent_at: Date | null }> = await db.query(`SELECT sent_at FROM notification WHERE dedup_key = $1`, [dedupKey]);
      return rows[0]?.sent_at != null;
    },
  };
}
