// Story: the platform runs as `npm start` runs it; applications of several permit types arrive at
// several offices and are decided as they come, while the worker, the API, the Temporal dev server and
// PostgreSQL are each killed with SIGKILL in turn. Nobody restarts anything by hand. At the end every
// acknowledged application exists once in Temporal and once in the read model, with the same status,
// and nothing exists that the client was not told about.
import { PARTS, runDrill } from '../../libs/drill/drill';

describe('the crash drill (30 applications, every part killed once)', () => {
  it('loses, duplicates and orphans nothing, and every part comes back by itself', async () => {
    const lines: string[] = [];
    const result = await runDrill({ applications: 30, parts: [...PARTS], log: (l) => lines.push(l) });
    process.stderr.write(`[test] drill: ${JSON.stringify(result)}\n`);
    expect(result).toMatchObject({ applications: 30, acknowledged: 30, lost: 0, duplicated: 0, orphaned: 0, readModelMismatches: 0, handRestarts: 0 });
    expect(Object.keys(result.recoverySeconds).sort()).toEqual([...PARTS].sort());
    // The decisions flowed through the kills: more than one per application on average (several steps).
    expect(result.decisions).toBeGreaterThan(30);
  });
});
