// Stored workflow histories, as the replay suites read and replay them.
import type { temporal } from '@temporalio/proto';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { ReplayWorkerOptions, Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';

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
