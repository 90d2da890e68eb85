// Delivers one applicant notice (an outbox row of applicant_notice), started by the projection for each
// new row: the application's own workflow never waits on it. An SMS gets a few quick tries; when the
// gateway refuses it or does not confirm it, the same message goes out by email (when the applicant gave
// an address) and the SMS keeps being retried for a day, unless the gateway refused it outright.
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { ApplicantNoticeArgs } from './contracts';

type Activities = ReturnType<typeof createActivities>;

const { openEmailFallback, markApplicantNoticeFailed } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
});

// First tries: three attempts within seconds, then the email fallback.
const quickSms = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 3, nonRetryableErrorTypes: ['SmsRefused'] },
});

// After the fallback: the SMS is retried with backoff (at most every 30 minutes) for a day.
const patientSms = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1 minute', backoffCoefficient: 2, maximumInterval: '30 minutes', nonRetryableErrorTypes: ['SmsRefused'] },
});

// A mail server that is down is retried with backoff (at most every 10 minutes) for 3 days.
const { deliverApplicantEmail } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '3 days',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const reasonOf = (err: ActivityFailure) => err.cause?.message ?? err.message;
const refused = (err: ActivityFailure) => err.cause instanceof ApplicationFailure && err.cause.type === 'SmsRefused';

async function email(noticeId: string): Promise<void> {
  try {
    await deliverApplicantEmail({ noticeId });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    await markApplicantNoticeFailed({ noticeId, reason: reasonOf(err) });
  }
}

export async function applicantNotice(args: ApplicantNoticeArgs): Promise<void> {
  if (args.channel === 'email') return email(args.noticeId);
  try {
    await quickSms.deliverApplicantSms({ noticeId: args.noticeId });
    return;
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    const fallback = await openEmailFallback({ noticeId: args.noticeId });
    if (fallback) await email(fallback);
    if (refused(err)) {
      await markApplicantNoticeFailed({ noticeId: args.noticeId, reason: reasonOf(err) });
      return;
    }
  }
  try {
    await patientSms.deliverApplicantSms({ noticeId: args.noticeId });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    await markApplicantNoticeFailed({ noticeId: args.noticeId, reason: reasonOf(err) });
  }
}
