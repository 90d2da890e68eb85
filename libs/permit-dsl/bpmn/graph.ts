// A definition's BPMN graph before layout: the nodes (tasks with their deadline timers and escalation
// events, gateways, events) and flows, each main-flow node in a column and, within its agency's lane,
// a track (a row). Parallel and choice branches stack their tracks; an empty branch gets a thin track.
import { ChoiceDef, FlowNode, ParallelDef, PermitDefinition, StepDef, stepsOf } from '../definition';
import { describeCondition, describeDuration, toIsoDuration } from './common';

export type NodeKind =
  | 'startEvent'
  | 'endEvent'
  | 'userTask'
  | 'parallelGateway'
  | 'exclusiveGateway'
  | 'boundaryEvent'
  | 'intermediateThrowEvent'
  | 'subProcess';


export interface Bounds {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface GNode {
  id: string;
  kind: NodeKind;
  name?: string;
  doc?: string;
  lane: string;
  /** main-flow slot; boundary, throw and sub-process children are placed relative to others */
  col?: number;
  track?: number;
  parent?: string; // id of the sub-process holding it
  incoming: string[];
  outgoing: string[];
  // kind-specific
  attachedTo?: string;
  timerDuration?: string;
  escalationRef?: string;
  errorRef?: string;
  isInterrupting?: boolean;
  defaultFlow?: string;
  triggeredByEvent?: boolean;
  bounds?: Bounds;
  label?: Bounds;
}

export interface GFlow {
  id: string;
  source: string;
  target: string;
  name?: string;
  doc?: string;
  condition?: string;
  /** an empty branch runs along this track of the gateway's lane */
  via?: { lane: string; track: number };
  parent?: string;
  waypoints?: Array<[number, number]>;
}

export interface Measure {
  cols: number;
  tracks: Map<string, number>;
}

export class Ids {
  private used = new Set<string>();
  take(preferred: string): string {
    const base = ncName(preferred);
    let id = base;
    for (let i = 2; this.used.has(id); i++) id = `${base}_${i}`;
    this.used.add(id);
    return id;
  }
}

/** XML ids must be NCNames: letters, digits, `_ - .`, not starting with a digit, `-` or `.`. */
export function ncName(s: string): string {
  let r = s.replace(/[^A-Za-z0-9_.-]/g, '_');
  if (!/^[A-Za-z_]/.test(r)) r = `_${r}`;
  return r;
}

export function isEmptyFlow(n: FlowNode): boolean {
  return n.kind === 'sequence' && n.steps.every(isEmptyFlow);
}

type Branch =
  | { kind: 'parallel'; node: FlowNode }
  | { kind: 'when'; node: FlowNode; when: ChoiceDef['branches'][number]['when']; label?: string }
  | { kind: 'otherwise'; node: FlowNode }
  | { kind: 'skip' };

function branchesOf(n: ParallelDef | ChoiceDef): Branch[] {
  if (n.kind === 'parallel') return n.branches.map((node) => ({ kind: 'parallel', node }));
  const out: Branch[] = n.branches.map((b) => ({ kind: 'when', node: b.then, when: b.when, label: b.label }));
  out.push(n.otherwise && !isEmptyFlow(n.otherwise) ? { kind: 'otherwise', node: n.otherwise } : { kind: 'skip' });
  return out;
}

export class Builder {
  readonly ids = new Ids();
  readonly nodes: GNode[] = [];
  readonly flows: GFlow[] = [];
  readonly escalations: Array<{ id: string; name: string; code: string }> = [];
  private readonly byId = new Map<string, GNode>();
  private readonly measured = new Map<FlowNode, Measure>();
  private readonly stepIds = new Map<StepDef, string>();
  private readonly gatewayIds = new Map<ParallelDef | ChoiceDef, string>();

  constructor(
    private readonly def: PermitDefinition,
    readonly lanes: string[],
  ) {
    // the definition's own ids first, so they are kept whenever they are valid XML ids
    const visit = (n: FlowNode): void => {
      if (n.kind === 'step') this.stepIds.set(n, this.ids.take(n.id));
      else if (n.kind === 'sequence') n.steps.forEach(visit);
      else {
        this.gatewayIds.set(n, this.ids.take(n.id));
        if (n.kind === 'parallel') n.branches.forEach(visit);
        else {
          n.branches.forEach((b) => visit(b.then));
          if (n.otherwise) visit(n.otherwise);
        }
      }
    };
    visit(def.flow);
  }

  node(n: Omit<GNode, 'incoming' | 'outgoing'>): GNode {
    const g: GNode = { ...n, incoming: [], outgoing: [] };
    this.nodes.push(g);
    this.byId.set(g.id, g);
    return g;
  }

  get(id: string): GNode {
    return this.byId.get(id)!;
  }

  flow(source: string, target: string, extra: Partial<GFlow> = {}): GFlow {
    const f: GFlow = { id: this.ids.take(`Flow_${source}_${target}`), source, target, ...extra };
    this.flows.push(f);
    this.get(source).outgoing.push(f.id);
    this.get(target).incoming.push(f.id);
    return f;
  }

  laneOf(n: FlowNode): string {
    return stepsOf(n)[0]?.agency ?? this.lanes[0];
  }

  measure(n: FlowNode): Measure {
    const hit = this.measured.get(n);
    if (hit) return hit;
    let m: Measure;
    switch (n.kind) {
      case 'step':
        m = { cols: 1, tracks: new Map([[n.agency, 1]]) };
        break;
      case 'sequence': {
        m = { cols: 0, tracks: new Map() };
        for (const child of n.steps) {
          const c = this.measure(child);
          m.cols += c.cols;
          for (const [lane, t] of c.tracks) m.tracks.set(lane, Math.max(m.tracks.get(lane) ?? 0, t));
        }
        break;
      }
      default: {
        const gl = this.laneOf(n);
        m = { cols: 0, tracks: new Map() };
        let width = 0;
        for (const b of branchesOf(n)) {
          const c: Measure =
            b.kind === 'skip' || isEmptyFlow(b.node) ? { cols: 0, tracks: new Map([[gl, 1]]) } : this.measure(b.node);
          width = Math.max(width, c.cols);
          for (const [lane, t] of c.tracks) m.tracks.set(lane, (m.tracks.get(lane) ?? 0) + t);
        }
        m.cols = width + 2;
      }
    }
    this.measured.set(n, m);
    return m;
  }

  /** Places a fragment from column `col`, its tracks starting at `base[lane]`; returns its ends (none if empty). */
  place(n: FlowNode, col: number, base: Map<string, number>): { entry: string; exit: string } | undefined {
    switch (n.kind) {
      case 'step':
        return this.placeStep(n, col, base.get(n.agency) ?? 0);
      case 'sequence': {
        let first: string | undefined;
        let last: string | undefined;
        let c = col;
        for (const child of n.steps) {
          const r = this.place(child, c, base);
          c += this.measure(child).cols;
          if (!r) continue;
          if (last) this.flow(last, r.entry);
          else first = r.entry;
          last = r.exit;
        }
        return first && last ? { entry: first, exit: last } : undefined;
      }
      default:
        return this.placeBlock(n, col, base);
    }
  }

  private placeStep(s: StepDef, col: number, track: number): { entry: string; exit: string } {
    const id = this.stepIds.get(s)!;
    const doc: Record<string, unknown> = { agency: s.agency, role: s.role };
    if (s.jurisdiction !== undefined) doc.jurisdiction = s.jurisdiction;
    doc.deadline = s.deadline;
    if (s.weight !== undefined) doc.weight = s.weight;
    if (s.weightReason !== undefined) doc.weightReason = s.weightReason;
    if (id !== s.id) doc.id = s.id;
    this.node({ id, kind: 'userTask', name: s.name, doc: JSON.stringify(doc), lane: s.agency, col, track });

    const escalation = { id: this.ids.take(`Escalation_${id}`), name: `${s.name}: overdue`, code: `${s.id}.overdue` };
    this.escalations.push(escalation);
    const timer = this.node({
      id: this.ids.take(`${id}_deadline`),
      kind: 'boundaryEvent',
      name: describeDuration(s.deadline),
      doc:
        `Step deadline: ${describeDuration(s.deadline)} (${toIsoDuration(s.deadline)}), BUSINESS time: working days of ` +
        '7.5 hours on the office calendar, not calendar time. Non-interrupting: the task stays open and escalates.',
      lane: s.agency,
      attachedTo: id,
      timerDuration: toIsoDuration(s.deadline),
    });
    const thrower = this.node({
      id: this.ids.take(`${id}_escalate`),
      kind: 'intermediateThrowEvent',
      name: 'Escalate',
      doc: ladderText(this.def),
      lane: s.agency,
      escalationRef: escalation.id,
    });
    this.flow(timer.id, thrower.id);
    return { entry: id, exit: id };
  }

  private placeBlock(n: ParallelDef | ChoiceDef, col: number, base: Map<string, number>): { entry: string; exit: string } {
    const gl = this.laneOf(n);
    const gt = base.get(gl) ?? 0;
    const kind = n.kind === 'parallel' ? 'parallelGateway' : 'exclusiveGateway';
    const splitId = this.gatewayIds.get(n)!;
    const splitDoc: Record<string, unknown> = { kind: n.kind };
    if (splitId !== n.id) splitDoc.id = n.id;
    const split = this.node({
      id: splitId,
      kind,
      name: n.kind === 'choice' ? n.name : undefined,
      doc: JSON.stringify(splitDoc),
      lane: gl,
      col,
      track: gt,
    });
    const m = this.measure(n);
    const join = this.node({
      id: this.ids.take(`${splitId}_join`),
      kind,
      doc: JSON.stringify({ joinOf: splitId }),
      lane: gl,
      col: col + m.cols - 1,
      track: gt,
    });

    const running = new Map(base);
    for (const b of branchesOf(n)) {
      const extra: Partial<GFlow> = {};
      if (b.kind === 'when') {
        extra.condition = JSON.stringify(b.when);
        if (b.label !== undefined) extra.name = b.label;
        else {
          extra.name = describeCondition(b.when);
          extra.doc = JSON.stringify({ generatedName: true });
        }
      } else if (b.kind === 'otherwise' || b.kind === 'skip') {
        extra.name = b.kind === 'otherwise' ? 'otherwise' : 'otherwise: skip';
      }
      if (b.kind === 'skip' || isEmptyFlow(b.node)) {
        const t = running.get(gl) ?? 0;
        running.set(gl, t + 1);
        const f = this.flow(split.id, join.id, { ...extra, via: { lane: gl, track: t } });
        if (b.kind === 'skip' || b.kind === 'otherwise') split.defaultFlow = f.id;
        continue;
      }
      const r = this.place(b.node, col + 1, new Map(running))!;
      const f = this.flow(split.id, r.entry, extra);
      if (b.kind === 'otherwise') split.defaultFlow = f.id;
      this.flow(r.exit, join.id);
      for (const [lane, t] of this.measure(b.node).tracks) running.set(lane, (running.get(lane) ?? 0) + t);
    }
    return { entry: split.id, exit: join.id };
  }
}

function ladderText(def: PermitDefinition): string {
  const rungs = def.escalation.map((r) => {
    const when =
      r.atFraction !== undefined
        ? `at ${Math.round(r.atFraction * 1000) / 10}% of the step deadline`
        : r.afterDeadline
          ? `${describeDuration(r.afterDeadline)} after the step deadline`
          : 'at the step deadline';
    return `${r.id}: notify ${r.notify} ${when}${r.publicList ? ' (public late list)' : ''}`;
  });
  return rungs.length
    ? `Escalation ladder, on this step's business-time clock: ${rungs.join('; ')}.`
    : 'No escalation ladder is defined.';
}

/** A definition's graph, placed in columns and tracks, with the ids of the diagram's own elements. */
export interface Diagram {
  def: PermitDefinition;
  b: Builder;
  lanes: string[];
  ids: Record<'definitions' | 'collaboration' | 'participant' | 'process' | 'laneSet' | 'error' | 'diagram' | 'plane', string>;
  laneIds: Map<string, string>;
  /** Tracks per lane. */
  tracks: Map<string, number>;
  /** The Rejection event sub-process, on a track of its own at the bottom of the last lane, where no flow crosses it. */
  rejection: { lane: string; track: number; box: GNode; start: GNode; end: GNode };
}
