// Workflow code must stay deterministic: every stored history (one per path per permit definition
// version, recorded by `npm run histories:record`) replays against today's code without a
// non-determinism error. A history that fails here means a change would break applications in flight.
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import * as path from 'node:path';
import { workflowTracingSinks } from '../../apps/worker/src/telemetry';
import { untracedWorkflowBundleOptions } from '../../apps/worker/src/worker.factory';
import { NO_TRACING } from '../../libs/observability/tracing';
import { workflowTypeOf } from '../../libs/permit-dsl/definition';
import { DEFINITIONS } from '../../libs/permits';
import { quietRuntime, workflowBundle } from '../support/time-skipping';
import { historyFile, parseHistoryFile, pathExists, PATHS } from './paths';
import { replayAll, storedHistories } from './stored-histories';

const stored = storedHistories(path.join(__dirname, 'histories'));
const { files, read } = stored;

describe('replay of stored histories', () => {
  beforeAll(() => quietRuntime());

  it('has a stored history for every path of every permit definition version', () => {
    const missing = DEFINITIONS.flatMap((def) =>
      PATHS.filter((p) => pathExists(def, p))
        .map((p) => historyFile(def, p, p === 'continue-as-new' ? 1 : undefined))
        .filter((f) => !files.includes(f)),
    );
    expect(missing).toEqual([]);
  });

  it('covers resubmissions that correct data and replace a document, as well as the older note-only ones', () => {
    const resubmissions = (file: string) =>
      (read(file).events ?? [])
        .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input)
        .filter((i) => i?.name === 'resubmit')
        .map((i) => JSON.parse(Buffer.from(i!.args!.payloads![0].data!).toString('utf8')) as { data?: object; documents?: object[] });
    const corrected = files.filter((f) => parseHistoryFile(f).path === 'revision-with-data-change').flatMap(resubmissions);
    const noteOnly = files.filter((f) => parseHistoryFile(f).path === 'revision-then-approve').flatMap(resubmissions);
    expect(corrected.length).toBe(DEFINITIONS.length);
    expect(corrected.every((r) => r.data && Object.keys(r.data).length === 1 && r.documents?.length === 1)).toBe(true);
    expect(noteOnly.every((r) => r.data === undefined && r.documents === undefined)).toBe(true);
  });

  it('stores each history under the workflow type of its definition version', () => {
    const misnamed = files.filter((file) => {
      const { code, version } = parseHistoryFile(file);
      return read(file).events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name !== workflowTypeOf({ code, version });
    });
    expect(misnamed).toEqual([]);
  });

  it('covers the continue-as-new hand-over: runs that end in it, and runs that start from carried state', () => {
    const runs = files.filter((f) => parseHistoryFile(f).path === 'continue-as-new').map(read);
    const handsOver = runs.filter((h) => h.events?.[h.events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes);
    const carriesOn = runs.filter((h) => {
      const data = h.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
      return data !== undefined && data !== null && 'continued' in JSON.parse(Buffer.from(data).toString('utf8'));
    });
    expect([handsOver.length >= DEFINITIONS.length, carriesOn.length >= DEFINITIONS.length]).toEqual([true, true]);
  });

  it('replays every stored history on the current workflow code, with the workflow interceptors the worker bundles', async () => {
    const bundle = await workflowBundle();
    // The tracing interceptors (apps/worker/src/telemetry.ts) are part of the replayed code, as in production.
    expect(bundle.code).toContain('OpenTelemetryInboundInterceptor');
    const options = { workflowBundle: bundle, replayName: 'stored histories', sinks: workflowTracingSinks(NO_TRACING) };
    expect(await replayAll(stored, options)).toEqual({ replayed: files.length, failed: [] });
  });

  it('replays every stored history on the bundle of a worker with tracing off (no workflow interceptors)', async () => {
    const bundle = await bundleWorkflowCode({ ...untracedWorkflowBundleOptions, logger: new DefaultLogger('WARN') });
    expect(bundle.code).not.toContain('OpenTelemetryInboundInterceptor');
    expect(await replayAll(stored, { workflowBundle: bundle, replayName: 'stored histories, tracing off' })).toEqual({ replayed: files.length, failed: [] });
  });

    it('fails with a determinism violation when the workflow code changed under a recorded history', async () => {
    // Given stored SKDU v1 histories, when the deployed SKDU v1 opens one step more at the start (an
    // edited definition), then the approval and the lapse no longer replay.
    const changed = await bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/changed-skdu-v1'), logger: new DefaultLogger('WARN') });
    const histories = ['approve', 'lapse'].map((p) => ({ workflowId: p, history: read(`SKDU.v1.${p}.json`) }));
    const errors: Array<[string, unknown]> = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: changed, replayName: 'changed SKDU v1' }, histories)) {
      errors.push([result.workflowId, result.error?.constructor]);
    }
    expect(errors).toEqual([
      ['approve', DeterminismViolationError],
      ['lapse', DeterminismViolationError],
    ]);
  });
});
