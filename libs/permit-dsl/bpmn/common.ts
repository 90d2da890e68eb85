// Shared between the BPMN export and import: the conventions both sides agree on.
// No runtime dependencies: the export runs inside the API.
import type { BusinessDuration, Condition, FlowNode } from '../definition';

/**
 * `language` of every timer `timeDuration` we write. The duration text itself is plain ISO-8601
 * (P5D, PT4H, PT30M), but it counts BUSINESS time: working days of 7.5 hours on the office calendar,
 * not calendar time. The marker tells a reader (or an engine) that this is not wall-clock time.
 */
export const BUSINESS_TIME_LANGUAGE = 'urn:satupintu:business-time';

/** Marker of the process documentation JSON written by the export: the import trusts only that documentation. */
export const PROCESS_DOC_MARKER = 'satupintu/permit-definition';

/** Error thrown (conceptually) by any task that rejects; caught by the Rejection event sub-process. */
export const REJECTED_ERROR_CODE = 'rejected';

/** ISO-8601 duration text for a business duration: `P5D` for days, `PT4H` for hours, `PT30M` for minutes. */
export function toIsoDuration(d: BusinessDuration): string {
  if ('days' in d) return `P${num(d.days)}D`;
  if ('hours' in d) return `PT${num(d.hours)}H`;
  return `PT${num(d.minutes)}M`;
}

function num(n: number): string {
  return String(n);
}

/** "5 business days", "1 business hour". */
export function describeDuration(d: BusinessDuration): string {
  const [n, unit] = 'days' in d ? [d.days, 'day'] : 'hours' in d ? [d.hours, 'hour'] : [d.minutes, 'minute'];
  return `${n} business ${unit}${n === 1 ? '' : 's'}`;
}

const OPS: Record<string, string> = { eq: '=', ne: '≠', lt: '<', lte: '≤', gt: '>', gte: '≥' };

/** A short human-readable form of a condition, used as the label of an unlabelled branch. */
export function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.map((x) => wrap(x)).join(' and ');
  if ('any' in c) return c.any.map((x) => wrap(x)).join(' or ');
  if (c.op === 'in') return `${c.field} in [${c.value.map(literal).join(', ')}]`;
  return `${c.field} ${OPS[c.op]} ${literal(c.value)}`;
}

function wrap(c: Condition): string {
  return 'all' in c || 'any' in c ? `(${describeCondition(c)})` : describeCondition(c);
}

function literal(v: string | number | boolean): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** True when `v` is a well-formed Condition (used to trust a conditionExpression's JSON). */
export function isCondition(v: unknown): v is Condition {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  if ('all' in o) return Array.isArray(o.all) && o.all.every(isCondition);
  if ('any' in o) return Array.isArray(o.any) && o.any.every(isCondition);
  if (typeof o.field !== 'string') return false;
  if (o.op === 'in') return Array.isArray(o.value) && o.value.every((x) => typeof x === 'string' || typeof x === 'number');
  return (
    typeof o.op === 'string' &&
    o.op in OPS &&
    (typeof o.value === 'string' || typeof o.value === 'number' || typeof o.value === 'boolean')
  );
}

export function isBusinessDuration(v: unknown): v is BusinessDuration {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  if (keys.length !== 1 || !['days', 'hours', 'minutes'].includes(keys[0])) return false;
  const n = (v as Record<string, unknown>)[keys[0]];
  return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}

/**
 * The nesting of a flow, by ids only. Written to the process documentation when the flow has
 * sequence wrappers the diagram cannot show (a one-step sequence, a sequence inside a sequence), so
 * the import can restore the exact structure. Ignored when the diagram no longer matches it.
 */
export type FlowShape =
  | { s: string }
  | { q: FlowShape[] }
  | { p: string; b: FlowShape[] }
  | { c: string; b: FlowShape[]; o?: FlowShape };

export function shapeOf(node: FlowNode): FlowShape {
  switch (node.kind) {
    case 'step':
      return { s: node.id };
    case 'sequence':
      return { q: node.steps.map(shapeOf) };
    case 'parallel':
      return { p: node.id, b: node.branches.map(shapeOf) };
    case 'choice':
      return node.otherwise
        ? { c: node.id, b: node.branches.map((b) => shapeOf(b.then)), o: shapeOf(node.otherwise) }
        : { c: node.id, b: node.branches.map((b) => shapeOf(b.then)) };
  }
}

/**
 * The form a flow has after a trip through BPMN: nested sequences flattened, one-element sequences
 * unwrapped, an empty `otherwise` dropped. Empty sequences stay (an empty branch).
 */
export function canonicalFlow(node: FlowNode): FlowNode {
  switch (node.kind) {
    case 'step':
      return node;
    case 'sequence': {
      const flat: FlowNode[] = [];
      for (const child of node.steps) {
        const c = canonicalFlow(child);
        if (c.kind === 'sequence') flat.push(...c.steps);
        else flat.push(c);
      }
      return flat.length === 1 ? flat[0] : { kind: 'sequence', steps: flat };
    }
    case 'parallel':
      return { ...node, branches: node.branches.map(canonicalFlow) };
    case 'choice': {
      const { otherwise, ...rest } = node;
      const out = { ...rest, branches: node.branches.map((b) => ({ ...b, then: canonicalFlow(b.then) })) };
      const o = otherwise ? canonicalFlow(otherwise) : undefined;
      return o && !(o.kind === 'sequence' && o.steps.length === 0) ? { ...out, otherwise: o } : out;
    }
  }
}

/** Structural equality of JSON-like values; a key holding `undefined` counts as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => deepEqual(ao[k], bo[k]));
}
