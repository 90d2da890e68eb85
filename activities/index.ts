import type { DataSource } from 'typeorm';
import type { BusinessCalendar, CalendarSource } from '../libs/calendar';
import { createDeadlineActivities } from './deadline.activities';
import { createEscalationActivities } from './escalation.activities';
import { createApplicantNoticeActivities, withApplicantNotices, type ApplicantNoticeOptions } from './applicant-notice.activities';
import { createAccountabilityDigestActivities } from './accountability-digest.activities';
import { createComplaintActivities } from './complaint.activities';
import { createCalendarFanOutActivities } from './calendar-fan-out.activities';
import type { Notifier } from './notifier';
import { createProjectionActivities } from './projection.activities';
import { createWebhookActivities, WebhookOptions, withWebhookOutbox } from './webhook.activities';

export interface ActivityDeps {
  db: DataSource;
  calendar: BusinessCalendar;
  /** The admin-run calendar deadlines are planned on; `calendar` when absent. */
  calendars?: CalendarSource;
  notifier: Notifier;
  /** Webhook delivery; without it, targets must be public https URLs. */
  webhooks?: WebhookOptions;
  /** Applicant notices (SMS, email); without it, none are written. */
  applicantNotices?: ApplicantNoticeOptions;
}

/** All activities, built from their dependencies; workflows proxy `ReturnType<typeof createActivities>`. */
export function createActivities(deps: ActivityDeps) {
  const escalations = createEscalationActivities(deps.db, deps.notifier);
  return {
    ...createDeadlineActivities(deps.calendars ?? deps.calendar),
    ...withApplicantNotices(deps.db, deps.applicantNotices, withWebhookOutbox(deps.db, createProjectionActivities(deps.db, deps.calendars ?? deps.calendar, escalations.escalateBestEffort))),
    ...createApplicantNoticeActivities(deps.db, deps.applicantNotices ?? { publicBaseUrl: '' }),
    ...createWebhookActivities(deps.db, deps.webhooks ?? { allowInsecureTargets: false }),
    ...escalations,
    ...createComplaintActivities(deps.db, deps.notifier),
    ...createAccountabilityDigestActivities(deps.db, deps.notifier, deps.applicantNotices?.publicBaseUrl ?? ''),
    ...createCalendarFanOutActivities(deps.db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
