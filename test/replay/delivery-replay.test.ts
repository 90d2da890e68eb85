// The workflows beside the permit engine keep their recorded paths too: each stored history of an
// applicant notice (SMS delivered after an email fallback, SMS refused then email, email only) and of the
// weekly accountability digest, of a calendar change's fan-out and of the sweep that started it replays
// on today's workflow code. Recorded from runs of test/workflows/applicant-notices.test.ts,
// test/e2e/public-accountability.test.ts and test/e2e/admin-calendar.test.ts (the swept change).
import * as path from 'node:path';
import { ACCOUNTABILITY_DIGEST_WORKFLOW, APPLICANT_NOTICE_WORKFLOW, CALENDAR_FAN_OUT_SWEEP_WORKFLOW, CALENDAR_FAN_OUT_WORKFLOW } from '../../workflows/delivery/contracts';
import { quietRuntime, workflowBundle } from '../support/time-skipping';
import { replayAll, storedHistories } from './stored-histories';

const stored = storedHistories(path.join(__dirname, 'delivery-histories'));
const { files, read } = stored;

describe('replay of stored delivery histories', () => {
  beforeAll(() => quietRuntime());

  it('holds the applicant notice paths (the email fallback after a refusal and after no answer, email only), the weekly digest, and a calendar fan-out started by the sweep', () => {
    expect(files).toEqual([
      'accountabilityDigest.weekly.json',
      'applicantNotice.email.json',
      'applicantNotice.sms-refused-then-email.json',
      'applicantNotice.sms-unconfirmed-then-email-then-sms.json',
      'calendarFanOut.told.json',
      'calendarFanOutSweep.started-one.json',
    ]);
    for (const file of files) {
      const types = { accountabilityDigest: ACCOUNTABILITY_DIGEST_WORKFLOW, applicantNotice: APPLICANT_NOTICE_WORKFLOW, calendarFanOut: CALENDAR_FAN_OUT_WORKFLOW, calendarFanOutSweep: CALENDAR_FAN_OUT_SWEEP_WORKFLOW };
      const type = types[file.split('.')[0] as keyof typeof types];
      expect([file, read(file).events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name]).toEqual([file, type]);
    }
  });

  it('replays every stored delivery history on the current workflow code', async () => {
    expect(await replayAll(stored, { workflowBundle: await workflowBundle(), replayName: 'delivery histories' })).toEqual({ replayed: files.length, failed: [] });
  });
});
