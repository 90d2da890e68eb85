import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { sendOrHandOver } from './delivery-handover';
import type { Notification, Notifier } from './notifier';

export interface EscalateArgs {
  escalationId: string;
  applicationId: string;
  trackingCode: string;
  permitType: string;
  taskId: string;
  stepId: string;
  agency: string;
  officeId: string;
  rungId: string;
  notify: 'assignee' | 'section_head' | 'agency_head' | 'governor';
  publicList: boolean;
  dueAt: string | null;
  at: string;
}

const AUDIENCE: Record<EscalateArgs['notify'], string> = {
  assignee: 'the officer holding the step',
  section_head: 'the section head (kepala seksi)',
  agency_head: 'the head of agency (kepala dinas)',
  governor: "the governor's public late list",
};

function notificationOf(a: EscalateArgs): Notification {
  return {
    dedupKey: `escalation:${a.escalationId}`,
    channel: 'email',
    recipient: `${a.notify}@${a.agency.toLowerCase()}.jakarta.go.id`,
    subject: `[satupintu] ${a.permitType} ${a.trackingCode}: step ${a.stepId} at ${AUDIENCE[a.notify]}`,
    body:
      `Application ${a.trackingCode} (${a.permitType}) waits on ${a.agency}, office ${a.officeId}, step ${a.stepId}.\n` +
      `Due: ${a.dueAt ?? 'unknown'}. Escalation rung ${a.rungId} to ${AUDIENCE[a.notify]}.`,
  };
}

/** One escalation rung: a keyed row (written once) and de-duplicated notifications. */
export function createEscalationActivities(db: DataSource, notifier: Notifier) {
  const record = async (a: EscalateArgs) => {
    const inserted: unknown[] = await db.query(
      // The row's permit type is its application's, filled in by the database (1795560000000).
      `INSERT INTO escalation (id, application_id, task_id, step_id, agency, office_id, rung, notify, public_list, due_at, at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [a.escalationId, a.applicationId, a.taskId, a.stepId, a.agency, a.officeId, a.rungId, a.notify, a.publicList, a.dueAt, a.at],
    );
    // Counted when the row is new: a retried activity does not fire the escalation twice.
    if (inserted.length > 0) {
      Context.current().metricMeter.createCounter('satupintu_escalations_fired', 'escalations', 'Escalation rungs fired, by agency and audience').add(1, { agency: a.agency, notify: a.notify });
    }
  };
  return {
    /** The legal deadline's notice (once per application): retried until the notification is delivered. */
    async escalate(a: EscalateArgs): Promise<void> {
      await record(a);
      await notifier.send(notificationOf(a));
    },
    /**
     * A rung's notice, sent by the projection that records the rung: the escalation row and the outbox
     * row are written as reliably as the projection; delivery is tried once. When the mail server
     * refuses, the notice goes to a delivery workflow of its own (notification-delivery.ts) that retries
     * it, rather than holding the read model and every answer of the application until it recovers.
     */
    async escalateBestEffort(a: EscalateArgs): Promise<void> {
      await record(a);
      await sendOrHandOver(notifier, notificationOf(a), 'escalation notice', { escalationId: a.escalationId });
    },

    /** Delivers an outbox row a first try could not (notificationDelivery retries this). */
    async resendNotification({ dedupKey }: { dedupKey: string }): Promise<void> {
      // A missing row will not appear by retrying: fail at once rather than for three days.
      if (!(await notifier.resend(dedupKey))) throw ApplicationFailure.nonRetryable(`no notification ${dedupKey} in the outbox`, 'NotificationMissing');
    },
  };
}
