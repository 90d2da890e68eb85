// Every path of the complaint workflow keeps a recorded history that replays on today's code: answered
// in time and closed by the office; answered and closed by the workflow when the reopen window ended; unanswered past its deadline, answered late, reopened by the citizen,
// answered again and closed; an illegal-fee report whose inspectorate notice waited for the mail server,
// still climbing its ladder. Recorded by test/workflows/complaint-story.test.ts with
// RECORD_COMPLAINT_HISTORIES=1; a workflow change that breaks one needs a patched() branch, not a new recording.
import * as path from 'node:path';
import { COMPLAINT_WORKFLOW } from '../../workflows/complaints/complaint-messages';
import { quietRuntime, workflowBundle } from '../support/time-skipping';
import { replayAll, storedHistories } from './stored-histories';

const stored = storedHistories(path.join(__dirname, 'complaint-histories'));
const { files, read } = stored;

describe('replay of stored complaint histories', () => {
  beforeAll(() => quietRuntime());

  it('holds one history per path of a complaint', () => {
    expect(files).toEqual([
      'complaint.answered-closed.json',
      'complaint.answered-window-ended.json',
      'complaint.illegal-fee-unanswered.json',
      'complaint.overdue-answered-reopened-closed.json',
    ]);
    for (const file of files) {
      expect([file, read(file).events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name]).toEqual([file, COMPLAINT_WORKFLOW]);
    }
  });

  it('replays every stored complaint history on the current workflow code', async () => {
    expect(await replayAll(stored, { workflowBundle: await workflowBundle(), replayName: 'complaint histories' })).toEqual({ replayed: files.length, failed: [] });
  });
});
