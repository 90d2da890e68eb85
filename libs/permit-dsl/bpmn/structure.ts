// The diagram model → the nested flow of a definition. The graph is made acyclic (revision loops are
// built into every step), flows to a "rejected" end are dropped (every step can reject), and the block
// structure is rebuilt: a split's block ends at its immediate post-dominator (the join), or at the join
// our documentation names.
import { ChoiceDef, Condition, FlowNode, ParallelDef } from '../definition';
import { canonicalFlow, deepEqual, describeCondition, FlowShape, isCondition } from './common';
import { BpmnModel, docJson, El, isActivity, isGateway, Json, label, short } from './read';
import { NodeIds, readStep } from './steps';

const EXIT = '\u0000exit';

export interface Structure {
  flow: FlowNode;
  /** The first condition seen on each data field, for a data schema the diagram did not give. */
  conditionFields: Map<string, Condition>;
}

export function structureOf(model: BpmnModel): Structure {
  return new FlowReader(model).read();
}

class FlowReader {
  private readonly out: Map<string, El[]>;
  private readonly ids: NodeIds;
  private readonly conditionFields = new Map<string, Condition>();
  private readonly pdom = new Map<string, Set<string>>();

  constructor(private readonly m: BpmnModel) {
    this.out = new Map(m.out);
    this.ids = new NodeIds(m);
  }

  private todo(anchor: string, message: string): void {
    this.m.todos.add(anchor, message);
  }

  read(): Structure {
    const nodes = this.m.nodes;
    const starts = [...nodes.values()].filter((n) => n.$type === 'bpmn:StartEvent');
    let start: El | undefined = starts[0];
    if (starts.length > 1) this.todo('diagram', `${starts.length} start events; the flow starts at ${label(start)}`);
    if (!start) {
      const targets = new Set([...this.out.values()].flat().map((f) => f.targetRef?.id));
      start = [...nodes.values()].find((n) => !targets.has(n.id));
      this.todo('diagram', 'no start event; the flow starts at the first node without incoming flows');
    }
    if (!start) return { flow: { kind: 'sequence', steps: [] }, conditionFields: this.conditionFields };

    this.pruneRejections();
    this.removeBackEdges(start.id!);
    this.computePostDominators(start.id!);
    const flow = seqOf(this.parseSeq(start.id!, EXIT));

    const unreached = [...nodes.values()].filter((n) => isActivity(n) && !this.pdom.has(n.id!));
    for (const n of unreached) this.todo('diagram', `${short(n.$type)} ${label(n)} is not reachable from the start event; ignored`);

    // restore sequence wrappers the diagram cannot show, if the diagram still matches them
    const shape = this.m.ours?.flowShape as FlowShape | undefined;
    if (shape) {
      const rebuilt = rebuildFromShape(shape, flow);
      if (rebuilt && deepEqual(canonicalFlow(rebuilt), flow)) return { flow: rebuilt, conditionFields: this.conditionFields };
    }
    return { flow, conditionFields: this.conditionFields };
  }

  // ---- the graph ----------------------------------------------------------------------------

  private outs(id: string): El[] {
    return (this.out.get(id) ?? []).filter((f) => f.targetRef?.id && this.m.nodes.has(f.targetRef.id));
  }

  /** A decision gateway's flow straight to a "rejected" end event is the built-in rejection: drop it. */
  private pruneRejections(): void {
    for (const [id, flows] of this.out) {
      const node = this.m.nodes.get(id);
      if (!node || !isGateway(node) || flows.length < 2) continue;
      const keep = flows.filter((f) => !isRejectionEnd(this.m.nodes.get(f.targetRef?.id ?? '')));
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
        if (!t || !this.m.nodes.has(t)) continue;
        if (state.get(t) === 'open') {
          this.todo(
            'diagram',
            `loop from ${label(this.m.nodes.get(id)!)} back to ${label(this.m.nodes.get(t)!)} ignored: revision requests are built into every step`,
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

  // ---- blocks -------------------------------------------------------------------------------

  private parseSeq(from: string, stop: string): FlowNode[] {
    const items: FlowNode[] = [];
    let cur = from;
    while (cur !== stop && cur !== EXIT) {
      const el = this.m.nodes.get(cur)!;
      const outs = this.outs(cur);
      const doc = isGateway(el) ? docJson(el) : undefined;
      if (isActivity(el)) items.push(readStep(el, this.m, this.ids));
      else if (el.$type === 'bpmn:EndEvent') break;
      else if (!isGateway(el) && el.$type !== 'bpmn:StartEvent') {
        this.todo('diagram', `${short(el.$type)} ${label(el)} has no counterpart in a permit definition; skipped`);
      }
      const ourSplit = doc?.kind === 'parallel' || doc?.kind === 'choice';
      if (outs.length > 1 || (ourSplit && outs.length > 0)) {
        const join = (ourSplit && this.m.joinOf.get(cur)) || this.immediatePostDominator(cur);
        items.push(this.block(el, outs, join, doc));
        if (join === stop) break;
        cur = join;
        continue;
      }
      cur = outs[0]?.targetRef?.id ?? EXIT;
    }
    return items;
  }

  /** What kind of block a split is; a split that is no parallel or exclusive gateway is noted. */
  private kindOf(el: El, id: string, conditional: boolean): 'parallel' | 'choice' {
    switch (el.$type) {
      case 'bpmn:ParallelGateway':
        return 'parallel';
      case 'bpmn:ExclusiveGateway':
        return 'choice';
      case 'bpmn:InclusiveGateway':
        this.todo(`choice ${id}`, 'was an inclusive gateway: a choice runs only the FIRST branch whose condition holds');
        return 'choice';
      case 'bpmn:EventBasedGateway':
        this.todo(`choice ${id}`, 'was an event-based gateway: a choice decides on the application data instead');
        return 'choice';
      case 'bpmn:ComplexGateway':
        this.todo(`parallel ${id}`, 'was a complex gateway: a parallel block waits for every branch');
        return 'parallel';
      default: {
        const kind = conditional ? 'choice' : 'parallel';
        this.todo(`${kind} ${id}`, `${short(el.$type)} ${label(el)} splits the flow without a gateway; read as ${kind === 'choice' ? 'a choice' : 'parallel branches'}`);
        return kind;
      }
    }
  }

  private block(el: El, outs: El[], join: string, doc: Json | undefined): ParallelDef | ChoiceDef {
    const id = this.ids.take(el, doc?.kind === 'parallel' || doc?.kind === 'choice' ? doc : undefined, 'gateway');
    const isOurs = !!doc?.kind;
    const kind = this.kindOf(el, id, outs.some((f) => f.conditionExpression) || !!el.default);
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
}

function isRejectionEnd(el: El | undefined): boolean {
  if (!el || el.$type !== 'bpmn:EndEvent') return false;
  if (el.eventDefinitions?.some((d) => d.$type === 'bpmn:TerminateEventDefinition' || d.$type === 'bpmn:ErrorEventDefinition')) return true;
  return /reject|tolak|denied|declin|refus|batal|cancel|gagal/i.test(el.name ?? '');
}

function seqOf(items: FlowNode[]): FlowNode {
  return items.length === 1 ? items[0] : { kind: 'sequence', steps: items };
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
