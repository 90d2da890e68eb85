// nest-cli.json names the Nest applications of this repository and how they compile; tools (the Nest
// CLI, editors' Nest plugins) read it. It must name files that exist, or it misleads them.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const cli = JSON.parse(fs.readFileSync(path.join(ROOT, 'nest-cli.json'), 'utf8')) as {
  sourceRoot: string;
  compilerOptions: { tsConfigPath: string };
  projects: Record<string, { sourceRoot: string; entryFile: string; compilerOptions: { tsConfigPath: string } }>;
};

describe('nest-cli.json', () => {
  it('names the API and the worker, each with an entry file and source root that exist', () => {
    expect(Object.keys(cli.projects).sort()).toEqual(['api', 'worker']);
    for (const p of Object.values(cli.projects)) {
      expect(fs.existsSync(path.join(ROOT, `${p.entryFile}.ts`))).toBe(true);
      expect(fs.statSync(path.join(ROOT, p.sourceRoot)).isDirectory()).toBe(true);
      expect(fs.existsSync(path.join(ROOT, p.compilerOptions.tsConfigPath))).toBe(true);
    }
    expect(fs.statSync(path.join(ROOT, cli.sourceRoot)).isDirectory()).toBe(true);
    expect(fs.existsSync(path.join(ROOT, cli.compilerOptions.tsConfigPath))).toBe(true);
  });
});
