// The workflows beside the permit engine keep their recorded paths too: each stored history of an
// applicant notice (SMS delivered after an email fallback, SMS refused then email, email only) and of the
// weekly accountability digest, of a calendar change's fan-out and of the sweep that started it replays
// on today's workflow code. Recorded from runs of test/workflows/applicant-notices.test.ts,
// test/e2e/public-accountability.test.ts and test/e2e/admin-calendar.test.ts (the swept change).
import * as path from 'node:path';
import { ACCOUNTABILITY_DIGEST_WORKFLOW, APPLICANT_NOTICE_WORKFLOW, CALENDAR_FAN_OUT_SWEEP_WORKFLOW, CALENDAR_FAN_OUT_WORKFLOW } from '../../workflows/delivery/contracts';
import { replaysFolder } from './stored-histories';

describe('replay of stored delivery histories', () => {
  // The applicant notice paths (the email fallback after a refusal and after no answer, email only), the
  // weekly digest, and a calendar fan-out started by the sweep.
  replaysFolder('delivery', path.join(__dirname, 'delivery-histories'), {
    [ACCOUNTABILITY_DIGEST_WORKFLOW]: ['accountabilityDigest.weekly.json'],
    [APPLICANT_NOTICE_WORKFLOW]: ['applicantNotice.email.json', 'applicantNotice.sms-refused-then-email.json', 'applicantNotice.sms-unconfirmed-then-email-then-sms.json'],
    [CALENDAR_FAN_OUT_WORKFLOW]: ['calendarFanOut.told.json'],
    [CALENDAR_FAN_OUT_SWEEP_WORKFLOW]: ['calendarFanOutSweep.started-one.json'],
  });
});
