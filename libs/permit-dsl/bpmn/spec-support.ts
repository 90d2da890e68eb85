// What the BPMN specs share: the parser, every structural promise of the export checked on parsed XML,
// and type-checking and evaluating generated definition sources. Test code only (not built).
import * as path from 'node:path';
import ts from 'typescript';
import { DEFAULT_LADDER } from '../../permits/ladders';
import * as defineModule from '../define';
import { childrenOf, FlowNode, PermitDefinition, stepsOf } from '../definition';
import { BUSINESS_TIME_LANGUAGE, toIsoDuration } from './common';
import { toBpmnXml } from './export';
import type { SourceOptions } from './import';
import { createBpmnModdle, ModdleElement } from './moddle';

const ROOT = path.resolve(__dirname, '../../..');

export async function parse(xml: string) {
  const moddle = await createBpmnModdle();
  return moddle.fromXML(xml, 'bpmn:Definitions');
}

function docJson(el: ModdleElement): Record<string, unknown> | undefined {
  const text = el.documentation?.[0]?.text;
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function count(node: FlowNode, kind: FlowNode['kind']): number {
  return (node.kind === kind ? 1 : 0) + childrenOf(node).reduce((n, c) => n + count(c, kind), 0);
}

function choicesOf(node: FlowNode): Extract<FlowNode, { kind: 'choice' }>[] {
  return [...(node.kind === 'choice' ? [node] : []), ...childrenOf(node).flatMap(choicesOf)];
}

/** Every structural promise of the export, checked on the parsed XML. */
export async function expectWellFormedDiagram(def: PermitDefinition): Promise<void> {
  const xml = toBpmnXml(def);
  const { rootElement, warnings } = await parse(xml);
  expect(warnings).toEqual([]);
  expect(warnings.length).toBe(0);

  const roots = rootElement.rootElements!;
  const collaboration = roots.find((r) => r.$type === 'bpmn:Collaboration')!;
  const processes = roots.filter((r) => r.$type === 'bpmn:Process');
  expect(processes).toHaveLength(1);
  const process = processes[0];
  expect(collaboration.participants).toHaveLength(1);
  expect(collaboration.participants![0].processRef).toBe(process);
  expect(docJson(process)).toMatchObject({ code: def.code, version: def.version, escalation: def.escalation });

  const elements = process.flowElements!;
  const lanes = process.laneSets![0].lanes!;
  expect(lanes.map((l) => l.name).sort()).toEqual([...new Set(stepsOf(def.flow).map((s) => s.agency))].sort());
  const escalations = new Set(roots.filter((r) => r.$type === 'bpmn:Escalation'));

  // every step: a userTask in its agency's lane with exactly one non-interrupting business-time timer
  const tasks = elements.filter((e) => e.$type === 'bpmn:UserTask');
  const steps = stepsOf(def.flow);
  expect(tasks).toHaveLength(steps.length);
  for (const step of steps) {
    const task = tasks.find((t) => (docJson(t)?.id ?? t.id) === step.id)!;
    expect(task).toBeDefined();
    expect(task.name).toBe(step.name);
    expect(docJson(task)).toMatchObject({ agency: step.agency, role: step.role, deadline: step.deadline });
    const lane = lanes.filter((l) => l.flowNodeRef!.includes(task));
    expect(lane.map((l) => l.name)).toEqual([step.agency]);

    const timers = elements.filter(
      (e) =>
        e.$type === 'bpmn:BoundaryEvent' &&
        e.attachedToRef === task &&
        e.eventDefinitions?.some((d) => d.$type === 'bpmn:TimerEventDefinition'),
    );
    expect(timers).toHaveLength(1);
    expect(timers[0].cancelActivity).toBe(false);
    const duration = timers[0].eventDefinitions![0].timeDuration!;
    expect(duration.$type).toBe('bpmn:FormalExpression');
    expect(duration.body).toBe(toIsoDuration(step.deadline));
    expect(duration.language).toBe(BUSINESS_TIME_LANGUAGE);

    const out = elements.filter((e) => e.$type === 'bpmn:SequenceFlow' && e.sourceRef === timers[0]);
    expect(out).toHaveLength(1);
    const thrower = out[0].targetRef!;
    expect(thrower.$type).toBe('bpmn:IntermediateThrowEvent');
    const escalation = thrower.eventDefinitions![0];
    expect(escalation.$type).toBe('bpmn:EscalationEventDefinition');
    expect(escalations.has(escalation.escalationRef as ModdleElement)).toBe(true);
  }

  // gateways: a split and a join per block
  const count$ = (t: string) => elements.filter((e) => e.$type === t).length;
  expect(count$('bpmn:ParallelGateway')).toBe(2 * count(def.flow, 'parallel'));
  expect(count$('bpmn:ExclusiveGateway')).toBe(2 * count(def.flow, 'choice'));
  expect(count$('bpmn:StartEvent')).toBe(1);
  expect(elements.filter((e) => e.$type === 'bpmn:EndEvent').map((e) => e.name)).toEqual(['Issued']);

  // choices: JSON conditions in formal expressions, a default flow
  for (const choice of choicesOf(def.flow)) {
    const split = elements.find((e) => e.$type === 'bpmn:ExclusiveGateway' && (docJson(e)?.id ?? e.id) === choice.id)!;
    const outs = elements.filter((e) => e.$type === 'bpmn:SequenceFlow' && e.sourceRef === split);
    expect(outs).toHaveLength(choice.branches.length + 1);
    const conditional = outs.filter((f) => f.conditionExpression);
    expect(conditional.map((f) => f.conditionExpression!.$type)).toEqual(choice.branches.map(() => 'bpmn:FormalExpression'));
    expect(conditional.map((f) => JSON.parse(f.conditionExpression!.body!))).toEqual(choice.branches.map((b) => b.when));
    expect(split.default).toBeDefined();
    expect(split.default!.conditionExpression).toBeUndefined();
  }

  // the rejection: an interrupting error event sub-process
  const rejection = elements.find((e) => e.$type === 'bpmn:SubProcess')!;
  expect(rejection.triggeredByEvent).toBe(true);

  // DI: a shape for the pool, every lane and every flow node, an edge with waypoints for every flow
  const plane = rootElement.diagrams![0].plane!;
  expect(plane.bpmnElement).toBe(collaboration);
  const shapes = new Map(plane.planeElement!.filter((p) => p.$type === 'bpmndi:BPMNShape').map((p) => [p.bpmnElement, p]));
  const edges = new Map(plane.planeElement!.filter((p) => p.$type === 'bpmndi:BPMNEdge').map((p) => [p.bpmnElement, p]));
  const all = [...elements, ...(rejection.flowElements ?? [])];
  for (const el of [collaboration.participants![0], ...lanes]) expect(shapes.get(el)).toBeDefined();
  for (const el of all) {
    if (el.$type === 'bpmn:SequenceFlow') {
      const edge = edges.get(el);
      expect(edge).toBeDefined();
      expect((edge!.waypoint as unknown[]).length).toBeGreaterThanOrEqual(2);
    } else {
      const s = shapes.get(el);
      expect(s).toBeDefined();
      const b = s!.bounds as { x: number; y: number; width: number; height: number };
      expect(b.width).toBeGreaterThan(0);
      expect(b.height).toBeGreaterThan(0);
    }
  }
  expect(shapes.size + edges.size).toBe(plane.planeElement!.length);
}

/**
 * Type-checks generated source as if it were `libs/permits/<name>.ts`, without writing it to disk:
 * the compiler host serves it from memory, everything else (define.ts, ladders.ts) from the repo.
 */
export function typeCheck(source: string): string[] {
  const file = path.join(ROOT, 'libs', 'permits', '__bpmn_import_check__.ts');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError, create) =>
    path.resolve(name) === file ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, onError, create);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === file ? source : readFile(name));
  const program = ts.createProgram([file], options, host);
  const sf = program.getSourceFile(file)!;
  return ts
    .getPreEmitDiagnostics(program, sf)
    .map((d) => `${d.start !== undefined ? sf.getLineAndCharacterOfPosition(d.start).line + 1 : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** Runs generated source (transpiled to CommonJS) against the real definePermit; returns its one export. */
export function evaluate(source: string): PermitDefinition {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: Record<string, unknown> = {};
  const modules: Record<string, unknown> = { '../permit-dsl/define': defineModule, './ladders': { DEFAULT_LADDER } };
  const req = (id: string) => {
    if (!(id in modules)) throw new Error(`unexpected import ${id}`);
    return modules[id];
  };
  new Function('require', 'exports', 'module', js)(req, exports, { exports });
  const values = Object.values(exports);
  expect(values).toHaveLength(1);
  return values[0] as PermitDefinition;
}

export const SOURCE_OPTIONS: SourceOptions = { references: [{ name: 'DEFAULT_LADDER', module: './ladders', value: DEFAULT_LADDER }] };
