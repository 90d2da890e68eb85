// The permit definition language: pure data, no side effects, safe to import from workflow code.
// A definition is what an admin writes in libs/permits/<code>.v<N>.ts; the engine interprets it.

import { MINUTES_PER_BUSINESS_DAY } from '../domain/time';

export { MINUTES_PER_BUSINESS_DAY };

/** Business time: a day is MINUTES_PER_BUSINESS_DAY working minutes (libs/domain/time.ts). */
export type BusinessDuration = { days: number } | { hours: number } | { minutes: number };

export function toBusinessMinutes(d: BusinessDuration): number {
  if ('days' in d) return Math.round(d.days * MINUTES_PER_BUSINESS_DAY);
  if ('hours' in d) return Math.round(d.hours * 60);
  return Math.round(d.minutes);
}

/** A condition on the application's `data`, kept as data so it can be exported to BPMN and read back. */
export type Condition =
  | { field: string; op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte'; value: string | number | boolean }
  | { field: string; op: 'in'; value: Array<string | number> }
  | { all: Condition[] }
  | { any: Condition[] };

/**
 * Who holds a step. `agency` is the dinas code (DCKTRP, DINKES...). `jurisdiction` says which office of
 * that agency decides: the province-wide agency, or the territorial office (kelurahan, kecamatan, city)
 * of the application's location, whichever office received the application.
 */
export type Jurisdiction = 'province' | 'city' | 'kecamatan' | 'kelurahan';

export interface StepDef {
  kind: 'step';
  id: string;
  name: string;
  agency: string;
  jurisdiction?: Jurisdiction; // default 'province'
  role: 'officer' | 'head';
  deadline: BusinessDuration;
  /**
   * Points an officer earns for deciding this step on time (fewer when late), from its effort and deadline
   * (libs/domain/step-weight.ts, built with `weigh` of libs/permits/parts.ts). Read by the reports from the
   * catalogue, never by the workflow: `npm run permit:check` asks it of every step, with `weightReason`.
   */
  weight?: number;
  /** Why the step weighs what it does: the work it asks, in a sentence an officer can check. */
  weightReason?: string;
}

export interface SequenceDef {
  kind: 'sequence';
  steps: FlowNode[];
}

/** Every branch must approve; one rejection rejects the application and cancels the other branches. */
export interface ParallelDef {
  kind: 'parallel';
  id: string;
  branches: FlowNode[];
}

/** The first branch whose condition holds runs; `otherwise` when none does. */
export interface ChoiceDef {
  kind: 'choice';
  id: string;
  name?: string;
  branches: Array<{ when: Condition; then: FlowNode; label?: string }>;
  otherwise?: FlowNode;
}

export type FlowNode = StepDef | SequenceDef | ParallelDef | ChoiceDef;

/**
 * One rung of the escalation ladder, measured on each step's own clock.
 * `atFraction` of the step deadline (0.75 = reminder at 75 %), or `afterDeadline` business time past it.
 */
export interface EscalationRung {
  id: string;
  notify: 'assignee' | 'section_head' | 'agency_head' | 'governor';
  atFraction?: number;
  afterDeadline?: BusinessDuration;
  /** The last rung puts the step on the governor's public late list. */
  publicList?: boolean;
}

export type HardDeadlinePolicy = 'escalate' | 'deem-granted';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  examples?: unknown[];
  [keyword: string]: unknown;
}

export interface PermitDefinition {
  code: string;
  version: number;
  name: { id: string; en: string };
  category: 'perizinan' | 'non-perizinan';
  description?: string;
  /** Where the requirement list comes from (regulation, public service standard page). */
  source: string;
  fee: { amount: number; currency: 'IDR'; legalBasis: string };
  requiredDocuments: Array<{ type: string; name: string }>;
  /** JSON Schema of the application's `data`, with at least one example that passes it. */
  dataSchema: JsonSchema;
  flow: FlowNode;
  /** The legal deadline of the whole application, on the application's clock. */
  deadline: BusinessDuration;
  /** What happens when the legal deadline passes with no decision. */
  onHardDeadline: HardDeadlinePolicy;
  /** How long the applicant has to answer a revision request before the application lapses. */
  applicantDeadline: BusinessDuration;
  escalation: EscalationRung[];
  /**
   * Retired versions take no new application: new ones start on the newest version that is not retired.
   * Applications already running on a retired version finish on it, so it stays registered until none is
   * open (docs/versions.md).
   */
  retired?: boolean;
}

/** The Temporal workflow type a definition version runs as. One type per version: see docs/versions.md. */
export function workflowTypeOf(def: Pick<PermitDefinition, 'code' | 'version'>): string {
  return `permit_${def.code}_v${def.version}`;
}

/** The nodes directly inside a node, in definition order: a choice's branches first, then its otherwise. */
export function childrenOf(node: FlowNode): FlowNode[] {
  switch (node.kind) {
    case 'step':
      return [];
    case 'sequence':
      return node.steps;
    case 'parallel':
      return node.branches;
    case 'choice':
      return [...node.branches.map((b) => b.then), ...(node.otherwise ? [node.otherwise] : [])];
  }
}

/** All steps of a flow, in definition order. */
export function stepsOf(node: FlowNode): StepDef[] {
  return node.kind === 'step' ? [node] : childrenOf(node).flatMap(stepsOf);
}

/** Business minutes of the longest path through a flow, every step taking its full deadline. */
export function longestPathMinutes(node: FlowNode): number {
  switch (node.kind) {
    case 'step':
      return toBusinessMinutes(node.deadline);
    case 'sequence':
      return node.steps.reduce((sum, n) => sum + longestPathMinutes(n), 0);
    case 'parallel':
      return Math.max(0, ...node.branches.map(longestPathMinutes));
    case 'choice':
      return Math.max(0, ...node.branches.map((b) => longestPathMinutes(b.then)), node.otherwise ? longestPathMinutes(node.otherwise) : 0);
  }
}

export function evaluate(cond: Condition, data: Record<string, unknown>): boolean {
  if ('all' in cond) return cond.all.every((c) => evaluate(c, data));
  if ('any' in cond) return cond.any.some((c) => evaluate(c, data));
  const actual = data[cond.field];
  switch (cond.op) {
    case 'eq':
      return actual === cond.value;
    case 'ne':
      return actual !== cond.value;
    case 'in':
      return (cond.value as unknown[]).includes(actual);
    case 'lt':
      return typeof actual === 'number' && actual < (cond.value as number);
    case 'lte':
      return typeof actual === 'number' && actual <= (cond.value as number);
    case 'gt':
      return typeof actual === 'number' && actual > (cond.value as number);
    case 'gte':
      return typeof actual === 'number' && actual >= (cond.value as number);
  }
}

/** Where a rung sits on a step's clock, in business minutes from the moment the step was assigned. */
export function rungOffsetMinutes(rung: EscalationRung, stepDeadlineMinutes: number): number {
  if (rung.atFraction !== undefined) return Math.round(rung.atFraction * stepDeadlineMinutes);
  return stepDeadlineMinutes + (rung.afterDeadline ? toBusinessMinutes(rung.afterDeadline) : 0);
}

/**
 * Keys of a step that only the reports read (from the catalogue, in the projection activity): the engine
 * never looks at them, so they may be set or corrected on a running version without a new one, and the
 * definitions the stored histories were recorded with are compared without them (test/replay).
 */
export const REPORT_ONLY_STEP_KEYS: ReadonlyArray<keyof StepDef> = ['weight', 'weightReason'];

/** A JSON.stringify replacer that leaves out the report-only keys of steps: the definition as the engine reads it. */
export function engineView(this: unknown, key: string, value: unknown): unknown {
  const holder = this as { kind?: unknown } | null;
  return holder?.kind === 'step' && (REPORT_ONLY_STEP_KEYS as ReadonlyArray<string>).includes(key) ? undefined : value;
}
