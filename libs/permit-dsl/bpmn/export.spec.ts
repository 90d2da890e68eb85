import { validateDefinition } from '../define';
import { toIsoDuration } from './common';
import { toBpmnXml } from './export';
import { BPMN_FIXTURE, BPMN_FIXTURE_ODD } from './fixture';
import { expectWellFormedDiagram, parse } from './spec-support';

describe('BPMN export', () => {
  it('the fixture is a valid definition', () => {
    expect(validateDefinition(BPMN_FIXTURE)).toEqual([]);
  });

  it('writes BPMN that bpmn-moddle reads with zero warnings, steps as userTasks in their lanes, DI for everything', async () => {
    await expectWellFormedDiagram(BPMN_FIXTURE);
  });

  it('handles one-step sequences, nested sequences, empty branches and ids that are not XML names', async () => {
    await expectWellFormedDiagram(BPMN_FIXTURE_ODD);
    const xml = toBpmnXml(BPMN_FIXTURE_ODD);
    expect(xml).toContain('id="_1st_check"');
    expect(xml).toContain('id="Start_submitted"'); // the step keeps its id, the start event moves aside
    expect(xml).toContain('id="Start_submitted_2"');
  });

  it('escapes names and documentation', async () => {
    const xml = toBpmnXml(BPMN_FIXTURE);
    expect(xml).not.toMatch(/name="[^"]*[<>][^"]*"/);
    const { rootElement } = await parse(xml);
    const process = rootElement.rootElements!.find((r) => r.$type === 'bpmn:Process')!;
    expect(process.name).toBe(BPMN_FIXTURE.name.id);
    expect(process.flowElements!.find((e) => e.id === 'traffic')!.name).toBe('Andalalin: lalu lintas & parkir <besar>');
  });

  it('writes business durations as P<n>D, PT<n>H, PT<n>M', () => {
    expect(toIsoDuration({ days: 5 })).toBe('P5D');
    expect(toIsoDuration({ days: 2.5 })).toBe('P2.5D');
    expect(toIsoDuration({ hours: 4 })).toBe('PT4H');
    expect(toIsoDuration({ minutes: 90 })).toBe('PT90M');
    const xml = toBpmnXml(BPMN_FIXTURE);
    expect(xml).toContain('>P5D</bpmn:timeDuration>');
    expect(xml).toContain('>PT16H</bpmn:timeDuration>');
    expect(xml).not.toContain('PT37H30M');
  });

  it('is deterministic', () => {
    expect(toBpmnXml(BPMN_FIXTURE)).toBe(toBpmnXml(BPMN_FIXTURE));
  });
});
