// The event history length of the applications a bench run filed: what every replay of one of them
// costs the worker (docs/engine.md, "What each moment costs").
import type { Client } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { workflowIdOf } from '../../workflows/messages';
import { percentile } from './percentile';

export interface HistoryLengths {
  sampled: number;
  p50: number;
  max: number;
  mean: number;
}

/** History lengths of up to `sample` applications drawn at random (decided and open), from Temporal's describe. */
export async function historyLengths(client: Client, databaseUrl: string, sample = 50): Promise<HistoryLengths> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  let ids: string[];
  try {
    ids = (await db.query<{ id: string }>('SELECT id FROM application ORDER BY random() LIMIT $1', [sample])).rows.map((r) => r.id);
  } finally {
    await db.end();
  }
  const lengths: number[] = [];
  for (const id of ids) {
    const d = await client.workflow.getHandle(workflowIdOf(id)).describe();
    lengths.push(d.historyLength);
  }
  lengths.sort((a, b) => a - b);
  return { sampled: lengths.length, p50: percentile(lengths, 50), max: lengths[lengths.length - 1] ?? 0, mean: lengths.length ? Math.round(lengths.reduce((a, b) => a + b, 0) / lengths.length) : 0 };
}
