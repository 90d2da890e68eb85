// Workflow code must stay deterministic: every stored history (one per permit definition version at
// least, recorded by `npm run histories:record`) replays against today's code without a
// non-determinism error. A history that fails here means a change would break applications in flight.
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workflowTypeOf } from '../../libs/permit-dsl/definition';
import { DEFINITIONS } from '../../libs/permits';
import { quietRuntime, workflowBundle } from '../support/time-skipping';

const DIR = path.join(__dirname, 'histories');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('replay of stored histories', () => {
  beforeAll(() => quietRuntime());

  it('has a stored history for every permit definition version', () => {
    const covered = new Set(files.map((f) => f.split('.').slice(0, 2).join('.')));
    expect(DEFINITIONS.map((d) => `${d.code}.v${d.version}`).filter((k) => !covered.has(k))).toEqual([]);
  });

  it('covers the continue-as-new hand-over: a run that ends in it, and a run that starts from carried state', () => {
    const histories = files.map((f) => historyFromJSON(JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'))));
    const handsOver = histories.filter((h) => h.events?.[h.events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes);
    const carriesOn = histories.filter((h) => {
      const data = h.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
      return data !== undefined && data !== null && 'continued' in JSON.parse(Buffer.from(data).toString('utf8'));
    });
    expect([handsOver.length > 0, carriesOn.length > 0]).toEqual([true, true]);
  });

  it.each(files)('%s replays on the current workflow code', async (file) => {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')));
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const [code, version] = file.split('.');
    expect(started?.workflowType?.name).toBe(workflowTypeOf({ code, version: Number(version.slice(1)) }));
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle(), replayName: file }, history)).resolves.toBeUndefined();
  });
});
