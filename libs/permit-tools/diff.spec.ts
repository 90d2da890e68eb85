// Given two versions of a permit type, permit:diff says what an admin must review: SKDU v2 added a site
// visit beside the document check; an edited PBG shows every other kind of change.
import { createBpmnModdle } from '../permit-dsl/bpmn/moddle';
import { toBpmnXml } from '../permit-dsl/bpmn/export';
import type { PermitDefinition } from '../permit-dsl/definition';
import { findDefinition } from '../permits';
import { markDiagram } from './bpmn-marks';
import { diffDefinitions, formatDiff } from './diff';

describe('permit:diff', () => {
  const v1 = findDefinition('SKDU', 1)!;
  const v2 = findDefinition('SKDU', 2)!;

  it('shows what SKDU v2 changed from v1, as text', () => {
    expect(formatDiff(v1, v2, diffDefinitions(v1, v2))).toBe(
      [
        'SKDU v1 → v2: 3 changes',
        '  steps:',
        "    + site_visit 'Peninjauan lokasi usaha' (KELURAHAN, kelurahan, officer, 1 working day), in parallel block 'kelurahan_checks'",
        "    ~ kelurahan_verification: name 'Verifikasi data dan lokasi usaha' → 'Verifikasi data dan dokumen'; now in parallel block 'kelurahan_checks' (was in the main sequence)",
        '  flow:',
        "    + parallel block 'kelurahan_checks' (kelurahan_verification, site_visit)",
        '  unchanged: deadlines, escalation, fee, documents, data schema, description',
        '',
      ].join('\n'),
    );
  });

  it('marks the changes on the diagram of v2', async () => {
    const marks = new Map(diffDefinitions(v1, v2).flatMap((c) => (c.element ? [[c.element, c.kind === 'added' ? ('added' as const) : ('changed' as const)]] : [])));
    const xml = markDiagram(toBpmnXml(v2), marks);
    expect((await (await createBpmnModdle()).fromXML(xml, 'bpmn:Definitions')).warnings).toEqual([]);
    expect(xml).toMatch(/bpmnElement="site_visit" bioc:stroke="#1b5e20"/);
    expect(xml).toMatch(/bpmnElement="kelurahan_verification" bioc:stroke="#e65100"/);
    expect(xml).not.toMatch(/bpmnElement="lurah_signature" bioc:/);
  });

  it('names changed deadlines, agencies, fee, documents and data schema', () => {
    const pbg = findDefinition('PBG')!;
    const next = structuredClone(pbg) as PermitDefinition;
    next.version = 2;
    next.deadline = { days: 25 };
    next.fee = { ...next.fee, amount: 150000 };
    next.requiredDocuments = next.requiredDocuments.filter((d) => d.type !== 'sppt_pbb').concat({ type: 'surat_kuasa', name: 'Surat kuasa' });
    next.dataSchema.properties!.storeys = { type: 'integer' };
    delete next.dataSchema.properties!.plannerName;
    const choice = next.flow as Extract<PermitDefinition['flow'], { kind: 'choice' }>;
    const city = choice.branches[1].then as Extract<PermitDefinition['flow'], { kind: 'sequence' }>;
    Object.assign(city.steps[0], { agency: 'DPMPTSP', deadline: { days: 10 } });
    expect(formatDiff(pbg, next, diffDefinitions(pbg, next))).toBe(
      [
        'PBG v1 → v2: 7 changes',
        '  steps:',
        '    ~ city_technical_consultation: agency DCKTRP → DPMPTSP; deadline 14 working days → 10 working days',
        '  deadlines:',
        '    ~ legal deadline 28 working days → 25 working days',
        '  fee:',
        '    ~ amount Rp 0 → Rp 150.000',
        '  documents:',
        "    + surat_kuasa 'Surat kuasa'",
        "    - sppt_pbb 'SPPT PBB tahun berjalan'",
        '  data schema:',
        '    + field storeys {"type":"integer"}',
        '    - field plannerName',
        '  unchanged: flow, escalation, description',
        '',
      ].join('\n'),
    );
  });
});
