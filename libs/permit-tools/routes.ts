// The routes through a definition's flow: which steps run for which data, walked exactly as the engine
// walks it (workflows/engine/flow.ts: a choice takes its first branch whose condition holds, else its
// `otherwise`, else nothing). Used by the check (branches that cover the schema, steps that can run), the
// generated path tests (one application per route) and the preview.
import { childrenOf, type Condition, evaluate, type FlowNode, type JsonSchema, type PermitDefinition, type StepDef } from '../permit-dsl/definition';

/** The part of the flow that runs for some data: steps, sequences and parallel blocks, choices resolved. */
export type RouteNode = { kind: 'step'; step: StepDef } | { kind: 'sequence'; steps: RouteNode[] } | { kind: 'parallel'; id: string; branches: RouteNode[] };

/** What a choice decided: the index of the branch taken, -1 for `otherwise`, or 'none' when nothing held. */
export interface ChoiceTaken {
  choice: string;
  branch: number | 'otherwise' | 'none';
  label: string;
  /** Path of the choice in the definition, e.g. `flow.steps[1]`. */
  path: string;
}

export interface Route {
  node: RouteNode;
  choices: ChoiceTaken[];
  steps: StepDef[];
}

export function routeOf(flow: FlowNode, data: Record<string, unknown>): Route {
  const choices: ChoiceTaken[] = [];
  const steps: StepDef[] = [];
  const walk = (node: FlowNode, path: string): RouteNode => {
    switch (node.kind) {
      case 'step':
        steps.push(node);
        return { kind: 'step', step: node };
      case 'sequence':
        return { kind: 'sequence', steps: node.steps.map((n, i) => walk(n, `${path}.steps[${i}]`)) };
      case 'parallel':
        return { kind: 'parallel', id: node.id, branches: node.branches.map((n, i) => walk(n, `${path}.branches[${i}]`)) };
      case 'choice': {
        const index = node.branches.findIndex((b) => evaluate(b.when, data));
        if (index >= 0) {
          const b = node.branches[index];
          choices.push({ choice: node.id, branch: index, label: b.label ?? `branch ${index + 1}`, path });
          return walk(b.then, `${path}.branches[${index}].then`);
        }
        if (node.otherwise) {
          choices.push({ choice: node.id, branch: 'otherwise', label: 'otherwise', path });
          return walk(node.otherwise, `${path}.otherwise`);
        }
        choices.push({ choice: node.id, branch: 'none', label: 'no branch holds: nothing runs', path });
        return { kind: 'sequence', steps: [] };
      }
    }
  };
  return { node: walk(flow, 'flow'), choices, steps };
}

/** A route's identity: the branch each choice took. */
export function routeKey(route: Route): string {
  return route.choices.map((c) => `${c.choice}=${c.branch}`).join(',') || 'single route';
}

/** The parallel blocks of a route, each with its branches' first steps. */
export function parallelsOf(node: RouteNode): Array<{ id: string; firstSteps: StepDef[] }> {
  switch (node.kind) {
    case 'step':
      return [];
    case 'sequence':
      return node.steps.flatMap(parallelsOf);
    case 'parallel':
      return [
        { id: node.id, firstSteps: node.branches.map(firstStep).filter((s): s is StepDef => s !== undefined) },
        ...node.branches.flatMap(parallelsOf),
      ];
  }
}

function firstStep(node: RouteNode): StepDef | undefined {
  if (node.kind === 'step') return node.step;
  if (node.kind === 'sequence') return node.steps.map(firstStep).find((s) => s !== undefined);
  return node.branches.map(firstStep).find((s) => s !== undefined);
}

// ---- the data a route can be taken with ------------------------------------------------------------

type Leaf = Extract<Condition, { field: string }>;

function leavesOf(cond: Condition): Leaf[] {
  if ('all' in cond) return cond.all.flatMap(leavesOf);
  if ('any' in cond) return cond.any.flatMap(leavesOf);
  return [cond];
}

/** The leaves of every condition in a flow, each choice's branch by branch, in definition order. */
function conditionsOf(node: FlowNode): Leaf[] {
  if (node.kind !== 'choice') return childrenOf(node).flatMap(conditionsOf);
  return [...node.branches.flatMap((b) => [...leavesOf(b.when), ...conditionsOf(b.then)]), ...(node.otherwise ? conditionsOf(node.otherwise) : [])];
}

/** A stand-in for "any other text" than those the conditions name. */
export const OTHER_TEXT = '(any other text)';
const ABSENT = Symbol('absent');

/**
 * The values of a field worth trying: every value a condition names and its neighbours, the schema's
 * enum (its only values when it has one), both booleans, the bounds, and "absent" for an optional field.
 */
function candidatesOf(field: string, schema: JsonSchema | undefined, leaves: Leaf[], required: boolean): unknown[] {
  const types = typeof schema?.type === 'string' ? [schema.type] : Array.isArray(schema?.type) ? (schema!.type as string[]) : [];
  const named = leaves.filter((l) => l.field === field).flatMap((l) => (Array.isArray(l.value) ? l.value : [l.value]));
  const values: unknown[] = [];
  if (Array.isArray(schema?.enum)) values.push(...schema!.enum);
  else if (types.includes('boolean')) values.push(true, false);
  else if (types.includes('integer') || types.includes('number')) {
    const step = types.includes('integer') ? 1 : 0.5;
    const min = typeof schema?.minimum === 'number' ? schema.minimum : undefined;
    const max = typeof schema?.maximum === 'number' ? schema.maximum : undefined;
    for (const v of named) if (typeof v === 'number') values.push(v - step, v, v + step);
    if (min !== undefined) values.push(min);
    if (max !== undefined) values.push(max);
    if (values.length === 0) values.push(0);
    const inRange = values.filter((v) => (min === undefined || (v as number) >= min) && (max === undefined || (v as number) <= max));
    values.splice(0, values.length, ...inRange);
  } else values.push(...named, OTHER_TEXT);
  if (!required) values.push(ABSENT);
  return [...new Set(values)];
}

/** Cartesian products beyond this size are cut: a flow that needs more is beyond what an admin can review. */
const MAX_CANDIDATES = 20_000;

/**
 * Data that exercises every way the flow's conditions can go: the definition's first example with the
 * fields its conditions read set to each combination of their candidate values.
 */
export function candidateData(def: Pick<PermitDefinition, 'flow' | 'dataSchema'>): Array<Record<string, unknown>> {
  const leaves = conditionsOf(def.flow);
  const fields = [...new Set(leaves.map((l) => l.field))].sort();
  const base = (Array.isArray(def.dataSchema.examples) ? def.dataSchema.examples[0] : undefined) ?? {};
  const required = new Set(Array.isArray(def.dataSchema.required) ? def.dataSchema.required : []);
  const options = fields.map((f) => candidatesOf(f, def.dataSchema.properties?.[f], leaves, required.has(f)));
  let combos: Array<Record<string, unknown>> = [{ ...(base as Record<string, unknown>) }];
  fields.forEach((field, i) => {
    const next: Array<Record<string, unknown>> = [];
    for (const combo of combos) {
      for (const value of options[i]) {
        if (next.length >= MAX_CANDIDATES) break;
        const data = { ...combo };
        if (value === ABSENT) delete data[field];
        else data[field] = value;
        next.push(data);
      }
    }
    combos = next;
  });
  return combos;
}

/** One data set per distinct route, the first found for it, in a stable order. */
export function distinctRoutes(def: Pick<PermitDefinition, 'flow' | 'dataSchema'>): Array<{ data: Record<string, unknown>; route: Route }> {
  const found = new Map<string, { data: Record<string, unknown>; route: Route }>();
  const examples = Array.isArray(def.dataSchema.examples) ? (def.dataSchema.examples as Array<Record<string, unknown>>) : [];
  // The examples first, so a route is driven with realistic data when an example takes it.
  for (const data of [...examples, ...candidateData(def)]) {
    const route = routeOf(def.flow, data);
    const key = routeKey(route);
    if (!found.has(key)) found.set(key, { data, route });
  }
  return [...found.values()];
}
