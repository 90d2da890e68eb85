// The workflows beside the permit engine keep their recorded paths too: each stored history of an
// applicant notice (SMS delivered after an email fallback, SMS refused then email, email only) and of the
// weekly accountability digest replays on today's workflow code. Recorded from runs of
// test/workflows/applicant-notices.test.ts and test/e2e/public-accountability.test.ts.
import type { temporal } from '@temporalio/proto';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACCOUNTABILITY_DIGEST_WORKFLOW, APPLICANT_NOTICE_WORKFLOW } from '../../workflows/delivery/contracts';
import { quietRuntime, workflowBundle } from '../support/time-skipping';

const DIR = path.join(__dirname, 'delivery-histories');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const read = (file: string): temporal.api.history.v1.IHistory => historyFromJSON(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')));

describe('replay of stored delivery histories', () => {
  beforeAll(() => quietRuntime());

  it('holds the applicant notice paths (the email fallback after a refusal and after no answer, email only) and the weekly digest', () => {
    expect(files).toEqual([
      'accountabilityDigest.weekly.json',
      'applicantNotice.email.json',
      'applicantNotice.sms-refused-then-email.json',
      'applicantNotice.sms-unconfirmed-then-email-then-sms.json',
    ]);
    for (const file of files) {
      const type = file.startsWith('accountabilityDigest') ? ACCOUNTABILITY_DIGEST_WORKFLOW : APPLICANT_NOTICE_WORKFLOW;
      expect([file, read(file).events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name]).toEqual([file, type]);
    }
  });

  it('replays every stored delivery history on the current workflow code', async () => {
    const histories = files.map((file) => ({ workflowId: file, history: read(file) }));
    const failed: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle(), replayName: 'delivery histories' }, histories)) {
      replayed++;
      if (result.error) failed.push(`${result.workflowId}: ${result.error.name}: ${result.error.message}`);
    }
    expect({ replayed, failed }).toEqual({ replayed: files.length, failed: [] });
  });
});
