// The admin's commands as an admin runs them (npm run permit:*), from the repository root: the checked
// catalogue, the PBG preview of the acceptance story, the SKDU diff, and a clear refusal of bad arguments.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function run(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-r', './scripts/register.js', `scripts/${script}.ts`, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the permit commands', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'permit-cli-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('permit:check passes on the catalogue and refuses a code it does not know', () => {
    const ok = run('permit-check', []);
    expect([ok.status, ok.stdout]).toEqual([0, expect.stringMatching(/^permit:check: \d+ definition files checked, no problem\n$/)]);
    const unknown = run('permit-check', ['NOPE']);
    expect([unknown.status, unknown.stderr]).toEqual([1, 'permit:check: there is no definition file for NOPE in libs/permits (npm run permit:new -- --code NOPE writes one)\n']);
  });

  it('permit:preview shows PBG for a house filed on 23 December 2026 at 15:00 due after Christmas and the weekend, and writes the route diagram', () => {
    const data = path.join(tmp, 'house.json');
    fs.writeFileSync(data, JSON.stringify({ function: 'hunian', floors: 2, basements: 0, buildingAreaM2: 150, landAreaM2: 120, heightM: 8, workType: 'membangun_baru', landTitle: 'SHM No. 7/Tebet' }));
    const out = path.join(tmp, 'pbg.bpmn');
    const r = run('permit-preview', ['PBG', '--version', '1', '--data', data, '--at', '2026-12-23T15:00+07:00', '--bpmn', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('from Wed 23 Dec 2026 15:00 WIB, 7 working days, due Thu 7 Jan 2027 15:00 WIB');
    expect(r.stdout).not.toMatch(/(due|: )(Thu 24|Fri 25|Sat 26|Sun 27) Dec 2026 \d\d:\d\d/);
    expect(fs.readFileSync(out, 'utf8')).toContain('bpmnElement="kecamatan_technical_review" bioc:stroke=');
  });

  it('permit:diff shows what SKDU v2 changed', () => {
    const r = run('permit-diff', ['SKDU', '1', '2']);
    expect([r.status, r.stdout.split('\n')[0]]).toEqual([0, 'SKDU v1 → v2: 3 changes']);
  });

  it('refuses bad arguments with the usage', () => {
    const r = run('permit-preview', ['PBG', '--at', 'tomorrow']);
    expect([r.status, r.stderr]).toEqual([2, 'permit:preview: --at tomorrow: write the instant with its offset, e.g. 2026-12-24T09:00+07:00\n']);
    const d = run('permit-diff', ['SKDU', '1', '9']);
    expect([d.status, d.stderr]).toEqual([2, 'permit:diff: SKDU has no version 9\n']);
  });
});
