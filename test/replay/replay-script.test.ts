// `npm run replay`: an operator replays histories exported from Temporal on today's workflow code, and a
// history that does not replay is named with the reason the SDK gives.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const HISTORIES = path.join(__dirname, 'histories');

function replay(...files: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-r', './scripts/register.js', 'scripts/replay.ts', ...files], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run replay', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replays exported histories, and names the one that does not with the reason', () => {
    const good = path.join(HISTORIES, 'SKDU.v2.approve.json');
    // A history of a workflow type this release does not have: an application of a retired release's code.
    const stranger = JSON.parse(fs.readFileSync(good, 'utf8'));
    stranger.events[0].workflowExecutionStartedEventAttributes.workflowType.name = 'permit_SKDU_v9';
    const bad = path.join(dir, 'SKDU.v9.json');
    fs.writeFileSync(bad, JSON.stringify(stranger));

    const r = replay(good, bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${path.relative(ROOT, good)}: replays`);
    expect(r.stdout).toMatch(/SKDU\.v9\.json: does not replay: \w+: .*permit_SKDU_v9/);
    expect(r.stderr).toContain('1 of 2 replayed');
  });

  it('refuses a file that is not a history, saying how to export one', () => {
    const junk = path.join(dir, 'junk.json');
    fs.writeFileSync(junk, '{"not": "a history"');
    const r = replay(junk);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('temporal workflow show --workflow-id ID --output json');
  });
});
