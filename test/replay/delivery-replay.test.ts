// The workflows beside the permit engine keep their recorded paths too: each stored history of an
// applicant notice (SMS delivered after an email fallback, SMS refused then email, email only) and of the
// weekly accountability digest replays on today's workflow code. Recorded from runs of
// test/workflows/applicant-notices.test.ts and test/e2e/public-accountability.test.ts.
import * as path from 'node:path';
import { ACCOUNTABILITY_DIGEST_WORKFLOW, APPLICANT_NOTICE_WORKFLOW } from '../../workflows/delivery/contracts';
import { replaysFolder } from './stored-histories';

describe('replay of stored delivery histories', () => {
  // The applicant notice paths (the email fallback after a refusal and after no answer, email only) and the weekly digest.
  replaysFolder('delivery', path.join(__dirname, 'delivery-histories'), {
    [ACCOUNTABILITY_DIGEST_WORKFLOW]: ['accountabilityDigest.weekly.json'],
    [APPLICANT_NOTICE_WORKFLOW]: ['applicantNotice.email.json', 'applicantNotice.sms-refused-then-email.json', 'applicantNotice.sms-unconfirmed-then-email-then-sms.json'],
  });
});
