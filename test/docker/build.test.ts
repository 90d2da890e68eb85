// Story: the images compile the code with `tsc -p tsconfig.build.json` and run what it emits under dist/
// (docker/*.Dockerfile; `npm run bench` runs the API and the worker the same way). A script that pulls
// test-only code into that build broke it once without any test noticing: here the build runs as the
// images run it, and emits every entry point their CMD names.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The `dist/...` file a Dockerfile's CMD runs with node. */
function entryOf(dockerfile: string): string {
  const cmd = fs
    .readFileSync(path.join(ROOT, 'docker', dockerfile), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.startsWith('CMD '))
    .pop()!;
  const words = JSON.parse(cmd.slice(4)) as string[];
  const entry = words.find((w) => w.startsWith('dist/'));
  if (!entry) throw new Error(`${dockerfile}: the CMD runs no dist/ entry point: ${cmd}`);
  return entry.slice('dist/'.length);
}

describe('the images’ build', () => {
  let out: string;
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'satupintu-build-'));
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('compiles without an error and emits the entry points the Dockerfiles run', () => {
    const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: r.status, output: (r.stdout + r.stderr).slice(0, 3000) }).toEqual({ status: 0, output: '' });
    for (const dockerfile of ['api.Dockerfile', 'worker.Dockerfile']) {
      const entry = entryOf(dockerfile);
      expect([dockerfile, entry, fs.existsSync(path.join(out, entry))]).toEqual([dockerfile, entry, true]);
    }
  }, 180_000);
});
