import { definePermit, DefinitionError, definitionFile } from './define';
import { PermitDefinition, StepDef } from './definition';

/** A small valid definition; each test gets a fresh copy to break. */
function valid(): PermitDefinition {
  return {
    code: 'PBG',
    version: 1,
    name: { id: 'Persetujuan Bangunan Gedung', en: 'Building Approval' },
    category: 'perizinan',
    source: 'PP 16/2021',
    fee: { amount: 0, currency: 'IDR', legalBasis: 'Perda DKI Jakarta No. 1 Tahun 2024' },
    requiredDocuments: [{ type: 'ktp', name: 'KTP pemohon' }, { type: 'sertifikat', name: 'Sertifikat tanah' }],
    dataSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['floors', 'function'],
      properties: {
        floors: { type: 'integer', minimum: 1 },
        function: { type: 'string', enum: ['hunian', 'usaha'] },
        note: { type: 'string' },
      },
      examples: [{ floors: 2, function: 'hunian' }],
    },
    flow: {
      kind: 'sequence',
      steps: [
        { kind: 'step', id: 'intake', name: 'Intake', agency: 'DPMPTSP', role: 'officer', deadline: { days: 1 } },
        {
          kind: 'parallel',
          id: 'reviews',
          branches: [
            { kind: 'step', id: 'fire', name: 'Fire', agency: 'DPKP', role: 'officer', deadline: { days: 3 } },
            { kind: 'step', id: 'environment', name: 'Environment', agency: 'DLH', role: 'officer', deadline: { hours: 6 } },
          ],
        },
        { kind: 'step', id: 'technical', name: 'Technical', agency: 'DCKTRP', jurisdiction: 'city', role: 'officer', deadline: { days: 5 } },
        {
          kind: 'choice',
          id: 'authority',
          branches: [
            {
              when: { all: [{ field: 'floors', op: 'gte', value: 9 }, { field: 'function', op: 'in', value: ['usaha'] }] },
              then: { kind: 'step', id: 'province_sign', name: 'Province', agency: 'DCKTRP', role: 'head', deadline: { days: 2 } },
            },
          ],
          otherwise: { kind: 'step', id: 'city_sign', name: 'City', agency: 'DCKTRP', jurisdiction: 'city', role: 'head', deadline: { days: 2 } },
        },
      ],
    },
    deadline: { days: 28 },
    onHardDeadline: 'escalate',
    applicantDeadline: { days: 10 },
    escalation: [
      { id: 'reminder', notify: 'assignee', atFraction: 0.75 },
      { id: 'section_head', notify: 'section_head', atFraction: 1 },
      { id: 'agency_head', notify: 'agency_head', afterDeadline: { days: 1 } },
      { id: 'governor', notify: 'governor', afterDeadline: { days: 3 }, publicList: true },
    ],
  };
}

const FILE = 'libs/permits/pbg.v1.ts';

/** The flow's top-level nodes, typed loosely so tests can break them. */
function top(def: PermitDefinition): any[] {
  return (def.flow as any).steps;
}

/** Runs definePermit on a broken definition and returns the DefinitionError it threw. */
function errorOf(def: PermitDefinition): DefinitionError {
  try {
    definePermit(def);
  } catch (err) {
    expect(err).toBeInstanceOf(DefinitionError);
    return err as DefinitionError;
  }
  throw new Error('definePermit accepted an invalid definition');
}

/** Expects exactly one issue, at `path`, whose message contains `fragment`, and the line `<file>: <path>: ...`. */
function expectIssue(def: PermitDefinition, path: string, fragment: string, file = FILE): void {
  const err = errorOf(def);
  expect(err.issues).toEqual([{ path, message: expect.stringContaining(fragment) }]);
  expect(err.message.startsWith(`${file}: ${path}: `)).toBe(true);
  expect(err.file).toBe(file);
}

/** A fresh valid definition, broken by `breakIt`, is refused with exactly one issue at `path`. */
function expectBroken(breakIt: (def: PermitDefinition) => void, path: string, fragment: string): void {
  const def = valid();
  breakIt(def);
  expectIssue(def, path, fragment);
}

describe('definePermit', () => {
  test('accepts a valid definition and deep-freezes it', () => {
    const def = valid();
    const out = definePermit(def);
    expect(out).toBe(def);
    expect(Object.isFrozen(out)).toBe(true);
    expect(Object.isFrozen(out.flow)).toBe(true);
    expect(Object.isFrozen(top(out)[1].branches[0].deadline)).toBe(true);
    expect(Object.isFrozen(out.escalation[3])).toBe(true);
    expect(Object.isFrozen(out.dataSchema.examples![0])).toBe(true);
    expect(() => {
      (out.fee as { amount: number }).amount = 5;
    }).toThrow(TypeError);
    expect(() => (out.requiredDocuments as unknown[]).push({ type: 'x', name: 'x' })).toThrow(TypeError);
  });

  test('names the file from code and version', () => {
    expect(definitionFile('SIP_DOKTER', 2)).toBe('libs/permits/sip-dokter.v2.ts');
    const def = { ...valid(), code: 'IZIN_KERAMAIAN', deadline: { days: 0 } };
    expectIssue(def, 'deadline', 'must be a positive business duration', 'libs/permits/izin-keramaian.v1.ts');
  });

  test('code must be uppercase, 2-32 chars', () => {
    for (const code of ['pbg', 'P', '1PBG', 'PBG-X', 'A'.repeat(33)]) {
      const err = errorOf({ ...valid(), code });
      expect(err.issues.map((i) => i.path)).toEqual(['code']);
    }
  });

  test('version must be a positive integer', () => {
    expectIssue({ ...valid(), version: 0 }, 'version', 'positive integer', 'libs/permits/pbg.v0.ts');
    expectIssue({ ...valid(), version: 1.5 }, 'version', 'positive integer', 'libs/permits/pbg.v1.5.ts');
  });

  test('names must be non-empty', () => {
    expectIssue({ ...valid(), name: { id: '  ', en: 'Building Approval' } }, 'name.id', 'non-empty');
    expectIssue({ ...valid(), name: { id: 'PBG', en: '' } }, 'name.en', 'non-empty');
    expectIssue({ ...valid(), source: '' }, 'source', 'regulation');
  });

  test('category and policy must be known', () => {
    expectIssue({ ...valid(), category: 'izin' as never }, 'category', "'perizinan'");
    expectIssue({ ...valid(), onHardDeadline: 'approve' as never }, 'onHardDeadline', "'deem-granted'");
  });

  test('fee: whole non-negative rupiah, IDR, with a legal basis', () => {
    expectIssue({ ...valid(), fee: { amount: -1, currency: 'IDR', legalBasis: 'x' } }, 'fee.amount', 'whole number');
    expectIssue({ ...valid(), fee: { amount: 10.5, currency: 'IDR', legalBasis: 'x' } }, 'fee.amount', 'whole number');
    expectIssue({ ...valid(), fee: { amount: 0, currency: 'USD' as 'IDR', legalBasis: 'x' } }, 'fee.currency', "'IDR'");
    expectIssue({ ...valid(), fee: { amount: 0, currency: 'IDR', legalBasis: '' } }, 'fee.legalBasis', 'regulation');
  });

  test('required documents have unique types', () => {
    expectBroken((def) => { def.requiredDocuments.push({ type: 'ktp', name: 'KTP lagi' }); }, 'requiredDocuments[2].type', "duplicate document type 'ktp' (first at requiredDocuments[0])");
  });

  test('dataSchema must be an object schema with examples', () => {
    expectBroken((def) => { def.dataSchema.type = 'array'; }, 'dataSchema.type', "'object'");

    expectBroken((def) => { def.dataSchema.examples = []; }, 'dataSchema.examples', 'at least one example');

    expectBroken((def) => { def.dataSchema.required = ['floors', 'function', 'height']; }, 'dataSchema.required[2]', "'height' is not declared in dataSchema.properties");
  });

  test('each example has every required property', () => {
    expectBroken((def) => { def.dataSchema.examples = [{ floors: 2, function: 'hunian' }, { floors: 3 }]; }, 'dataSchema.examples[1].function', 'required property is missing');
  });

  test('each example has only known properties when additionalProperties is false', () => {
    expectBroken((def) => { def.dataSchema.examples = [{ floors: 2, function: 'hunian', height: 7 }]; }, 'dataSchema.examples[0].height', 'additionalProperties is false');

    const open = valid();
    delete open.dataSchema.additionalProperties;
    open.dataSchema.examples = [{ floors: 2, function: 'hunian', height: 7 }];
    expect(() => definePermit(open)).not.toThrow();
  });

  test('example values match the declared type and enum', () => {
    expectBroken((def) => { def.dataSchema.examples = [{ floors: 2.5, function: 'hunian' }]; }, 'dataSchema.examples[0].floors', 'must be of type integer');

    expectBroken((def) => { def.dataSchema.examples = [{ floors: 2, function: 'gudang' }]; }, 'dataSchema.examples[0].function', "must be one of 'hunian', 'usaha'");
  });

  test('step ids are snake_case', () => {
    expectBroken((def) => { top(def)[0].id = 'Intake-1'; }, 'flow.steps[0].id', 'snake_case');
  });

  test('step ids are unique across the flow, choice branches included', () => {
    expectBroken((def) => { top(def)[3].otherwise.id = 'fire'; }, 'flow.steps[3].otherwise.id', "duplicate id 'fire' (already used at flow.steps[1].branches[0].id)");
  });

  test('parallel and choice ids are unique and distinct from step ids', () => {
    expectBroken((def) => { top(def)[1].id = 'intake'; }, 'flow.steps[1].id', "duplicate id 'intake'");

    expectBroken((def) => { top(def)[3].id = 'reviews'; }, 'flow.steps[3].id', "duplicate id 'reviews' (already used at flow.steps[1].id)");

    expectBroken((def) => { delete top(def)[1].id; }, 'flow.steps[1].id', 'snake_case');
  });

  test('every step deadline is a positive business duration', () => {
    const zero = valid();
    top(zero)[2].deadline = { days: 0 };
    const err = errorOf(zero);
    expect(err.message).toBe('libs/permits/pbg.v1.ts: flow.steps[2].deadline: must be a positive business duration (it comes to 0 business minutes)');

    expectBroken((def) => { top(def)[1].branches[1].deadline = { hours: -2 }; }, 'flow.steps[1].branches[1].deadline', 'must be a positive business duration');

    expectBroken((def) => { top(def)[0].deadline = { minutes: 0.4 }; }, 'flow.steps[0].deadline', 'must be a positive business duration');

    expectBroken((def) => { top(def)[0].deadline = { days: 1, hours: 2 }; }, 'flow.steps[0].deadline', 'exactly one of { days }, { hours } or { minutes }');

    expectBroken((def) => { top(def)[0].deadline = { days: Number.NaN }; }, 'flow.steps[0].deadline', 'must be a positive business duration');
  });

  test('agency codes are non-empty uppercase', () => {
    expectBroken((def) => { top(def)[2].agency = 'dcktrp'; }, 'flow.steps[2].agency', 'uppercase agency code');

    expectBroken((def) => { top(def)[3].branches[0].then.agency = ''; }, 'flow.steps[3].branches[0].then.agency', 'uppercase agency code');
  });

  test('step role and jurisdiction are known, weight is not negative', () => {
    expectBroken((def) => { top(def)[0].role = 'clerk'; }, 'flow.steps[0].role', "'officer'");

    expectBroken((def) => { top(def)[0].jurisdiction = 'rt'; }, 'flow.steps[0].jurisdiction', "'kelurahan'");

    expectBroken((def) => { (top(def)[0] as StepDef).weight = -1; }, 'flow.steps[0].weight', '0 or more');

    expectBroken((def) => { (top(def)[0] as StepDef).weightReason = ' '; }, 'flow.steps[0].weightReason', 'non-empty string');
  });

  test('choice conditions reference only fields declared in dataSchema.properties', () => {
    expectBroken((def) => { top(def)[3].branches[0].when.all[0].field = 'floor'; }, 'flow.steps[3].branches[0].when.all[0].field', "'floor' is not declared in dataSchema.properties");
  });

  test('choice conditions are well-formed and agree with the schema', () => {
    expectBroken((def) => { top(def)[3].branches[0].when.all[1].value = ['usaha', 'hunain']; }, 'flow.steps[3].branches[0].when.all[1].value', "'hunain' is not among the enum values of dataSchema.properties.function");

    expectBroken((def) => { top(def)[3].branches[0].when = { field: 'function', op: 'gt', value: 2 }; }, 'flow.steps[3].branches[0].when.op', "'gt' compares numbers");

    expectBroken((def) => { top(def)[3].branches[0].when = { field: 'floors', op: 'gte', value: '9' }; }, 'flow.steps[3].branches[0].when.value', 'must be a number');

    expectBroken((def) => { top(def)[3].branches[0].when = { field: 'floors', op: 'between', value: 9 }; }, 'flow.steps[3].branches[0].when.op', 'must be one of');

    expectBroken((def) => { top(def)[3].branches[0].when = { all: [] }; }, 'flow.steps[3].branches[0].when.all', 'at least one condition');
  });

  test('a flow has at least one step, no empty block, and parallels have two branches', () => {
    const empty = valid();
    empty.flow = { kind: 'sequence', steps: [] };
    const err = errorOf(empty);
    expect(err.issues.map((i) => i.path)).toEqual(['flow.steps', 'flow']);

    expectBroken((def) => { top(def)[1].branches.pop(); }, 'flow.steps[1].branches', 'at least two branches');

    expectBroken((def) => { top(def)[0].kind = 'task'; }, 'flow.steps[0].kind', "'step'");

    expectBroken((def) => { top(def).push(def.flow); }, 'flow.steps[4]', 'contains itself');
  });

  test('escalation rung ids are unique', () => {
    expectBroken((def) => { def.escalation[2].id = 'reminder'; }, 'escalation[2].id', "duplicate rung id 'reminder' (first at escalation[0])");
  });

  test('a rung sets exactly one of atFraction and afterDeadline', () => {
    expectBroken((def) => { def.escalation[1].afterDeadline = { minutes: 0 }; }, 'escalation[1]', 'exactly one of atFraction and afterDeadline');

    expectBroken((def) => { delete def.escalation[0].atFraction; }, 'escalation[0]', 'exactly one of atFraction and afterDeadline');
  });

  test('atFraction is in (0, 1], afterDeadline is not negative', () => {
    for (const f of [0, 1.2, -0.5]) {
      const def = valid();
      def.escalation[0].atFraction = f;
      expectIssue(def, 'escalation[0].atFraction', 'greater than 0 and at most 1');
    }
    expectBroken((def) => { def.escalation[2].afterDeadline = { days: -1 }; }, 'escalation[2].afterDeadline', 'must be a non-negative business duration');

    const atDeadline = valid();
    atDeadline.escalation[1] = { id: 'section_head', notify: 'section_head', afterDeadline: { minutes: 0 } };
    expect(() => definePermit(atDeadline)).not.toThrow();
  });

  test('rungs are sorted by when they fire', () => {
    expectBroken((def) => { [def.escalation[2], def.escalation[3]] = [def.escalation[3], def.escalation[2]]; }, 'escalation[3]', "before escalation[2] ('governor'");

    expectBroken((def) => { def.escalation.push({ id: 'late_reminder', notify: 'assignee', atFraction: 0.9 }); }, 'escalation[4]', 'sorted by when they fire');

    expectBroken((def) => { def.escalation = []; }, 'escalation', 'at least one rung');

    expectBroken((def) => { (def.escalation[0] as { notify: string }).notify = 'mayor'; }, 'escalation[0].notify', "'governor'");
  });

  test('total deadline and applicant deadline are positive', () => {
    expectIssue({ ...valid(), deadline: { days: 0 } }, 'deadline', 'must be a positive business duration');
    expectIssue({ ...valid(), applicantDeadline: { days: -3 } }, 'applicantDeadline', 'must be a positive business duration');
    expectIssue({ ...valid(), applicantDeadline: undefined as never }, 'applicantDeadline', 'exactly one of');
  });

  test('lists every problem, one line each', () => {
    const def = { ...valid(), version: 2, fee: { amount: -5, currency: 'IDR' as const, legalBasis: '' } };
    top(def)[2].deadline = { days: 0 };
    const err = errorOf(def);
    expect(err.message.split('\n')).toEqual([
      'libs/permits/pbg.v2.ts: fee.amount: must be a whole number of rupiah, 0 or more',
      'libs/permits/pbg.v2.ts: fee.legalBasis: must name the regulation that sets the fee (or exempts it)',
      'libs/permits/pbg.v2.ts: flow.steps[2].deadline: must be a positive business duration (it comes to 0 business minutes)',
    ]);
    expect(err.name).toBe('DefinitionError');
    expect(Object.isFrozen(def)).toBe(false); // nothing is frozen when validation fails
  });

  test('rejects a non-object', () => {
    const err = errorOf(null as unknown as PermitDefinition);
    expect(err.message).toBe('libs/permits/<no code>.v?.ts: (definition): must be an object');
  });
});
