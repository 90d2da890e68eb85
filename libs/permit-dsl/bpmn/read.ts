// BPMN 2.0 XML → the diagram model the import works on: the process and its documentation, the flow
// nodes, their outgoing flows and boundary events, and the agency of each node (lanes are agencies).
// What the diagram holds that a permit definition cannot is noted as a TODO here and in the next stages.
import { PROCESS_DOC_MARKER, REJECTED_ERROR_CODE } from './common';
import { createBpmnModdle, ModdleElement as El } from './moddle';

export type { El };
export type Json = Record<string, unknown>;

/** TODOs in the order they were found, each once: `<anchor>: <message>`. */
export class Todos {
  readonly list: string[] = [];

  add(anchor: string, message: string): void {
    const t = `${anchor}: ${message}`;
    if (!this.list.includes(t)) this.list.push(t);
  }
}

export interface BpmnModel {
  process: El;
  participant: El | undefined;
  /** The process documentation written by `toBpmnXml`, when the diagram carries it. */
  ours: Json | undefined;
  /** Flow nodes by id (tasks, gateways, events; not sequence flows nor boundary events). */
  nodes: Map<string, El>;
  /** Outgoing sequence flows by source id, in the source's own `<outgoing>` order when it lists them all. */
  out: Map<string, El[]>;
  /** Boundary events by the id of the activity they are attached to. */
  boundaries: Map<string, El[]>;
  agencyOf: Map<string, string>;
  /** Split gateway id → join gateway id, from our documentation. */
  joinOf: Map<string, string>;
  todos: Todos;
}

export const TASK_TYPES = ['bpmn:UserTask', 'bpmn:Task', 'bpmn:ManualTask'];
const OTHER_ACTIVITY_TYPES = [
  'bpmn:ServiceTask',
  'bpmn:ScriptTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:BusinessRuleTask',
  'bpmn:CallActivity',
  'bpmn:SubProcess',
  'bpmn:Transaction',
  'bpmn:AdHocSubProcess',
];
const GATEWAY_TYPES = [
  'bpmn:ParallelGateway',
  'bpmn:ExclusiveGateway',
  'bpmn:InclusiveGateway',
  'bpmn:ComplexGateway',
  'bpmn:EventBasedGateway',
];

export function isGateway(el: El): boolean {
  return GATEWAY_TYPES.includes(el.$type);
}

export function isActivity(el: El): boolean {
  return TASK_TYPES.includes(el.$type) || (OTHER_ACTIVITY_TYPES.includes(el.$type) && !el.triggeredByEvent);
}

function isFlowNode(el: El): boolean {
  return isActivity(el) || isGateway(el) || /Event$/.test(el.$type);
}

/** The documentation text of an element parsed as a JSON object, if it is one. */
export function docJson(el: El | undefined): Json | undefined {
  for (const d of el?.documentation ?? []) {
    const text = d.text?.trim();
    if (!text?.startsWith('{')) continue;
    try {
      const v: unknown = JSON.parse(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Json;
    } catch {
      // not ours
    }
  }
  return undefined;
}

/** `bpmn:UserTask` → `UserTask`. */
export const short = (t: string): string => t.replace(/^bpmn:/, '');
/** How a TODO names an element: its name in quotes, else its id. */
export const label = (el: El): string => (el.name?.trim() ? `"${el.name.trim()}"` : el.id ?? '?');

function words(s: string): string[] {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `Kajian teknis (TPA)` → `kajian_teknis_tpa`; a leading digit gets `prefix_`; at most 40 characters. */
export function snakeCase(s: string, prefix: string): string {
  let out = '';
  for (const w of words(s).map((x) => x.toLowerCase())) {
    const next = out ? `${out}_${w}` : w;
    if (next.length > 40 && out) break;
    out = next.slice(0, 40);
  }
  return out && !/^[a-z]/.test(out) ? `${prefix}_${out}` : out;
}

/** `Dinas Kesehatan` → `DINAS_KESEHATAN`; a leading digit gets `P_`. */
export function upperCode(s: string, fallback: string): string {
  const out = words(s).join('_').toUpperCase();
  return !out ? fallback : /^[A-Z]/.test(out) ? out : `P_${out}`;
}

/** Parses the XML and reads the one process that holds tasks (XML warnings become TODOs). */
export async function readBpmn(xml: string): Promise<BpmnModel> {
  const moddle = await createBpmnModdle();
  const { rootElement: definitions, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const todos = new Todos();
  for (const w of warnings) todos.add('diagram', `XML warning: ${w.message.replace(/\s+/g, ' ')}`);
  const roots = definitions.rootElements ?? [];
  const processes = roots.filter((r) => r.$type === 'bpmn:Process');
  const participants = roots.filter((r) => r.$type === 'bpmn:Collaboration').flatMap((c) => c.participants ?? []);
  const withContent = processes.filter((p) => (p.flowElements ?? []).some((e) => isActivity(e)));
  const process = withContent[0] ?? processes[0];
  if (!process) throw new Error('the BPMN file holds no process');
  if (withContent.length > 1) {
    todos.add('diagram', `${withContent.length} pools have tasks; only ${label(process)} was imported (draw agencies as lanes of one pool)`);
  }
  const pdoc = docJson(process);
  const model: BpmnModel = {
    process,
    participant: participants.find((p) => p.processRef === process),
    ours: pdoc?.format === PROCESS_DOC_MARKER ? pdoc : undefined,
    nodes: new Map(),
    out: new Map(),
    boundaries: new Map(),
    agencyOf: new Map(),
    joinOf: new Map(),
    todos,
  };
  readLanes(model);
  readGraph(model);
  return model;
}

function readLanes(m: BpmnModel): void {
  const visit = (laneSet: El | undefined) => {
    for (const lane of laneSet?.lanes ?? []) {
      const agency = agencyOfLane(lane, m.todos);
      for (const ref of lane.flowNodeRef ?? []) if (ref.id) m.agencyOf.set(ref.id, agency);
      visit(lane.childLaneSet); // child lanes come after, so the innermost lane wins
    }
  };
  for (const ls of m.process.laneSets ?? []) visit(ls);
}

function agencyOfLane(lane: El, todos: Todos): string {
  const doc = docJson(lane);
  if (typeof doc?.agency === 'string' && doc.agency) return doc.agency;
  const name = lane.name?.trim() ?? '';
  if (/^[A-Z][A-Z0-9_]*$/.test(name)) return name;
  const inParens = /\(([A-Z][A-Z0-9_]*)\)/.exec(name);
  if (inParens) return inParens[1];
  const code = upperCode(name, 'TODO');
  todos.add('diagram', `lane ${name ? `"${name}"` : lane.id} is not an agency code; used "${code}"`);
  return code;
}

function readGraph(m: BpmnModel): void {
  const elements = m.process.flowElements ?? [];
  for (const e of elements) {
    if (!e.id) continue;
    if (e.$type === 'bpmn:SequenceFlow') continue;
    if (e.$type === 'bpmn:BoundaryEvent') {
      const host = e.attachedToRef?.id;
      if (host) m.boundaries.set(host, [...(m.boundaries.get(host) ?? []), e]);
      continue;
    }
    if (e.$type === 'bpmn:SubProcess' && e.triggeredByEvent) {
      const ours = e.flowElements?.some((x) =>
        x.eventDefinitions?.some((d) => d.$type === 'bpmn:ErrorEventDefinition' && (d.errorRef as El | undefined)?.errorCode === REJECTED_ERROR_CODE),
      );
      if (!ours) m.todos.add('diagram', `event sub-process ${label(e)} ignored (rejection and escalation are built in)`);
      continue;
    }
    if (isFlowNode(e)) m.nodes.set(e.id, e);
    const doc = docJson(e);
    if (isGateway(e) && typeof doc?.joinOf === 'string') m.joinOf.set(doc.joinOf, e.id);
  }
  for (const e of elements) {
    if (e.$type !== 'bpmn:SequenceFlow') continue;
    const s = e.sourceRef?.id;
    if (s) m.out.set(s, [...(m.out.get(s) ?? []), e]);
  }
  // branch order: the node's own <outgoing> order when it lists them all
  for (const [id, flows] of m.out) {
    const listed = m.nodes.get(id)?.outgoing ?? [];
    if (listed.length === flows.length && flows.every((f) => listed.includes(f))) m.out.set(id, [...listed]);
  }
}
