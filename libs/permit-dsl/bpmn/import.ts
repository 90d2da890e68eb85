// BPMN 2.0 XML → PermitDefinition (plus what could not be expressed, as TODOs), in three stages:
// read.ts (XML → diagram model), structure.ts and steps.ts (model → flow), facts.ts (model → the
// definition's other facts); print-source.ts then writes the definition file.
//
// Diagrams exported by `toBpmnXml` come back exactly (their documentation JSON carries what BPMN
// cannot). Diagrams drawn in any modeler work too: lanes are agencies (lane name = agency code),
// user tasks and plain tasks are steps (deadline from the attached timer boundary event, read as
// BUSINESS time), parallel gateways are parallel blocks, exclusive gateways are choices.
import type { PermitDefinition } from '../definition';
import { definitionOf, ImportOptions } from './facts';
import { readBpmn } from './read';
import { structureOf } from './structure';

export type { ImportOptions } from './facts';
export { parseBusinessDuration } from './steps';
export { exportNameOf, toDefinitionSource } from './print-source';
export type { SourceOptions } from './print-source';

export interface ImportResult {
  definition: PermitDefinition;
  /**
   * What the diagram did not say or the DSL cannot express, each as `<anchor>: <message>`. The
   * anchor is a definition key (`fee`, `deadline`...), `step <id>`, `choice <id>`, `parallel <id>`
   * or `diagram`; `toDefinitionSource` prints each TODO next to what it is about.
   */
  todos: string[];
}

export async function fromBpmnXml(xml: string, options: ImportOptions = {}): Promise<ImportResult> {
  const model = await readBpmn(xml);
  const { flow, conditionFields } = structureOf(model);
  return { definition: definitionOf(model, flow, conditionFields, options), todos: model.todos.list };
}
