// BPMN 2.0 XML → PermitDefinition (plus what could not be expressed, as TODOs), and the TypeScript
// source of a definition file.
//
// Diagrams exported by `toBpmnXml` come back exactly (their documentation JSON carries what BPMN
// cannot). Diagrams drawn in any modeler work too: lanes are agencies (lane name = agency code),
// user tasks and plain tasks are steps (deadline from the attached timer boundary event, read as
// BUSINESS time), parallel gateways are parallel blocks, exclusive gateways are choices. The nested
// structure is rebuilt from the graph: a split's block ends at its immediate post-dominator (the join).
import {
  BusinessDuration,
  ChoiceDef,
  Condition,
  EscalationRung,
  FlowNode,
  Jurisdiction,
  MINUTES_PER_BUSINESS_DAY,
  ParallelDef,
  PermitDefinition,
  StepDef,
  toBusinessMinutes,
} from '../definition';
import { canonicalFlow, deepEqual, describeCondition, FlowShape, isBusinessDuration, isCondition, REJECTED_ERROR_CODE } from './common';
import { PROCESS_DOC_MARKER } from './export';
import { createBpmnModdle, ModdleElement as El } from './moddle';

export interface ImportResult {
  definition: PermitDefinition;
  /**
   * What the diagram did not say or the DSL cannot express, each as `<anchor>: <message>`. The
   * anchor is a definition key (`fee`, `deadline`...), `step <id>`, `choice <id>`, `parallel <id>`
   * or `diagram`; `toDefinitionSource` prints each TODO next to what it is about.
   */
  todos: string[];
}

const EXIT = '\u0000exit';
const DEFAULT_STEP_DEADLINE = { days: 5 };
const JURISDICTIONS: Jurisdiction[] = ['province', 'city', 'kecamatan', 'kelurahan'];
const TASK_TYPES = ['bpmn:UserTask', 'bpmn:Task', 'bpmn:ManualTask'];
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

type Json = Record<string, unknown>;

/** The documentation text of an element parsed as a JSON object, if it is one. */
function docJson(el: El | undefined): Json | undefined {
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

const short = (t: string) => t.replace(/^bpmn:/, '');
const label = (el: El) => (el.name?.trim() ? `"${el.name.trim()}"` : el.id ?? '?');

export interface ImportOptions {
  /** The ladder a diagram without our documentation gets (still flagged TODO); default none. */
  defaultEscalation?: EscalationRung[];
}

export async function fromBpmnXml(xml: string, options: ImportOptions = {}): Promise<ImportResult> {
  const moddle = await createBpmnModdle();
  const { rootElement: definitions, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
  return new Importer(definitions, warnings.map((w) => w.message), options).run();
}

class Importer {
  private readonly todos: string[] = [];
  private readonly nodes = new Map<string, El>();
  private readonly out = new Map<string, El[]>();
  private readonly boundaries = new Map<string, El[]>();
  private readonly agencyOf = new Map<string, string>();
  private readonly joinOf = new Map<string, string>(); // split id → join id, from our documentation
  private readonly usedIds = new Set<string>();
  private readonly conditionFields = new Map<string, Condition>();
  private pdom = new Map<string, Set<string>>();

  constructor(
    private readonly definitions: El,
    private readonly warnings: string[],
    private readonly options: ImportOptions,
  ) {}

  private todo(anchor: string, message: string): void {
    const t = `${anchor}: ${message}`;
    if (!this.todos.includes(t)) this.todos.push(t);
  }

  run(): ImportResult {
    for (const w of this.warnings) this.todo('diagram', `XML warning: ${w.replace(/\s+/g, ' ')}`);
    const roots = this.definitions.rootElements ?? [];
    const processes = roots.filter((r) => r.$type === 'bpmn:Process');
    const participants = roots.filter((r) => r.$type === 'bpmn:Collaboration').flatMap((c) => c.participants ?? []);
    const withContent = processes.filter((p) => (p.flowElements ?? []).some((e) => isActivity(e)));
    const process = withContent[0] ?? processes[0];
    if (!process) throw new Error('the BPMN file holds no process');
    if (withContent.length > 1) {
      this.todo(
        'diagram',
        `${withContent.length} pools have tasks; only ${label(process)} was imported (draw agencies as lanes of one pool)`,
      );
    }
    const participant = participants.find((p) => p.processRef === process);
    const pdoc = docJson(process);
    const ours = pdoc?.format === PROCESS_DOC_MARKER ? pdoc : undefined;

    this.readLanes(process);
    this.readGraph(process);
    const flow = this.readFlow(ours);
    return { definition: this.processFacts(process, participant, ours, flow), todos: this.todos };
  }

  // ---- lanes → agencies ----------------------------------------------------------------------

  private readLanes(process: El): void {
    const visit = (laneSet: El | undefined) => {
      for (const lane of laneSet?.lanes ?? []) {
        const agency = this.agencyOfLane(lane);
        for (const ref of lane.flowNodeRef ?? []) if (ref.id) this.agencyOf.set(ref.id, agency);
        visit(lane.childLaneSet); // child lanes come after, so the innermost lane wins
      }
    };
    for (const ls of process.laneSets ?? []) visit(ls);
  }

  private agencyOfLane(lane: El): string {
    const doc = docJson(lane);
    if (typeof doc?.agency === 'string' && doc.agency) return doc.agency;
    const name = lane.name?.trim() ?? '';
    if (/^[A-Z][A-Z0-9_]*$/.test(name)) return name;
    const inParens = /\(([A-Z][A-Z0-9_]*)\)/.exec(name);
    if (inParens) return inParens[1];
    const code = upperCode(name, 'TODO');
    this.todo('diagram', `lane ${name ? `"${name}"` : lane.id} is not an agency code; used "${code}"`);
    return code;
  }

  // ---- the graph ----------------------------------------------------------------------------

  private readGraph(process: El): void {
    for (const e of process.flowElements ?? []) {
      if (!e.id) continue;
      if (e.$type === 'bpmn:SequenceFlow') continue;
      if (e.$type === 'bpmn:BoundaryEvent') {
        const host = e.attachedToRef?.id;
        if (host) this.boundaries.set(host, [...(this.boundaries.get(host) ?? []), e]);
        continue;
      }
      if (e.$type === 'bpmn:SubProcess' && e.triggeredByEvent) {
        const ours = e.flowElements?.some((x) =>
          x.eventDefinitions?.some((d) => d.$type === 'bpmn:ErrorEventDefinition' && (d.errorRef as El | undefined)?.errorCode === REJECTED_ERROR_CODE),
        );
        if (!ours) this.todo('diagram', `event sub-process ${label(e)} ignored (rejection and escalation are built in)`);
        continue;
      }
      if (isFlowNode(e)) this.nodes.set(e.id, e);
      const doc = docJson(e);
      if (isGateway(e) && typeof doc?.joinOf === 'string') this.joinOf.set(doc.joinOf, e.id);
    }
    for (const e of process.flowElements ?? []) {
      if (e.$type !== 'bpmn:SequenceFlow') continue;
      const s = e.sourceRef?.id;
      if (s) this.out.set(s, [...(this.out.get(s) ?? []), e]);
    }
    // branch order: the node's own <outgoing> order when it lists them all
    for (const [id, flows] of this.out) {
      const listed = this.nodes.get(id)?.outgoing ?? [];
      if (listed.length === flows.length && flows.every((f) => listed.includes(f))) this.out.set(id, [...listed]);
    }
  }

  private outs(id: string): El[] {
    return (this.out.get(id) ?? []).filter((f) => f.targetRef?.id && this.nodes.has(f.targetRef.id));
  }

  private readFlow(ours: Json | undefined): FlowNode {
    const starts = [...this.nodes.values()].filter((n) => n.$type === 'bpmn:StartEvent');
    let start: El | undefined = starts[0];
    if (starts.length > 1) this.todo('diagram', `${starts.length} start events; the flow starts at ${label(start)}`);
    if (!start) {
      const targets = new Set([...this.out.values()].flat().map((f) => f.targetRef?.id));
      start = [...this.nodes.values()].find((n) => !targets.has(n.id));
      this.todo('diagram', 'no start event; the flow starts at the first node without incoming flows');
    }
    if (!start) return { kind: 'sequence', steps: [] };

    this.pruneRejections();
    this.removeBackEdges(start.id!);
    this.computePostDominators(start.id!);
    const flow = seqOf(this.parseSeq(start.id!, EXIT));

    const unreached = [...this.nodes.values()].filter((n) => isActivity(n) && !this.pdom.has(n.id!));
    for (const n of unreached) this.todo('diagram', `${short(n.$type)} ${label(n)} is not reachable from the start event; ignored`);

    // restore sequence wrappers the diagram cannot show, if the diagram still matches them
    const shape = ours?.flowShape as FlowShape | undefined;
    if (shape) {
      const rebuilt = rebuildFromShape(shape, flow);
      if (rebuilt && deepEqual(canonicalFlow(rebuilt), flow)) return rebuilt;
    }
    return flow;
  }

  /** A decision gateway's flow straight to a "rejected" end event is the built-in rejection: drop it. */
  private pruneRejections(): void {
    for (const [id, flows] of this.out) {
      const node = this.nodes.get(id);
      if (!node || !isGateway(node) || flows.length < 2) continue;
      const keep = flows.filter((f) => !isRejectionEnd(this.nodes.get(f.targetRef?.id ?? '')));
      if (keep.length === flows.length || keep.length === 0) continue;
      for (const f of flows.filter((x) => !keep.includes(x))) {
        this.todo(
          'diagram',
          `flow ${f.name ? `"${f.name}" ` : ''}from ${label(node)} to ${label(f.targetRef!)} dropped: every step can reject, the engine ends the application as rejected`,
        );
      }
      this.out.set(id, keep);
    }
  }

  private removeBackEdges(start: string): void {
    const state = new Map<string, 'open' | 'done'>();
    const visit = (id: string) => {
      state.set(id, 'open');
      const keep: El[] = [];
      for (const f of this.out.get(id) ?? []) {
        const t = f.targetRef?.id;
        if (!t || !this.nodes.has(t)) continue;
        if (state.get(t) === 'open') {
          this.todo(
            'diagram',
            `loop from ${label(this.nodes.get(id)!)} back to ${label(this.nodes.get(t)!)} ignored: revision requests are built into every step`,
          );
          continue;
        }
        keep.push(f);
        if (!state.has(t)) visit(t);
      }
      this.out.set(id, keep);
      state.set(id, 'done');
    };
    visit(start);
  }

  /** Post-dominator sets on the (now acyclic) graph reachable from the start, with a virtual EXIT. */
  private computePostDominators(start: string): void {
    const order: string[] = [];
    const seen = new Set<string>();
    const visit = (id: string) => {
      seen.add(id);
      for (const f of this.outs(id)) if (!seen.has(f.targetRef!.id!)) visit(f.targetRef!.id!);
      order.push(id); // post-order: successors first
    };
    visit(start);
    for (const id of order) {
      const succ = this.outs(id).map((f) => this.pdom.get(f.targetRef!.id!)!);
      let set: Set<string>;
      if (!succ.length) set = new Set([EXIT]);
      else {
        set = new Set(succ[0]);
        for (const s of succ.slice(1)) for (const x of [...set]) if (!s.has(x)) set.delete(x);
      }
      set.add(id);
      this.pdom.set(id, set);
    }
  }

  /** The closest node every path from `id` passes through (or EXIT). */
  private immediatePostDominator(id: string): string {
    let best = EXIT;
    let bestSize = 0;
    for (const p of this.pdom.get(id) ?? []) {
      if (p === id || p === EXIT) continue;
      const size = this.pdom.get(p)!.size;
      if (size > bestSize) {
        best = p;
        bestSize = size;
      }
    }
    return best;
  }

  private parseSeq(from: string, stop: string): FlowNode[] {
    const items: FlowNode[] = [];
    let cur = from;
    while (cur !== stop && cur !== EXIT) {
      const el = this.nodes.get(cur)!;
      const outs = this.outs(cur);
      const doc = isGateway(el) ? docJson(el) : undefined;
      if (isActivity(el)) items.push(this.step(el));
      else if (el.$type === 'bpmn:EndEvent') break;
      else if (!isGateway(el) && el.$type !== 'bpmn:StartEvent') {
        this.todo('diagram', `${short(el.$type)} ${label(el)} has no counterpart in a permit definition; skipped`);
      }
      const ourSplit = doc?.kind === 'parallel' || doc?.kind === 'choice';
      if (outs.length > 1 || (ourSplit && outs.length > 0)) {
        const join = (ourSplit && this.joinOf.get(cur)) || this.immediatePostDominator(cur);
        items.push(this.block(el, outs, join, doc));
        if (join === stop) break;
        cur = join;
        continue;
      }
      cur = outs[0]?.targetRef?.id ?? EXIT;
    }
    return items;
  }

  private block(el: El, outs: El[], join: string, doc: Json | undefined): ParallelDef | ChoiceDef {
    const id = this.nodeId(el, doc?.kind === 'parallel' || doc?.kind === 'choice' ? doc : undefined, 'gateway');
    const isOurs = !!doc?.kind;
    const conditional = outs.some((f) => f.conditionExpression) || !!el.default;
    let kind: 'parallel' | 'choice';
    switch (el.$type) {
      case 'bpmn:ParallelGateway':
        kind = 'parallel';
        break;
      case 'bpmn:ExclusiveGateway':
        kind = 'choice';
        break;
      case 'bpmn:InclusiveGateway':
        kind = 'choice';
        this.todo(`choice ${id}`, 'was an inclusive gateway: a choice runs only the FIRST branch whose condition holds');
        break;
      case 'bpmn:EventBasedGateway':
        kind = 'choice';
        this.todo(`choice ${id}`, 'was an event-based gateway: a choice decides on the application data instead');
        break;
      case 'bpmn:ComplexGateway':
        kind = 'parallel';
        this.todo(`parallel ${id}`, 'was a complex gateway: a parallel block waits for every branch');
        break;
      default:
        kind = conditional ? 'choice' : 'parallel';
        this.todo(`${kind} ${id}`, `${short(el.$type)} ${label(el)} splits the flow without a gateway; read as ${kind === 'choice' ? 'a choice' : 'parallel branches'}`);
    }
    const branch = (f: El): FlowNode => {
      const target = f.targetRef!.id!;
      const items = target === join ? [] : this.parseSeq(target, join);
      if (!items.length && !isOurs) {
        this.todo(`${kind} ${id}`, `the branch ${f.name ? `"${f.name}" ` : ''}has no step; a branch needs at least one`);
      }
      return seqOf(items);
    };

    if (kind === 'parallel') {
      if (outs.some((f) => f.conditionExpression)) this.todo(`parallel ${id}`, 'conditions on parallel flows ignored: every branch runs');
      return { kind: 'parallel', id, branches: outs.map(branch) };
    }

    const choice: ChoiceDef = { kind: 'choice', id, ...(el.name?.trim() ? { name: el.name.trim() } : {}), branches: [] };
    let otherwise: FlowNode | undefined;
    for (const f of outs) {
      if (f === el.default) {
        if (f.targetRef!.id !== join) otherwise = branch(f);
        continue;
      }
      const when = this.condition(f, id);
      const fdoc = docJson(f);
      const name = f.name?.trim();
      const autoName = fdoc?.generatedName === true && name === describeCondition(when);
      const then = branch(f);
      choice.branches.push({ ...(name && !autoName ? { label: name } : {}), when, then });
    }
    if (otherwise) choice.otherwise = otherwise;
    return choice;
  }

  /** The condition of a flow: our JSON, else a simple `field op value` expression, else a placeholder. */
  private condition(f: El, choiceId: string): Condition {
    const text = f.conditionExpression?.body?.trim();
    const flowName = f.name?.trim();
    const anchor = `choice ${choiceId}`;
    if (text) {
      try {
        const v: unknown = JSON.parse(text);
        if (isCondition(v)) return this.noteFields(v);
      } catch {
        // not JSON
      }
      const simple = parseSimpleExpression(text);
      if (simple) {
        this.todo(anchor, `condition ${JSON.stringify(text)} translated to ${describeCondition(simple)}; check it`);
        return this.noteFields(simple);
      }
      this.todo(anchor, `condition ${JSON.stringify(text)}${flowName ? ` ("${flowName}")` : ''} could not be read; write it as a Condition`);
      return { field: 'TODO', op: 'eq', value: text };
    }
    this.todo(anchor, `flow ${flowName ? `"${flowName}"` : f.id} has no condition; write one`);
    return { field: 'TODO', op: 'eq', value: flowName ?? f.id ?? '' };
  }

  private noteFields(when: Condition): Condition {
    const visit = (c: Condition): void => {
      if ('all' in c) c.all.forEach(visit);
      else if ('any' in c) c.any.forEach(visit);
      else if (!this.conditionFields.has(c.field)) this.conditionFields.set(c.field, c);
    };
    visit(when);
    return when;
  }

  /**
   * The DSL id of a task or split gateway: the one our export recorded, else the element id when it is
   * already snake_case, else one made from its name. Unique across the flow.
   */
  private nodeId(el: El, ours: Json | undefined, prefix: string): string {
    let id: string;
    if (typeof ours?.id === 'string') id = ours.id;
    else if (ours || /^[a-z][a-z0-9_]*$/.test(el.id ?? '')) id = el.id!;
    else id = snakeCase(el.name ?? '', prefix) || snakeCase(el.id ?? '', prefix) || prefix;
    if (this.usedIds.has(id)) {
      let n = 2;
      while (this.usedIds.has(`${id}_${n}`)) n++;
      const what = `${short(el.$type)} ${label(el)}`;
      this.todo('diagram', `${what} is reached from several places or shares its id; imported again as ${id}_${n}`);
      id = `${id}_${n}`;
    }
    this.usedIds.add(id);
    return id;
  }

  // ---- steps ------------------------------------------------------------------------------------

  private step(el: El): StepDef {
    const doc = docJson(el);
    const id = this.nodeId(el, doc && ('agency' in doc || 'role' in doc || 'deadline' in doc) ? doc : undefined, 'step');
    const anchor = `step ${id}`;
    if (!TASK_TYPES.includes(el.$type)) {
      this.todo(anchor, `was a ${short(el.$type)}: every step is a decision by an officer of the agency`);
    }

    const name = el.name?.trim() || id;
    if (!el.name?.trim()) this.todo(anchor, 'the task has no name');

    let agency = this.agencyOf.get(el.id!);
    if (!agency) {
      agency = typeof doc?.agency === 'string' ? doc.agency : 'TODO';
      if (!doc?.agency) this.todo(anchor, 'the task is in no lane: set the agency code');
    }

    let role: StepDef['role'];
    if (doc?.role === 'officer' || doc?.role === 'head') role = doc.role;
    else {
      role = /(kepala|head|sign|tanda ?tangan|penandatangan|pengesahan|penetapan|approv)/i.test(name) ? 'head' : 'officer';
      this.todo(anchor, `role "${role}" guessed from the task name: officer or head?`);
    }

    let jurisdiction: Jurisdiction | undefined;
    if (typeof doc?.jurisdiction === 'string' && JURISDICTIONS.includes(doc.jurisdiction as Jurisdiction)) {
      jurisdiction = doc.jurisdiction as Jurisdiction;
    } else if (!doc) {
      this.todo(anchor, `which office decides? jurisdiction is ${JURISDICTIONS.join(' | ')} (default province)`);
    }

    const timer = this.timerDeadline(el, anchor);
    const documented = isBusinessDuration(doc?.deadline) ? doc.deadline : undefined;
    let deadline: BusinessDuration = { ...DEFAULT_STEP_DEADLINE };
    if (timer && documented && toBusinessMinutes(timer) === toBusinessMinutes(documented)) deadline = documented;
    else if (timer) deadline = timer;
    else if (documented) deadline = documented;
    else this.todo(anchor, `no deadline (a timer boundary event with a duration); used ${DEFAULT_STEP_DEADLINE.days} business days`);

    // key order as in a hand-written definition
    return {
      kind: 'step',
      id,
      name,
      agency,
      ...(jurisdiction ? { jurisdiction } : {}),
      role,
      deadline,
      ...(typeof doc?.weight === 'number' ? { weight: doc.weight } : {}),
    };
  }

  private timerDeadline(task: El, anchor: string): BusinessDuration | undefined {
    const all = this.boundaries.get(task.id!) ?? [];
    const timers = all.filter((b) => b.eventDefinitions?.some((d) => d.$type === 'bpmn:TimerEventDefinition'));
    for (const b of all.filter((x) => !timers.includes(x))) {
      this.todo(anchor, `boundary event ${label(b)} (${(b.eventDefinitions ?? []).map((d) => short(d.$type)).join(', ') || 'none'}) ignored`);
    }
    if (!timers.length) return undefined;
    if (timers.length > 1) this.todo(anchor, `${timers.length} timer boundary events; the deadline is read from ${label(timers[0])}`);
    const def = timers[0].eventDefinitions!.find((d) => d.$type === 'bpmn:TimerEventDefinition')!;
    const text = def.timeDuration?.body?.trim();
    if (!text) {
      this.todo(anchor, `timer ${label(timers[0])} has no duration (timeDate/timeCycle cannot be a step deadline)`);
      return undefined;
    }
    const parsed = parseBusinessDuration(text);
    if (!parsed) {
      this.todo(anchor, `timer duration ${JSON.stringify(text)} is not an ISO-8601 duration`);
      return undefined;
    }
    if (parsed.note) this.todo(anchor, parsed.note);
    return parsed.duration;
  }

  // ---- process-level facts -----------------------------------------------------------------------

  private processFacts(process: El, participant: El | undefined, ours: Json | undefined, flow: FlowNode): PermitDefinition {
    const d = ours ?? {};
    const missing = (key: string, message: string) => this.todo(key, message);
    const title = process.name?.trim() || participant?.name?.trim() || process.id || 'permit';

    let code: string;
    if (typeof d.code === 'string' && d.code) code = d.code;
    else {
      code = upperCode(title, 'PERMIT').slice(0, 32).replace(/_+$/, '');
      missing('code', `code "${code}" derived from the diagram name; use the permit's code`);
    }
    let version = 1;
    if (typeof d.version === 'number') version = d.version;
    else missing('version', 'version 1 assumed');

    let name: PermitDefinition['name'];
    const nm = d.name as Json | undefined;
    if (nm && typeof nm.id === 'string' && typeof nm.en === 'string') name = { id: nm.id, en: nm.en };
    else {
      name = { id: title, en: title };
      missing('name', 'names in Indonesian (id) and English (en)');
    }

    let category: PermitDefinition['category'] = 'perizinan';
    if (d.category === 'perizinan' || d.category === 'non-perizinan') category = d.category;
    else missing('category', 'perizinan or non-perizinan?');

    let source = '';
    if (typeof d.source === 'string') source = d.source;
    else missing('source', 'the regulation or service standard the requirements come from');

    let fee: PermitDefinition['fee'] = { amount: 0, currency: 'IDR', legalBasis: '' };
    const f = d.fee as Json | undefined;
    if (f && typeof f.amount === 'number' && typeof f.legalBasis === 'string') fee = { amount: f.amount, currency: 'IDR', legalBasis: f.legalBasis };
    else missing('fee', 'fee amount and its legal basis (0 if the service is free)');

    let requiredDocuments: PermitDefinition['requiredDocuments'] = [];
    if (Array.isArray(d.requiredDocuments)) requiredDocuments = d.requiredDocuments as PermitDefinition['requiredDocuments'];
    else missing('requiredDocuments', 'the documents the applicant uploads');

    let dataSchema: PermitDefinition['dataSchema'];
    if (d.dataSchema && typeof d.dataSchema === 'object') dataSchema = d.dataSchema as PermitDefinition['dataSchema'];
    else {
      const properties: Record<string, { type: string }> = {};
      for (const [field, c] of this.conditionFields) {
        if (field === 'TODO' || 'all' in c || 'any' in c) continue;
        const v = Array.isArray(c.value) ? c.value[0] : c.value;
        properties[field] = { type: typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string' };
      }
      dataSchema = { type: 'object', properties, examples: [{}] };
      missing('dataSchema', 'the application data (the fields the conditions read are listed) and an example that passes it');
    }

    let deadline: BusinessDuration;
    if (isBusinessDuration(d.deadline)) deadline = d.deadline;
    else {
      deadline = { days: Math.max(1, Math.ceil(longestPathMinutes(flow) / MINUTES_PER_BUSINESS_DAY)) };
      missing('deadline', `${deadline.days} business days is the longest path through the step deadlines; set the legal deadline`);
    }
    let onHardDeadline: PermitDefinition['onHardDeadline'] = 'escalate';
    if (d.onHardDeadline === 'escalate' || d.onHardDeadline === 'deem-granted') onHardDeadline = d.onHardDeadline;
    else missing('onHardDeadline', 'escalate, or deem-granted where the regulation grants by silence (fiktif positif)');

    let applicantDeadline: BusinessDuration = { days: 10 };
    if (isBusinessDuration(d.applicantDeadline)) applicantDeadline = d.applicantDeadline;
    else missing('applicantDeadline', 'how long the applicant has to answer a revision request');

    let escalation: PermitDefinition['escalation'] = [];
    if (Array.isArray(d.escalation)) escalation = d.escalation as PermitDefinition['escalation'];
    else if (this.options.defaultEscalation) {
      escalation = this.options.defaultEscalation.map((r) => ({ ...r }));
      missing('escalation', 'the default ladder; check it suits this permit');
    } else missing('escalation', 'the escalation ladder (reminder, section head, agency head, governor)');

    return {
      code,
      version,
      name,
      category,
      ...(typeof d.description === 'string' ? { description: d.description } : {}),
      source,
      fee,
      requiredDocuments,
      dataSchema,
      flow,
      deadline,
      onHardDeadline,
      applicantDeadline,
      escalation,
    };
  }
}

// ---- helpers -------------------------------------------------------------------------------------

function isGateway(el: El): boolean {
  return GATEWAY_TYPES.includes(el.$type);
}

function isActivity(el: El): boolean {
  return TASK_TYPES.includes(el.$type) || (OTHER_ACTIVITY_TYPES.includes(el.$type) && !el.triggeredByEvent);
}

function isFlowNode(el: El): boolean {
  return isActivity(el) || isGateway(el) || /Event$/.test(el.$type);
}

function isRejectionEnd(el: El | undefined): boolean {
  if (!el || el.$type !== 'bpmn:EndEvent') return false;
  if (el.eventDefinitions?.some((d) => d.$type === 'bpmn:TerminateEventDefinition' || d.$type === 'bpmn:ErrorEventDefinition')) return true;
  return /reject|tolak|denied|declin|refus|batal|cancel|gagal/i.test(el.name ?? '');
}

function words(s: string): string[] {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `Kajian teknis (TPA)` → `kajian_teknis_tpa`; a leading digit gets `prefix_`; at most 40 characters. */
function snakeCase(s: string, prefix: string): string {
  let out = '';
  for (const w of words(s).map((x) => x.toLowerCase())) {
    const next = out ? `${out}_${w}` : w;
    if (next.length > 40 && out) break;
    out = next.slice(0, 40);
  }
  return out && !/^[a-z]/.test(out) ? `${prefix}_${out}` : out;
}

/** `Dinas Kesehatan` → `DINAS_KESEHATAN`; a leading digit gets `P_`. */
function upperCode(s: string, fallback: string): string {
  const out = words(s).join('_').toUpperCase();
  return !out ? fallback : /^[A-Z]/.test(out) ? out : `P_${out}`;
}

function seqOf(items: FlowNode[]): FlowNode {
  return items.length === 1 ? items[0] : { kind: 'sequence', steps: items };
}

function longestPathMinutes(n: FlowNode): number {
  switch (n.kind) {
    case 'step':
      return toBusinessMinutes(n.deadline);
    case 'sequence':
      return n.steps.reduce((sum, s) => sum + longestPathMinutes(s), 0);
    case 'parallel':
      return Math.max(0, ...n.branches.map(longestPathMinutes));
    case 'choice':
      return Math.max(0, ...n.branches.map((b) => longestPathMinutes(b.then)), n.otherwise ? longestPathMinutes(n.otherwise) : 0);
  }
}

/** Re-applies the recorded nesting to the reconstructed flow; undefined when they do not match. */
function rebuildFromShape(shape: FlowShape, flow: FlowNode): FlowNode | undefined {
  const byId = new Map<string, FlowNode>();
  const index = (n: FlowNode) => {
    if (n.kind === 'sequence') n.steps.forEach(index);
    else {
      byId.set(`${n.kind}:${n.id}`, n);
      if (n.kind === 'parallel') n.branches.forEach(index);
      if (n.kind === 'choice') {
        n.branches.forEach((b) => index(b.then));
        if (n.otherwise) index(n.otherwise);
      }
    }
  };
  index(flow);
  const build = (s: FlowShape): FlowNode | undefined => {
    if (!s || typeof s !== 'object') return undefined;
    if ('s' in s) return byId.get(`step:${s.s}`);
    if ('q' in s) {
      if (!Array.isArray(s.q)) return undefined;
      const steps = s.q.map(build);
      return steps.every(Boolean) ? { kind: 'sequence', steps: steps as FlowNode[] } : undefined;
    }
    if ('p' in s) {
      const p = byId.get(`parallel:${s.p}`);
      const branches = Array.isArray(s.b) ? s.b.map(build) : [];
      if (!p || !branches.every(Boolean)) return undefined;
      return { ...(p as ParallelDef), branches: branches as FlowNode[] };
    }
    if ('c' in s) {
      const c = byId.get(`choice:${s.c}`) as ChoiceDef | undefined;
      if (!c || !Array.isArray(s.b) || s.b.length !== c.branches.length) return undefined;
      const thens = s.b.map(build);
      if (!thens.every(Boolean)) return undefined;
      const { otherwise: _o, ...rest } = c;
      void _o;
      const out: ChoiceDef = { ...rest, branches: c.branches.map((b, i) => ({ ...b, then: thens[i]! })) };
      if (s.o) {
        const o = build(s.o);
        if (!o) return undefined;
        out.otherwise = o;
      }
      return out;
    }
    return undefined;
  };
  return build(shape);
}

const ISO_DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

/**
 * An ISO-8601 duration read as BUSINESS time: a day is a 7.5-hour working day, a week 5 working days.
 * `P5D` → 5 days, `PT4H` → 4 hours, `PT30M` → 30 minutes; mixed units become the largest unit that holds
 * them in whole numbers (`P1DT7H30M` → 2 days, `PT1H30M` → 90 minutes).
 */
export function parseBusinessDuration(text: string): { duration: BusinessDuration; note?: string } | undefined {
  const m = ISO_DURATION.exec(text.trim());
  if (!m || text.trim() === 'P' || /T$/i.test(text.trim())) return undefined;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((x) => (x ? Number(x.replace(',', '.')) : 0));
  let note: string | undefined;
  if (y || mo) note = `duration ${text} has years/months; counted as 20 business days a month`;
  else if (w) note = `duration ${text} has weeks; counted as 5 business days a week`;
  else if (s) note = `duration ${text} has seconds; rounded to minutes`;
  const days = (y * 12 + mo) * 20 + w * 5 + d;
  const result = (duration: BusinessDuration) => (note ? { duration, note } : { duration });
  if (days && !h && !mi && !s) return result({ days });
  if (!days && h && !mi && !s) return result({ hours: h });
  if (!days && !h && !s) return result({ minutes: mi });
  // mixed units: the largest unit that holds it in whole numbers
  const minutes = Math.round(days * MINUTES_PER_BUSINESS_DAY + h * 60 + mi + s / 60);
  if (minutes % MINUTES_PER_BUSINESS_DAY === 0) return result({ days: minutes / MINUTES_PER_BUSINESS_DAY });
  if (minutes % 60 === 0) return result({ hours: minutes / 60 });
  return result({ minutes });
}

/** `floorArea > 500`, `${use == "hotel"}`, `isHeritage = true`: one comparison, as modelers often write it. */
function parseSimpleExpression(text: string): Condition | undefined {
  const t = text.replace(/^[$#]\{\s*|\s*\}$/g, '').trim();
  const m = /^([A-Za-z_][\w.]*)\s*(===|==|!==|!=|<>|<=|>=|<|>|=)\s*(.+)$/.exec(t);
  if (!m) return undefined;
  const ops: Record<string, 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte'> = {
    '=': 'eq',
    '==': 'eq',
    '===': 'eq',
    '!=': 'ne',
    '!==': 'ne',
    '<>': 'ne',
    '<': 'lt',
    '<=': 'lte',
    '>': 'gt',
    '>=': 'gte',
  };
  const raw = m[3].trim();
  let value: string | number | boolean;
  if (/^-?\d+(\.\d+)?$/.test(raw)) value = Number(raw);
  else if (raw === 'true' || raw === 'false') value = raw === 'true';
  else if (/^(['"]).*\1$/.test(raw)) value = raw.slice(1, -1);
  else return undefined;
  return { field: m[1].replace(/^data\./, ''), op: ops[m[2]], value };
}

// ---- TypeScript source ---------------------------------------------------------------------------

export interface SourceOptions {
  /** Module specifier of definePermit; default fits a file in libs/permits/. */
  importPath?: string;
  /** Name of the exported constant; default `<camelCode>V<version>`. */
  exportName?: string;
  /** Where the definition came from, for the header comment. */
  from?: string;
  /**
   * Named values to print by reference, e.g. `{ name: 'DEFAULT_LADDER', module: './ladders', value: DEFAULT_LADDER }`:
   * any object or array of the definition equal to `value` is printed as `name`, and imported.
   */
  references?: Array<{ name: string; module: string; value: unknown }>;
}

/** `pbg-umum` v2 → `pbgUmumV2`. */
export function exportNameOf(def: Pick<PermitDefinition, 'code' | 'version'>): string {
  const words = def.code.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let base = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  if (!/^[A-Za-z_]/.test(base)) base = `permit${base[0]?.toUpperCase() ?? ''}${base.slice(1)}`;
  return `${base || 'permit'}V${String(def.version).replace(/[^0-9]/g, '_')}`;
}

/**
 * A definition file: `export const xV1 = definePermit({...});`, with each TODO as a `// TODO:`
 * comment next to what it is about (those about the diagram as a whole at the top).
 */
export function toDefinitionSource(def: PermitDefinition, todos: string[], options: SourceOptions = {}): string {
  const anchored = new Map<string, string[]>();
  const general: string[] = [];
  const topKeys = new Set(Object.keys(def));
  for (const t of todos) {
    const m = /^((?:step|choice|parallel) \S+|[A-Za-z]+): (.*)$/s.exec(t);
    const anchor = m && (topKeys.has(m[1]) || /^(step|choice|parallel) /.test(m[1])) && m[1] !== 'diagram' ? m[1] : undefined;
    if (anchor) anchored.set(anchor, [...(anchored.get(anchor) ?? []), m![2]]);
    else general.push(m && m[1] === 'diagram' ? m[2] : t);
  }
  const used = new Set<string>();
  const commentsFor = (anchor: string): string[] => {
    used.add(anchor);
    return anchored.get(anchor) ?? [];
  };

  const usedRefs = new Map<string, Set<string>>();
  const refFor = (v: unknown): string | undefined => {
    const r = options.references?.find((x) => typeof x.value === 'object' && x.value !== null && deepEqual(x.value, v));
    if (r) usedRefs.set(r.module, (usedRefs.get(r.module) ?? new Set()).add(r.name));
    return r?.name;
  };
  const body = printValue(def, 0, { top: true, commentsFor, refFor });
  // anchored TODOs whose target is not printed (a renamed node...) still belong in the file
  for (const [anchor, list] of anchored) if (!used.has(anchor)) general.push(...list.map((x) => `${anchor}: ${x}`));

  const lines: string[] = [];
  lines.push(`// ${def.name.en} (${def.code} v${def.version}): generated from ${options.from ?? 'a BPMN diagram'} by scripts/bpmn-import.ts.`);
  lines.push('// Durations are business time (7.5-hour working days). Review every TODO, then register the definition.');
  for (const g of general) lines.push(...comment(g, ''));
  lines.push(`import { definePermit } from '${options.importPath ?? '../permit-dsl/define'}';`);
  for (const [module, names] of usedRefs) lines.push(`import { ${[...names].sort().join(', ')} } from '${module}';`);
  lines.push('');
  lines.push(`export const ${options.exportName ?? exportNameOf(def)} = definePermit(${body});`);
  return `${lines.join('\n')}\n`;
}

interface PrintContext {
  top: boolean;
  commentsFor: (anchor: string) => string[];
  refFor: (v: unknown) => string | undefined;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

function comment(text: string, indent: string): string[] {
  return text.split('\n').map((l) => `${indent}// TODO: ${l}`);
}

function str(s: string): string {
  return `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function nodeAnchor(v: unknown): string | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Json;
  return (o.kind === 'step' || o.kind === 'parallel' || o.kind === 'choice') && typeof o.id === 'string' ? `${o.kind} ${o.id}` : undefined;
}

/** Prints a JSON-like value as a TypeScript literal; short plain objects and arrays stay on one line. */
function printValue(v: unknown, depth: number, ctx: PrintContext): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'object') return 'undefined';
  const ref = ctx.top ? undefined : ctx.refFor(v);
  if (ref) return ref;
  const inline = !ctx.top && !containsAnchored(v, ctx) ? printInline(v, ctx.refFor) : undefined;
  if (inline !== undefined && inline.length + depth * 2 <= 100) return inline;
  const pad = '  '.repeat(depth + 1);
  const close = '  '.repeat(depth);
  const child: PrintContext = { ...ctx, top: false };
  const lines: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      const a = nodeAnchor(item);
      if (a) for (const c of ctx.commentsFor(a)) lines.push(...comment(c, pad));
      lines.push(`${pad}${printValue(item, depth + 1, child)},`);
    }
    return lines.length ? `[\n${lines.join('\n')}\n${close}]` : '[]';
  }
  for (const [key, value] of Object.entries(v as Json)) {
    if (value === undefined) continue;
    if (ctx.top) for (const c of ctx.commentsFor(key)) lines.push(...comment(c, pad));
    const a = nodeAnchor(value);
    if (a) for (const c of ctx.commentsFor(a)) lines.push(...comment(c, pad));
    lines.push(`${pad}${IDENT.test(key) ? key : str(key)}: ${printValue(value, depth + 1, child)},`);
  }
  return lines.length ? `{\n${lines.join('\n')}\n${close}}` : '{}';
}

function containsAnchored(v: unknown, ctx: PrintContext): boolean {
  if (!v || typeof v !== 'object') return false;
  if (nodeAnchor(v)) return true; // flow nodes always print expanded, one property a line
  return (Array.isArray(v) ? v : Object.values(v)).some((x) => containsAnchored(x, ctx));
}

function printInline(v: unknown, refFor: PrintContext['refFor']): string | undefined {
  if (v === null || typeof v !== 'object') return printValue(v, 0, { top: false, commentsFor: () => [], refFor });
  const ref = refFor(v);
  if (ref) return ref;
  if (Array.isArray(v)) {
    const parts = v.map((x) => printInline(x, refFor));
    return parts.every((p) => p !== undefined) ? `[${parts.join(', ')}]` : undefined;
  }
  const parts = Object.entries(v as Json)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => {
      const p = printInline(x, refFor);
      return p === undefined ? undefined : `${IDENT.test(k) ? k : str(k)}: ${p}`;
    });
  if (!parts.every((p) => p !== undefined)) return undefined;
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

