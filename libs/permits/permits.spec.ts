// Checks of the permit catalogue. Tests may use npm packages (ajv); the definitions themselves may not.
import { readdirSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { definitionFile } from '../permit-dsl/define';
import {
  evaluate,
  FlowNode,
  longestPathMinutes,
  PermitDefinition,
  stepsOf,
  StepDef,
  toBusinessMinutes,
  workflowTypeOf,
} from '../permit-dsl/definition';
import { DEFINITIONS, findDefinition, latestDefinitions } from './index';
import { DEFAULT_LADDER } from './ladders';


const DIR = __dirname;
const ROOT = join(DIR, '..', '..');
const DEFINITION_FILE_RE = /^([a-z0-9-]+)\.v(\d+)\.ts$/;
const definitionFiles = readdirSync(DIR).filter((f) => DEFINITION_FILE_RE.test(f));

/** The steps that run for `data`, as the engine walks the flow: a choice takes its first matching branch. */
function route(node: FlowNode, data: Record<string, unknown>): StepDef[] {
  switch (node.kind) {
    case 'step':
      return [node];
    case 'sequence':
      return node.steps.flatMap((n) => route(n, data));
    case 'parallel':
      return node.branches.flatMap((n) => route(n, data));
    case 'choice': {
      const next = node.branches.find((b) => evaluate(b.when, data))?.then ?? node.otherwise;
      return next ? route(next, data) : [];
    }
  }
}

function camel(code: string): string {
  return code.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function example(def: Readonly<PermitDefinition>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(def.dataSchema.examples![0] as Record<string, unknown>), ...overrides };
}

describe('permit catalogue', () => {
  test('has at least 8 types, one of them a non-permit service', () => {
    expect(latestDefinitions().length).toBeGreaterThanOrEqual(8);
    expect(DEFINITIONS.some((d) => d.category === 'non-perizinan')).toBe(true);
  });

  test('every definition file loads, exports <camelCode>V<N>, is named after its code and version, and is listed', () => {
    expect(definitionFiles.length).toBeGreaterThanOrEqual(8);
    for (const file of definitionFiles) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(DIR, file)) as Record<string, Readonly<PermitDefinition>>;
      const exported = Object.entries(mod);
      expect(exported).toHaveLength(1);
      const [name, def] = exported[0];
      expect(`${file}: ${definitionFile(def.code, def.version)}`).toBe(`${file}: libs/permits/${file}`);
      expect(name).toBe(`${camel(def.code)}V${def.version}`);
      expect(DEFINITIONS).toContain(def);
      expect(Object.isFrozen(def) && Object.isFrozen(def.flow) && Object.isFrozen(def.dataSchema)).toBe(true);
    }
    expect(DEFINITIONS).toHaveLength(definitionFiles.length);
  });

  test('codes are unique per version, and so are workflow types', () => {
    const keys = DEFINITIONS.map((d) => `${d.code}@${d.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    const types = DEFINITIONS.map(workflowTypeOf);
    expect(new Set(types).size).toBe(types.length);
  });

  test('findDefinition and latestDefinitions', () => {
    expect(findDefinition('PBG')?.version).toBe(1);
    expect(findDefinition('PBG', 1)).toBe(findDefinition('PBG'));
    expect(findDefinition('PBG', 2)).toBeUndefined();
    expect(findDefinition('NIB')).toBeUndefined();
    const latest = latestDefinitions();
    expect(latest.map((d) => d.code)).toEqual([...new Set(DEFINITIONS.map((d) => d.code))].sort());
    for (const d of latest) expect(findDefinition(d.code)).toBe(d);
  });

  describe.each(DEFINITIONS.map((d) => [`${d.code} v${d.version}`, d] as const))('%s', (_label, def) => {
    test('examples validate against the data schema (ajv, JSON Schema 2020-12, strict)', () => {
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(def.dataSchema);
      expect(def.dataSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(def.dataSchema.examples!.length).toBeGreaterThanOrEqual(1);
      for (const ex of def.dataSchema.examples!) {
        const ok = validate(ex);
        expect({ example: ex, errors: ok ? null : validate.errors }).toEqual({ example: ex, errors: null });
      }
      expect(validate({})).toBe(false);
      expect(validate({ ...example(def), unexpected: true })).toBe(false);
    });

    test('schema is closed and every field is typed', () => {
      expect(def.dataSchema.additionalProperties).toBe(false);
      expect(def.dataSchema.required!.length).toBeGreaterThan(0);
      for (const [field, schema] of Object.entries(def.dataSchema.properties!)) {
        expect([field, typeof schema.type]).toEqual([field, 'string']);
      }
    });

    test('uses only agencies of the seed (libs/database/seed/agencies.json)', () => {
      const seed = (JSON.parse(readFileSync(join(ROOT, 'libs/database/seed/agencies.json'), 'utf8')) as Array<{ code: string }>).map((a) => a.code);
      for (const step of stepsOf(def.flow)) {
        expect(seed).toContain(step.agency);
      }
    });

    test('every path through the flow fits in the legal deadline', () => {
      expect(longestPathMinutes(def.flow)).toBeLessThanOrEqual(toBusinessMinutes(def.deadline));
    });

    test('uses the shared escalation ladder, names Indonesian and English, cites its source', () => {
      expect(def.escalation).toBe(DEFAULT_LADDER);
      expect(def.name.id).not.toBe(def.name.en);
      expect(def.source).toMatch(/(UU|PP|Perda|Perpres|Permen|pelayanan\.jakarta\.go\.id)/);
      expect(def.fee.legalBasis.length).toBeGreaterThan(10);
    });
  });
});

describe('PBG routing', () => {
  const pbg = findDefinition('PBG')!;
  const officesFor = (data: Record<string, unknown>) => route(pbg.flow, example(pbg, data));

  test('a two-floor house goes to the kecamatan', () => {
    const steps = officesFor({ function: 'hunian', floors: 2 });
    expect(steps.map((s) => [s.agency, s.jurisdiction])).toEqual([
      ['KECAMATAN', 'kecamatan'],
      ['KECAMATAN', 'kecamatan'],
    ]);
  });

  test('five floors go to the city', () => {
    const steps = officesFor({ function: 'usaha', floors: 5 });
    expect(steps.map((s) => [s.agency, s.jurisdiction])).toEqual([
      ['DCKTRP', 'city'],
      ['DCKTRP', 'city'],
    ]);
    // a three-floor house and a two-floor shop are not "houses up to two floors"
    expect(officesFor({ function: 'hunian', floors: 3 })[0].jurisdiction).toBe('city');
    expect(officesFor({ function: 'usaha', floors: 2 })[0].jurisdiction).toBe('city');
    expect(officesFor({ function: 'usaha', floors: 8 })[0].jurisdiction).toBe('city');
  });

  test('twelve floors go to the province, with fire-safety and environment review in parallel', () => {
    const steps = officesFor({ function: 'campuran', floors: 12 });
    expect(steps.map((s) => [s.agency, s.jurisdiction ?? 'province'])).toEqual([
      ['DCKTRP', 'province'],
      ['DPKP', 'province'],
      ['DLH', 'province'],
      ['DCKTRP', 'province'],
    ]);
    expect(officesFor({ function: 'usaha', floors: 9 })[0].jurisdiction).toBe('province');
  });

  test('uses evaluate on the choice conditions directly', () => {
    const choice = pbg.flow;
    if (choice.kind !== 'choice') throw new Error('PBG flow should start with a choice');
    const firstMatch = (data: Record<string, unknown>) => choice.branches.findIndex((b) => evaluate(b.when, data));
    expect(firstMatch({ function: 'hunian', floors: 2 })).toBe(0);
    expect(firstMatch({ function: 'hunian', floors: 5 })).toBe(1);
    expect(firstMatch({ function: 'hunian', floors: 12 })).toBe(-1); // otherwise: province
  });
});

describe('IZIN_KERAMAIAN routing', () => {
  const def = findDefinition('IZIN_KERAMAIAN')!;
  const agencies = (data: Record<string, unknown>) => route(def.flow, example(def, data)).map((s) => s.agency);

  test('DISHUB reviews the traffic plan for 1,000 people or more, or an event on a public road', () => {
    expect(agencies({ expectedAttendance: 999, usesPublicRoad: false })).toEqual(['SATPOLPP', 'DPMPTSP']);
    expect(agencies({ expectedAttendance: 1000, usesPublicRoad: false })).toEqual(['SATPOLPP', 'DISHUB', 'DPMPTSP']);
    expect(agencies({ expectedAttendance: 200, usesPublicRoad: true })).toEqual(['SATPOLPP', 'DISHUB', 'DPMPTSP']);
  });
});

describe('workflow sandbox rules', () => {
  const files = [
    ...readdirSync(DIR)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .map((f) => join(DIR, f)),
    join(ROOT, 'libs/permit-dsl/define.ts'),
    ...readdirSync(join(ROOT, 'libs/permit-dsl/validation'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .map((f) => join(ROOT, 'libs/permit-dsl/validation', f)),
  ];
  /** The pure folders a definition may reach: the DSL, the catalogue, the domain rules. */
  const PURE = ['libs/permit-dsl', 'libs/permits', 'libs/domain'].map((d) => join(ROOT, d));

  test.each(files.map((f) => [f.slice(ROOT.length + 1), f]))('%s imports only relative pure modules and reads no clock', (_label, file) => {
    const source = readFileSync(file, 'utf8');
    const imports = [...source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'/g)].map((m) => m[1]);
    for (const spec of imports) {
      const target = spec.startsWith('.') ? join(dirname(file), spec) : spec;
      expect([spec, PURE.some((dir) => target === dir || target.startsWith(`${dir}/`))]).toEqual([spec, true]);
    }
    const code = source.replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(Date\.now|new Date|Math\.random|process\.|require\(|setTimeout|setInterval)/);
  });
});
