// Given a small definition with one mistake each, permit:check names the mistake, the file, the step and
// the field, in words an admin understands. And the whole catalogue passes.
import * as path from 'node:path';
import type { PermitDefinition } from '../permit-dsl/definition';
import { DEFAULT_LADDER } from '../permits/ladders';
import { izinTamanV1 } from '../permits/izin-taman.v1';
import { APPLICANT_KTP, applicationData, documents, step, weigh } from '../permits/parts';
import { checkCatalogue, loadAgencies } from './catalogue-check';
import { checkDefinition, formatIssue } from './check';

const ROOT = path.resolve(__dirname, '..', '..');
const FILE = 'libs/permits/taman.v1.ts';
const agencies = loadAgencies(ROOT);

/**
 * A sound definition: the park-use permit of a kota, two steps, a choice on the event's size. Its name,
 * category, legal source and fee are those of the catalogue's own park-use permit.
 */
function good(): PermitDefinition {
  const { name, category, source, fee } = structuredClone(izinTamanV1);
  return {
    code: 'TAMAN',
    version: 1,
    name,
    category,
    source,
    fee,
    requiredDocuments: documents(APPLICANT_KTP),
    dataSchema: applicationData(
      ['attendance', 'size'],
      { attendance: { type: 'integer', minimum: 1, maximum: 100000 }, size: { type: 'string', enum: ['small', 'large'] }, tent: { type: 'boolean' } },
      [{ attendance: 50, size: 'small' }],
    ),
    flow: {
      kind: 'sequence',
      steps: [
        step('park_check', 'Pemeriksaan jadwal taman', 'DISTAMHUT', 'city', 'officer', { days: 2 }, weigh('check', 'the booking calendar checked')),
        {
          kind: 'choice',
          id: 'by_size',
          branches: [
            { label: 'kecil', when: { field: 'size', op: 'eq', value: 'small' }, then: step('lurah_note', 'Catatan lurah', 'KELURAHAN', 'kelurahan', 'head', { days: 1 }, weigh('sign', 'the lurah signs a note')) },
            { label: 'besar', when: { field: 'size', op: 'eq', value: 'large' }, then: step('satpol_review', 'Kajian ketertiban', 'SATPOLPP', 'province', 'officer', { days: 2 }, weigh('review', 'public order reviewed')) },
          ],
        },
      ],
    },
    deadline: { days: 5 },
    onHardDeadline: 'escalate',
    applicantDeadline: { days: 5 },
    escalation: DEFAULT_LADDER,
  };
}

function problems(def: PermitDefinition, source?: string): string[] {
  return checkDefinition(structuredClone(def), { file: FILE, agencies, source }).map(formatIssue);
}

const flowSteps = (def: PermitDefinition) => (def.flow as Extract<PermitDefinition['flow'], { kind: 'sequence' }>).steps;
const choice = (def: PermitDefinition) => flowSteps(def)[1] as Extract<PermitDefinition['flow'], { kind: 'choice' }>;

describe('permit:check', () => {
  it('finds nothing wrong with a sound definition', () => {
    expect(problems(good())).toEqual([]);
  });

  it('names an unknown agency, with the nearest known code', () => {
    const def = good();
    (flowSteps(def)[0] as { agency: string }).agency = 'DISTAMHUTT';
    expect(problems(def)).toEqual([
      `${FILE}: step 'park_check', flow.steps[0].agency: unknown agency 'DISTAMHUTT': no agency of this deployment has that code (did you mean 'DISTAMHUT'?). ` +
        'The agencies are listed in libs/database/seed/agencies.json; add a new one there first.',
    ]);
  });

  it('names a territorial step without jurisdiction', () => {
    const def = good();
    delete (choice(def).branches[0].then as { jurisdiction?: string }).jurisdiction;
    expect(problems(def)).toEqual([
      `${FILE}: step 'lurah_note', flow.steps[1].branches[0].then.jurisdiction: Kantor Kelurahan (KELURAHAN) is a territorial office, one per area: ` +
        "say which one decides with jurisdiction: 'kelurahan' (the office of the application's location). Without it the step would go to a province-wide office that does not exist.",
    ]);
  });

  it('names a step deadline longer than the legal total', () => {
    const def = good();
    (flowSteps(def)[0] as { deadline: unknown }).deadline = { days: 8 };
    expect(problems(def)).toEqual([
      `${FILE}: step 'park_check', flow.steps[0].deadline: this step may take 8 working days, longer than the legal deadline of the whole application ` +
        "(5 working days, the definition's deadline): shorten the step or check the regulation's total.",
    ]);
  });

  it('names a route longer than the legal total', () => {
    const def = good();
    def.deadline = { days: 3 };
    expect(problems(def)).toEqual([
      `${FILE}: deadline: the legal deadline is 3 working days, but the longest route through the steps takes 4 working days when every step uses its full deadline: ` +
        "shorten the steps on that route or check the regulation's total.",
    ]);
  });

  it("names a choice whose branches do not cover the data schema's cases", () => {
    const def = good();
    def.dataSchema.properties!.size.enum = ['small', 'large', 'festival'];
    expect(problems(def)).toEqual([
      `${FILE}: step 'by_size', flow.steps[1].branches: the branches of choice 'by_size' do not cover every case the data schema allows: ` +
        'for data with size = "festival" no branch holds and there is no otherwise, so the application would be issued without this review. Add a branch for it or an otherwise.',
    ]);
  });

  it('names an unreachable step', () => {
    const def = good();
    choice(def).branches[1].when = { all: [{ field: 'attendance', op: 'gt', value: 500 }, { field: 'attendance', op: 'lt', value: 100 }] };
    choice(def).otherwise = step('camat_note', 'Catatan camat', 'KECAMATAN', 'kecamatan', 'head', { days: 1 }, weigh('sign', 'the camat signs a note'));
    expect(problems(def)).toEqual([
      `${FILE}: step 'satpol_review', flow.steps[1].branches[1].when: unreachable step 'satpol_review': branch 2 ('besar') of choice 'by_size' is never taken ` +
        'for any data the schema allows (an earlier branch catches all its cases, or its condition cannot hold). Reorder the branches or correct the condition.',
    ]);
  });

  it('names a data-schema example that does not validate', () => {
    const def = good();
    def.dataSchema.examples = [{ attendance: 0, size: 'small' }];
    expect(problems(def)).toEqual([
      `${FILE}: dataSchema.examples[0].attendance: example 1 of the data schema does not validate: the example's value must be >= 1. ` +
        'Integrators copy the examples, so each one must pass the schema.',
    ]);
  });

  it('names a missing legal basis for the fee, and one that cites no regulation', () => {
    const missing = good();
    missing.fee = { amount: 50000, currency: 'IDR', legalBasis: '' };
    expect(problems(missing)).toEqual([`${FILE}: fee.legalBasis: must name the regulation that sets the fee (or exempts it)`]);
    const vague = good();
    vague.fee = { amount: 50000, currency: 'IDR', legalBasis: 'tarif taman yang berlaku' };
    expect(problems(vague)).toEqual([
      `${FILE}: fee.legalBasis: the legal basis of the fee (Rp 50.000) names no regulation: cite the Perda, Pergub, PP or UU that sets the fee or exempts it, ` +
        "e.g. 'Perda DKI Jakarta No. 1 Tahun 2024'.",
    ]);
  });

  it('names a step without a points weight', () => {
    const def = good();
    const park = flowSteps(def)[0] as { weight?: number; weightReason?: string };
    delete park.weight;
    delete park.weightReason;
    expect(problems(def)).toEqual([
      `${FILE}: step 'park_check', flow.steps[0].weight: step 'park_check' has no points weight: add weigh(effort, reason) as the last argument of step(...) ` +
        "(effort: 'check', 'review', 'technical', 'sign'; the weight follows from it and the deadline), so the points report counts the step for the work it asks.",
    ]);
  });

  it('names a weight without its reason', () => {
    const def = good();
    delete (choice(def).branches[1].then as { weightReason?: string }).weightReason;
    expect(problems(def)).toEqual([
      `${FILE}: step 'satpol_review', flow.steps[1].branches[1].then.weightReason: the weight of step 'satpol_review' (3) gives no reason: ` +
        'say what work the step asks, as weigh(effort, reason) does.',
    ]);
  });

  it('names a weight of 0', () => {
    const def = good();
    (choice(def).branches[0].then as { weight?: number }).weight = 0;
    expect(problems(def)).toEqual([
      `${FILE}: step 'lurah_note', flow.steps[1].branches[0].then.weight: a weight of 0 makes deciding step 'lurah_note' worth no points at all: weigh it with weigh(effort, reason).`,
    ]);
  });

  it('names what the scaffold left to fill in', () => {
    expect(problems(good(), "const x = 1;\n  // TODO: the legal deadline of the Pergub\n")).toEqual([`${FILE}: line 2: still to fill in: TODO: the legal deadline of the Pergub`]);
  });

  it('passes on every definition of the catalogue, and the registries list every file', () => {
    const { issues, files } = checkCatalogue(ROOT);
    expect(issues.map(formatIssue)).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(9);
  });
});
