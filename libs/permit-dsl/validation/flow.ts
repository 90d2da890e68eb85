// The flow of a definition: node kinds and unique ids, steps, and choice conditions checked against
// the data schema's properties.
import type { JsonSchema } from '../definition';
import { Add, durationProblem, isPositiveDuration, isRecord, nonEmptyString, Rec, show } from './shared';

/** Step, parallel and choice ids: they end up in task ids, workflow history and BPMN element ids. */
const NODE_ID_RE = /^[a-z][a-z0-9_]*$/;
const AGENCY_RE = /^[A-Z][A-Z0-9_]*$/;
const JURISDICTIONS = ['province', 'city', 'kecamatan', 'kelurahan'];
const ROLES = ['officer', 'head'];
const OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in'];
const NUMERIC_OPS = ['lt', 'lte', 'gt', 'gte'];

export function checkFlow(flow: unknown, properties: Record<string, JsonSchema> | undefined, add: Add): void {
  const ids = new Map<string, string>(); // node id -> path of its first use
  const ancestors = new Set<unknown>();
  let steps = 0;

  const claimId = (id: unknown, path: string) => {
    if (typeof id !== 'string' || !NODE_ID_RE.test(id)) {
      add(`${path}.id`, 'must be snake_case: a lowercase letter, then lowercase letters, digits or _');
      return;
    }
    const first = ids.get(id);
    if (first !== undefined) add(`${path}.id`, `duplicate id ${show(id)} (already used at ${first}); step, parallel and choice ids must be unique across the flow`);
    else ids.set(id, `${path}.id`);
  };

  const visit = (node: unknown, path: string): void => {
    if (!isRecord(node)) {
      add(path, "must be a flow node (kind 'step', 'sequence', 'parallel' or 'choice')");
      return;
    }
    if (ancestors.has(node)) {
      add(path, 'contains itself');
      return;
    }
    ancestors.add(node);
    switch (node.kind) {
      case 'step':
        steps++;
        claimId(node.id, path);
        checkStep(node, path, add);
        break;
      case 'sequence':
        if (!Array.isArray(node.steps) || node.steps.length === 0) add(`${path}.steps`, 'must hold at least one node');
        else node.steps.forEach((child, i) => visit(child, `${path}.steps[${i}]`));
        break;
      case 'parallel':
        claimId(node.id, path);
        if (!Array.isArray(node.branches) || node.branches.length < 2) add(`${path}.branches`, 'must hold at least two branches');
        else node.branches.forEach((child, i) => visit(child, `${path}.branches[${i}]`));
        break;
      case 'choice':
        claimId(node.id, path);
        if (node.name !== undefined && !nonEmptyString(node.name)) add(`${path}.name`, 'must be a non-empty string when set');
        if (!Array.isArray(node.branches) || node.branches.length === 0) add(`${path}.branches`, 'must hold at least one branch');
        else
          node.branches.forEach((branch, i) => {
            const bpath = `${path}.branches[${i}]`;
            if (!isRecord(branch)) {
              add(bpath, 'must be { when, then }');
              return;
            }
            if (branch.label !== undefined && !nonEmptyString(branch.label)) add(`${bpath}.label`, 'must be a non-empty string when set');
            checkCondition(branch.when, `${bpath}.when`, properties, add);
            visit(branch.then, `${bpath}.then`);
          });
        if (node.otherwise !== undefined) visit(node.otherwise, `${path}.otherwise`);
        break;
      default:
        add(`${path}.kind`, "must be 'step', 'sequence', 'parallel' or 'choice'");
    }
    ancestors.delete(node);
  };

  visit(flow, 'flow');
  if (isRecord(flow) && steps === 0) add('flow', 'must contain at least one step (a flow without a step would issue unreviewed)');
}

function checkStep(step: Rec, path: string, add: Add): void {
  if (!nonEmptyString(step.name)) add(`${path}.name`, 'must be a non-empty string');
  if (typeof step.agency !== 'string' || !AGENCY_RE.test(step.agency)) add(`${path}.agency`, 'must be a non-empty uppercase agency code (e.g. DCKTRP)');
  if (step.jurisdiction !== undefined && !JURISDICTIONS.includes(step.jurisdiction as string)) {
    add(`${path}.jurisdiction`, `must be one of ${JURISDICTIONS.map(show).join(', ')}`);
  }
  if (!ROLES.includes(step.role as string)) add(`${path}.role`, `must be one of ${ROLES.map(show).join(', ')}`);
  if (!isPositiveDuration(step.deadline)) add(`${path}.deadline`, durationProblem(step.deadline, false));
  if (step.weight !== undefined && (typeof step.weight !== 'number' || !Number.isFinite(step.weight) || step.weight < 0)) {
    add(`${path}.weight`, 'must be a number, 0 or more');
  }
  if (step.weightReason !== undefined && !nonEmptyString(step.weightReason)) add(`${path}.weightReason`, 'must be a non-empty string when set');
}

function checkCondition(cond: unknown, path: string, properties: Record<string, JsonSchema> | undefined, add: Add): void {
  if (!isRecord(cond)) {
    add(path, 'must be a condition: { field, op, value }, { all: [...] } or { any: [...] }');
    return;
  }
  for (const key of ['all', 'any'] as const) {
    if (key in cond) {
      const list = cond[key];
      if (!Array.isArray(list) || list.length === 0) add(`${path}.${key}`, 'must hold at least one condition');
      else list.forEach((c, i) => checkCondition(c, `${path}.${key}[${i}]`, properties, add));
      return;
    }
  }
  const field = cond.field;
  const schema = typeof field === 'string' ? properties?.[field] : undefined;
  if (typeof field !== 'string' || field.length === 0) add(`${path}.field`, 'must name a field of data');
  else if (properties && !schema) add(`${path}.field`, `${show(field)} is not declared in dataSchema.properties`);

  const op = cond.op as string;
  if (!OPS.includes(op)) {
    add(`${path}.op`, `must be one of ${OPS.map(show).join(', ')}`);
    return;
  }
  const value = cond.value;
  const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      add(`${path}.value`, "must be a non-empty array of strings or numbers for op 'in'");
      return;
    }
  } else if (NUMERIC_OPS.includes(op)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      add(`${path}.value`, `must be a number for op ${show(op)}`);
      return;
    }
  } else if (!scalar(value)) {
    add(`${path}.value`, `must be a string, number or boolean for op ${show(op)}`);
    return;
  }
  if (!schema) return;
  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? (schema.type as string[]) : [];
  if (NUMERIC_OPS.includes(op) && types.length > 0 && !types.some((t) => t === 'number' || t === 'integer')) {
    add(`${path}.op`, `${show(op)} compares numbers but dataSchema.properties.${field} is of type ${types.join(' or ')}`);
  }
  if (Array.isArray(schema.enum) && !NUMERIC_OPS.includes(op)) {
    const allowed = schema.enum;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (!allowed.includes(v)) add(`${path}.value`, `${show(v)} is not among the enum values of dataSchema.properties.${field}`);
    }
  }
}
