// What the side that starts a delivery workflow needs to know of it: its type name, its arguments, its
// id and its signal. No SDK import, so activities and the API can use it without loading workflow code
// (which calls proxyActivities at import time and belongs in the workflow sandbox only).
import type { notificationDelivery } from './notification-delivery';
import type { webhookDelivery } from './webhook-delivery';
import type { applicantNotice } from './applicant-notice';
import type { calendarFanOut } from './calendar-fan-out';

export interface NotificationDeliveryArgs {
  dedupKey: string;
}

/** The workflow type that retries one outbox notification, as registered by workflows/index.ts. */
export const NOTIFICATION_DELIVERY_WORKFLOW = 'notificationDelivery' satisfies 'notificationDelivery';
export type NotificationDeliveryWorkflow = typeof notificationDelivery;

export function notificationDeliveryWorkflowId(args: NotificationDeliveryArgs): string {
  return `notification-${args.dedupKey}`;
}

export interface WebhookDeliveryArgs {
  webhookId: string;
  applicationId: string;
}

/** The workflow type that delivers one application's events to one webhook, as registered by workflows/index.ts. */
export const WEBHOOK_DELIVERY_WORKFLOW = 'webhookDelivery' satisfies 'webhookDelivery';
export type WebhookDeliveryWorkflow = typeof webhookDelivery;

/** "The outbox has new rows for you": signalled after the rows are committed. */
export const WEBHOOK_WAKE_SIGNAL = 'webhookWake';

export function webhookDeliveryWorkflowId(args: WebhookDeliveryArgs): string {
  return `webhook-${args.webhookId}-${args.applicationId}`;
}

export interface ApplicantNoticeArgs {
  /** The outbox row (applicant_notice.id): `<applicationId>:<timeline seq>:<channel>`. */
  noticeId: string;
  channel: 'sms' | 'email';
}

/** The workflow type that delivers one applicant notice, as registered by workflows/index.ts. */
export const APPLICANT_NOTICE_WORKFLOW = 'applicantNotice' satisfies 'applicantNotice';
export type ApplicantNoticeWorkflow = typeof applicantNotice;

export function applicantNoticeWorkflowId(args: Pick<ApplicantNoticeArgs, 'noticeId'>): string {
  return `applicant-notice-${args.noticeId}`;
}

/** The weekly digest to agency heads, started by the schedule below (apps/worker/src/digest-schedule.ts). */
export const ACCOUNTABILITY_DIGEST_WORKFLOW = 'accountabilityDigest' satisfies 'accountabilityDigest';
export const ACCOUNTABILITY_DIGEST_SCHEDULE_ID = 'accountability-digest';

export interface CalendarFanOutArgs {
  /** The calendar_change row: the revision the change made. */
  revision: number;
}

/** Tells every running application of a calendar change's scope (docs/calendar.md), as registered by workflows/index.ts. */
export const CALENDAR_FAN_OUT_WORKFLOW = 'calendarFanOut' satisfies 'calendarFanOut';
export type CalendarFanOutWorkflow = typeof calendarFanOut;

/** One fan-out a change: the API and the sweep start the same id, and the second start finds the first. */
export function calendarFanOutWorkflowId(args: CalendarFanOutArgs): string {
  return `calendar-fan-out-${args.revision}`;
}

/** Starts the fan-out of every change still untold some time after it was recorded; run by the schedule below. */
export const CALENDAR_FAN_OUT_SWEEP_WORKFLOW = 'calendarFanOutSweep' satisfies 'calendarFanOutSweep';
export const CALENDAR_FAN_OUT_SWEEP_SCHEDULE_ID = 'calendar-fan-out-sweep';
