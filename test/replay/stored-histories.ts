// Stored workflow histories, as the replay suites read and replay them.
import type { temporal } from '@temporalio/proto';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { ReplayWorkerOptions, Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { quietRuntime, workflowBundle } from '../support/time-skipping';

export interface StoredHistories {
  /** The history files of the folder, sorted. */
  files: string[];
  read(file: string): temporal.api.history.v1.IHistory;
}

export function storedHistories(dir: string): StoredHistories {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return { files, read: (file) => historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))) };
}

/** Replays every stored history of the folder; answers how many replayed and which failed, with why. */
export async function replayAll(stored: StoredHistories, options: ReplayWorkerOptions): Promise<{ replayed: number; failed: string[] }> {
  const histories = stored.files.map((file) => ({ workflowId: file, history: stored.read(file) }));
  const failed: string[] = [];
  let replayed = 0;
  for await (const result of Worker.runReplayHistories(options, histories)) {
    replayed++;
    if (result.error) failed.push(`${result.workflowId}: ${result.error.name}: ${result.error.message}`);
  }
  return { replayed, failed };
}

/** The workflow type a stored history's run was started as. */
export function startedWorkflowType(history: temporal.api.history.v1.IHistory): string | null | undefined {
  return history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
}

/**
 * Registers the tests of a folder of stored histories of the workflows beside the permit engine: the
 * folder holds exactly the files of `expected` (the history files by the workflow type they run), and
 * every one replays on today's workflow code. `what` names the histories in the tests' titles.
 */
export function replaysFolder(what: string, dir: string, expected: Record<string, string[]>): void {
  const stored = storedHistories(dir);
  beforeAll(() => quietRuntime());

  it(`holds the ${what} histories named, each of its workflow type`, () => {
    expect(stored.files).toEqual(Object.values(expected).flat().sort());
    const byType: Record<string, string[]> = {};
    for (const file of stored.files) (byType[startedWorkflowType(stored.read(file)) ?? 'none'] ??= []).push(file);
    expect(byType).toEqual(expected);
  });

  it(`replays every stored ${what} history on the current workflow code`, async () => {
    expect(await replayAll(stored, { workflowBundle: await workflowBundle(), replayName: `${what} histories` })).toEqual({ replayed: stored.files.length, failed: [] });
  });
}
