import { DEFINITIONS } from '../../permits';
import { toBpmnXml } from './export';
import { BPMN_FIXTURE, BPMN_FIXTURE_ODD } from './fixture';
import { fromBpmnXml, toDefinitionSource } from './import';
import { evaluate, expectWellFormedDiagram, SOURCE_OPTIONS, typeCheck } from './spec-support';

describe('BPMN round trip', () => {
  it.each([
    ['fixture', BPMN_FIXTURE],
    ['odd fixture', BPMN_FIXTURE_ODD],
  ])('fromBpmnXml(toBpmnXml(%s)) gives the definition back, with no TODO', async (_name, def) => {
    const { definition, todos } = await fromBpmnXml(toBpmnXml(def));
    expect(definition).toEqual(def);
    expect(todos).toEqual([]);
  });

  it('prints TypeScript that compiles and evaluates to the same definition', async () => {
    const { definition, todos } = await fromBpmnXml(toBpmnXml(BPMN_FIXTURE));
    const source = toDefinitionSource(definition, todos, SOURCE_OPTIONS);
    expect(source).toContain("import { definePermit } from '../permit-dsl/define';");
    expect(source).toContain('export const fixturePbgV2 = definePermit({');
    expect(typeCheck(source)).toEqual([]);
    expect(evaluate(source)).toEqual(BPMN_FIXTURE);
  });
});

describe('every registered permit definition', () => {
  it('there are some', () => {
    expect(DEFINITIONS.length).toBeGreaterThan(0);
  });

  it.each(DEFINITIONS.map((d) => [`${d.code} v${d.version}`, d] as const))('%s: zero warnings, full DI, exact round trip', async (_name, def) => {
    await expectWellFormedDiagram(def);
    const { definition, todos } = await fromBpmnXml(toBpmnXml(def));
    expect(definition).toEqual(def);
    expect(todos).toEqual([]);
    const source = toDefinitionSource(definition, todos, SOURCE_OPTIONS);
    expect(evaluate(source)).toEqual(def);
  });

  it('their generated sources type-check', async () => {
    // one program per definition is slow; check them all in one file with distinct export names
    const parts: string[] = [];
    for (const def of DEFINITIONS) {
      const { definition, todos } = await fromBpmnXml(toBpmnXml(def));
      parts.push(toDefinitionSource(definition, todos, SOURCE_OPTIONS));
    }
    const imports = new Set<string>();
    const bodies = parts.map((p) =>
      p
        .split('\n')
        .filter((line) => (line.startsWith('import ') ? (imports.add(line), false) : true))
        .join('\n'),
    );
    expect(typeCheck([...imports, ...bodies].join('\n'))).toEqual([]);
  });
});
