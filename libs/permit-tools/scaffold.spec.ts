// Given an empty catalogue folder beside the real DSL, when an admin scaffolds a permit type (blank, from
// a modeler's diagram, or like an existing type), then one file appears with the regulation block, it
// loads, both registries list it, and permit:check names what is left to fill in.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkDefinition, formatIssue } from './check';
import { checkCatalogue, loadAgencies } from './catalogue-check';
import { scaffold } from './scaffold';

const ROOT = path.resolve(__dirname, '..', '..');

/** A repository root holding the DSL and the catalogue's shared parts, but no definition yet. */
function emptyCatalogue(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'permit-new-'));
  fs.mkdirSync(path.join(root, 'libs', 'permits'), { recursive: true });
  fs.mkdirSync(path.join(root, 'workflows'));
  for (const dir of ['permit-dsl', 'domain', 'database']) fs.symlinkSync(path.join(ROOT, 'libs', dir), path.join(root, 'libs', dir));
  for (const file of ['ladders.ts', 'parts.ts']) fs.copyFileSync(path.join(ROOT, 'libs', 'permits', file), path.join(root, 'libs', 'permits', file));
  return root;
}

function loadScaffolded(root: string, file: string, exportName: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(root, file)) as Record<string, unknown>)[exportName];
}

describe('permit:new', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));
  const fresh = () => {
    const r = emptyCatalogue();
    roots.push(r);
    return r;
  };

  it('writes a blank definition with the regulation block, registers it, and permit:check lists its TODOs', async () => {
    const root = fresh();
    const result = await scaffold(root, { code: 'izin_lapangan' });
    expect(result.file).toBe('libs/permits/izin-lapangan.v1.ts');
    expect(result.registered).toEqual(['libs/permits/registry.ts', 'workflows/permits.ts']);
    const source = fs.readFileSync(path.join(root, result.file), 'utf8');
    expect(source.split('\n').slice(0, 10).join('\n')).toMatch(/^\/\/ IZIN_LAPANGAN: TODO: .*\n[\s\S]*\/\/ Source: TODO[\s\S]*\/\/ Deadline: TODO[\s\S]*\/\/ Policy: TODO[\s\S]*\/\/ Fee: TODO/);
    expect(fs.readFileSync(path.join(root, 'libs/permits/registry.ts'), 'utf8')).toContain("import { izinLapanganV1 } from './izin-lapangan.v1';");
    expect(fs.readFileSync(path.join(root, 'workflows/permits.ts'), 'utf8')).toContain('export const permit_IZIN_LAPANGAN_v1 = permitWorkflow(izinLapanganV1);');
    const def = loadScaffolded(root, result.file, 'izinLapanganV1');
    const issues = checkDefinition(def, { file: result.file, agencies: loadAgencies(ROOT), source });
    expect(issues.length).toBeGreaterThan(5);
    expect(issues.every((i) => /TODO|names no regulation/.test(i.message))).toBe(true);
  });

  it('starts from a diagram drawn in another modeler', async () => {
    const root = fresh();
    const xml = fs.readFileSync(path.join(ROOT, 'libs/permit-dsl/bpmn/fixtures/restoran.bpmn'), 'utf8');
    const result = await scaffold(root, { code: 'RESTORAN', bpmn: { xml, name: 'restoran.bpmn' } });
    const source = fs.readFileSync(path.join(root, result.file), 'utf8');
    expect(source).toContain('// RESTORAN: TODO: ');
    expect(source).toContain('Drawn as restoran.bpmn.');
    expect(source).toContain("agency: 'DINKES'");
    // The diagram's size gateway names no field: the file waits for the admin, unregistered, so the
    // platform keeps loading.
    expect(result.problems).toEqual([
      "libs/permits/restoran.v1.ts: flow.steps[2].branches[1].when.field: 'TODO' is not declared in dataSchema.properties",
      'libs/permits/restoran.v1.ts: flow.steps[2].branches[1].then.steps: must hold at least one node',
    ]);
    expect(result.registered).toEqual([]);
    expect(fs.existsSync(path.join(root, 'workflows/permits.ts'))).toBe(false);
    // permit:check reads the file that does not load yet, and says the registries wait for it.
    expect(checkCatalogue(root).issues.map(formatIssue)).toEqual(
      expect.arrayContaining([
        "libs/permits/restoran.v1.ts: step 'luas_usaha', flow.steps[2].branches[1].when.field: 'TODO' is not declared in dataSchema.properties",
        'libs/permits/registry.ts: (file): is out of date with the definition files in libs/permits: run `npm run permit:register`.',
        'libs/permits/restoran.v1.ts: line 1: still to fill in: RESTORAN: TODO: the permit\'s Indonesian name (its English name), version 1. Drawn as restoran.bpmn.',
      ]),
    );
  });

  it('starts like an existing type, and refuses a code that exists or a bad code', async () => {
    const root = fresh();
    const result = await scaffold(root, { code: 'SKDU_CABANG', like: 'SKDU' });
    const def = loadScaffolded(root, result.file, 'skduCabangV1') as { code: string; version: number; requiredDocuments: unknown[] };
    expect([def.code, def.version, def.requiredDocuments.length]).toEqual(['SKDU_CABANG', 1, 5]);
    await expect(scaffold(root, { code: 'SKDU_CABANG' })).rejects.toThrow('libs/permits/skdu-cabang.v1.ts exists already');
    await expect(scaffold(root, { code: 'PBG' })).rejects.toThrow('PBG is in the catalogue already');
    await expect(scaffold(root, { code: 'izin taman' })).rejects.toThrow('a code is 2 to 32 characters');
    await expect(scaffold(root, { code: 'X_Y', like: 'NOPE' })).rejects.toThrow('there is no permit type NOPE');
  });
});
