import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_LADDER } from '../../permits/ladders';
import { StepDef, stepsOf } from '../definition';
import { fromBpmnXml, parseBusinessDuration, toDefinitionSource } from './import';
import { evaluate, parse, SOURCE_OPTIONS, typeCheck } from './spec-support';

// A diagram as drawn in a modeler (bpmn.io style): no documentation JSON, lanes named freely, one task
// without a timer, an interrupting timer in weeks, a FEEL-ish condition, an unreadable one, a default
// flow, and the usual "approved?" gateway with a flow to a "rejected" end.
const MODELER_XML = fs.readFileSync(path.join(__dirname, 'fixtures', 'restoran.bpmn'), 'utf8');

describe('BPMN import of a modeler diagram without our documentation', () => {
  it('reads lanes as agencies, tasks as steps, gateways as blocks, and lists what it could not express', async () => {
    const { rootElement: _r, warnings } = await parse(MODELER_XML);
    expect(warnings).toEqual([]);
    const { definition, todos } = await fromBpmnXml(MODELER_XML, { defaultEscalation: DEFAULT_LADDER });

    const steps = stepsOf(definition.flow);
    expect(steps.map((s) => [s.id, s.name, s.agency])).toEqual([
      ['verifikasi_berkas', 'Verifikasi berkas', 'DPMPTSP'],
      ['laik_higiene_sanitasi', 'Laik higiene sanitasi', 'DINKES'],
      ['kajian_sppl', 'Kajian SPPL', 'LINGKUNGAN_HIDUP'],
      ['kajian_ukl_upl', 'Kajian UKL-UPL', 'LINGKUNGAN_HIDUP'],
      ['penandatanganan_izin', 'Penandatanganan izin', 'DPMPTSP'],
    ]);
    const byId = (id: string) => steps.find((s) => s.id === id) as StepDef;
    expect(byId('verifikasi_berkas').deadline).toEqual({ hours: 4 });
    expect(byId('laik_higiene_sanitasi').deadline).toEqual({ days: 3 });
    expect(byId('kajian_sppl').deadline).toEqual({ days: 5 }); // no timer: default, with a TODO
    expect(byId('kajian_ukl_upl').deadline).toEqual({ days: 5 }); // P1W = 5 business days
    expect(byId('penandatanganan_izin').role).toBe('head');
    expect(byId('verifikasi_berkas').role).toBe('officer');

    expect(definition.flow).toMatchObject({
      kind: 'sequence',
      steps: [
        { kind: 'step', id: 'verifikasi_berkas' },
        { kind: 'parallel', id: 'gateway_0split', branches: [{ id: 'laik_higiene_sanitasi' }, { id: 'kajian_sppl' }] },
        {
          kind: 'choice',
          id: 'luas_usaha',
          name: 'Luas usaha?',
          branches: [
            { when: { field: 'floorArea', op: 'gt', value: 500 }, label: 'Besar', then: { id: 'kajian_ukl_upl' } },
            { when: { field: 'TODO', op: 'eq' }, label: 'Lainnya', then: { kind: 'sequence', steps: [] } },
          ],
        },
        { kind: 'step', id: 'penandatanganan_izin' },
      ],
    });
    expect((definition.flow as { steps: Array<{ otherwise?: unknown }> }).steps[2].otherwise).toBeUndefined();

    expect(definition.code).toBe('IZIN_USAHA_RESTORAN');
    expect(definition.name).toEqual({ id: 'Izin Usaha Restoran', en: 'Izin Usaha Restoran' });
    expect(definition.escalation).toEqual(DEFAULT_LADDER);
    expect(definition.dataSchema.properties).toEqual({ floorArea: { type: 'number' } });
    // longest path: 4 h + 5 d (no timer: default) + 5 d (P1W) + 5 d (no timer: default) = 15.5 → 16 days
    expect(definition.deadline).toEqual({ days: 16 });

    const expectTodo = (re: RegExp) => expect(todos.some((t) => re.test(t))).toBe(true);
    expectTodo(/^diagram: lane "Lingkungan Hidup" is not an agency code; used "LINGKUNGAN_HIDUP"/);
    expectTodo(/^step kajian_sppl: no deadline/);
    expectTodo(/^step kajian_ukl_upl: duration P1W has weeks/);
    expectTodo(/^step penandatanganan_izin: role "head" guessed/);
    expectTodo(/^step verifikasi_berkas: which office decides\?/);
    expectTodo(/^choice luas_usaha: condition "\$\{floorArea > 500\}" translated to floorArea > 500/);
    expectTodo(/^choice luas_usaha: condition .*kbli.* could not be read/);
    expectTodo(/^choice luas_usaha: the branch "Lainnya" has no step/);
    expectTodo(/^diagram: flow "Tidak" from "Disetujui\?" to "Ditolak" dropped/);
    for (const key of ['code', 'version', 'name', 'category', 'source', 'fee', 'requiredDocuments', 'dataSchema', 'deadline', 'onHardDeadline', 'applicantDeadline', 'escalation']) {
      expectTodo(new RegExp(`^${key}: `));
    }
  });

  it('prints a skeleton with the TODOs next to what they are about, and it type-checks', async () => {
    const { definition, todos } = await fromBpmnXml(MODELER_XML, { defaultEscalation: DEFAULT_LADDER });
    const source = toDefinitionSource(definition, todos, { ...SOURCE_OPTIONS, from: 'restoran.bpmn' });
    expect(source).toContain("import { DEFAULT_LADDER } from './ladders';");
    expect(source).toContain('export const izinUsahaRestoranV1 = definePermit({');
    expect(source).toMatch(/\/\/ TODO: lane "Lingkungan Hidup" is not an agency code/);
    expect(source).toMatch(/\/\/ TODO: fee amount and its legal basis[^\n]*\n\s+fee: \{/);
    expect(source).toMatch(/\/\/ TODO: no deadline[^\n]*\n\s+\{\n\s+kind: 'step',\n\s+id: 'kajian_sppl'/);
    expect(source).toContain('escalation: DEFAULT_LADDER,');
    expect(source.match(/\/\/ TODO: /g)!.length).toBe(todos.length);
    expect(typeCheck(source)).toEqual([]);
    // it is a skeleton: definePermit still refuses it until the TODOs are done
    expect(() => evaluate(source)).toThrow(/fee\.legalBasis/);
  });

  it('reads ISO-8601 durations as business time', () => {
    expect(parseBusinessDuration('P5D')).toEqual({ duration: { days: 5 } });
    expect(parseBusinessDuration('PT4H')).toEqual({ duration: { hours: 4 } });
    expect(parseBusinessDuration('PT30M')).toEqual({ duration: { minutes: 30 } });
    expect(parseBusinessDuration('P2.5D')).toEqual({ duration: { days: 2.5 } });
    expect(parseBusinessDuration('P1DT7H30M')).toEqual({ duration: { days: 2 } });
    expect(parseBusinessDuration('P1DT3H')).toEqual({ duration: { minutes: 630 } }); // 10.5 h: whole minutes
    expect(parseBusinessDuration('P1DT3H45M')).toEqual({ duration: { minutes: 675 } });
    expect(parseBusinessDuration('PT1H30M')).toEqual({ duration: { minutes: 90 } });
    expect(parseBusinessDuration('PT15H')).toEqual({ duration: { hours: 15 } });
    expect(parseBusinessDuration('P1W')?.duration).toEqual({ days: 5 });
    expect(parseBusinessDuration('R3/PT1H')).toBeUndefined();
    expect(parseBusinessDuration('${deadline}')).toBeUndefined();
    expect(parseBusinessDuration('P')).toBeUndefined();
  });
});
