import type { DataSource } from 'typeorm';
import type { Notifier } from './notifier';

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

/** One escalation rung: a keyed row (written once) and de-duplicated notifications. */
export function createEscalationActivities(db: DataSource, notifier: Notifier) {
  return {
    async escalate(a: EscalateArgs): Promise<void> {
      await db.query(
        `INSERT INTO escalation (id, application_id, task_id, step_id, agency, office_id, rung, notify, public_list, due_at, at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (id) DO NOTHING`,
        [a.escalationId, a.applicationId, a.taskId, a.stepId, a.agency, a.officeId, a.rungId, a.notify, a.publicList, a.dueAt, a.at],
      );
      await notifier.send({
        dedupKey: `escalation:${a.escalationId}`,
        channel: 'email',
        recipient: `${a.notify}@${a.agency.toLowerCase()}.jakarta.go.id`,
        subject: `[satupintu] ${a.permitType} ${a.trackingCode}: step ${a.stepId} at ${AUDIENCE[a.notify]}`,
        body:
          `Application ${a.trackingCode} (${a.permitType}) waits on ${a.agency}, office ${a.officeId}, step ${a.stepId}.\n` +
          `Due: ${a.dueAt ?? 'unknown'}. Escalation rung ${a.rungId} to ${AUDIENCE[a.notify]}.`,
      });
    },
  };
}
