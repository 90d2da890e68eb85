import type { ComplaintEventRow, ComplaintRow } from './complaints.repository';

export interface ComplaintEventView {
  at: string;
  type: string;
  note: string | null;
}

export interface ComplaintView {
  trackingCode: string;
  status: string;
  channel: string;
  category: string;
  officeId: string;
  officeName: string | null;
  applicationTrackingCode: string | null;
  createdAt: string;
  escalatedTo: string | null;
  escalatedAt: string | null;
  responsibleOfficeId: string | null;
  responsibleOfficeName: string | null;
  dueAt: string | null;
  overdue: boolean;
  answer: string | null;
  answeredAt: string | null;
  reopened: boolean;
  reopenUntil: string | null;
  closedAt: string | null;
  timeline: ComplaintEventView[];
}

const at = (d: Date | null) => d?.toISOString() ?? null;

/** Timeline notes the public may read: the citizen's own reopening reason stays out (it may name people). */
const publicNote = (e: ComplaintEventRow) => (e.type === 'reopened' ? null : e.note);

/** The public view of a complaint: no contact details, no description, no officer's name. */
export function presentComplaint(r: ComplaintRow, events: ComplaintEventRow[]): ComplaintView {
  return {
    trackingCode: r.tracking_code,
    status: r.status,
    channel: r.channel,
    category: r.category,
    officeId: r.office_id,
    officeName: r.office_name,
    applicationTrackingCode: r.application_tracking_code,
    createdAt: r.created_at.toISOString(),
    escalatedTo: r.escalated_to,
    escalatedAt: at(r.escalated_at),
    responsibleOfficeId: r.responsible_office_id,
    responsibleOfficeName: r.responsible_office_name,
    dueAt: at(r.due_at),
    overdue: r.overdue,
    answer: r.answer,
    answeredAt: at(r.answered_at),
    reopened: r.reopened,
    reopenUntil: at(r.reopen_until),
    closedAt: at(r.closed_at),
    timeline: events.filter((e) => e.complaint_id === r.id).map((e) => ({ at: e.at.toISOString(), type: e.type, note: publicNote(e) })),
  };
}
