// Colours on a definition's BPMN diagram (libs/permit-dsl/bpmn/export.ts): the route an application
// takes (permit:preview), what changed between two versions (permit:diff). The colours are the two
// attribute sets modelers read: bpmn.io's `bioc:` and the OMG's non-normative `color:` extension.
const NAMESPACES = 'xmlns:bioc="http://bpmn.io/schema/bpmn/biocolor/1.0" xmlns:color="http://www.omg.org/spec/BPMN/non-normative/color/1.0"';

export type Mark = 'route' | 'off-route' | 'added' | 'changed';

const COLOURS: Record<Mark, { stroke: string; fill: string }> = {
  route: { stroke: '#1b5e20', fill: '#c8e6c9' },
  'off-route': { stroke: '#9e9e9e', fill: '#f5f5f5' },
  added: { stroke: '#1b5e20', fill: '#c8e6c9' },
  changed: { stroke: '#e65100', fill: '#ffe0b2' },
};

/** The diagram with each listed element's shape coloured; elements not listed keep their look. */
export function markDiagram(xml: string, marks: ReadonlyMap<string, Mark>): string {
  const withNs = xml.replace(/<bpmn:definitions /, (m) => `${m}${NAMESPACES} `);
  return withNs.replace(/<bpmndi:BPMNShape id="([^"]*)" bpmnElement="([^"]*)"/g, (whole, _id: string, element: string) => {
    const mark = marks.get(element);
    if (!mark) return whole;
    const { stroke, fill } = COLOURS[mark];
    return `${whole} bioc:stroke="${stroke}" bioc:fill="${fill}" color:border-color="${stroke}" color:background-color="${fill}"`;
  });
}
