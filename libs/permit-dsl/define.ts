// Load-time validation of permit definitions.
// Pure code with no imports beyond ./definition and ./checks: it runs inside Temporal's deterministic workflow sandbox,
// so no Node built-ins, no npm packages (hence the light hand-written schema check instead of ajv), no clock.
import {
  BusinessDuration,
  Condition,
  EscalationRung,
  FlowNode,
  JsonSchema,
  MINUTES_PER_BUSINESS_DAY,
  PermitDefinition,
  rungOffsetMinutes,
  toBusinessMinutes,
} from './definition';
import { type Add, checkDataSchema, isRecord, nonEmptyString, type Rec, show } from './checks';

export interface DefinitionIssue {
  /** JSON path of the offending field, e.g. `flow.steps[2].deadline`. */
  path: string;
  message: string;
}

/** A definition that does not hold together. Every issue is one line: `<file>: <path>: <problem>`. */
export class DefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly issues: ReadonlyArray<DefinitionIssue>,
  ) {
    super(issues.map((i) => `${file}: ${i.path}: ${i.message}`).join('\n'));
    this.name = 'DefinitionError';
  }
}

/** Where the definition of a code and version lives: `libs/permits/<code-kebab>.v<version>.ts`. */
export function definitionFile(code: unknown, version: unknown): string {
  const name = typeof code === 'string' && code !== '' ? code.toLowerCase().replace(/_/g, '-') : '<no code>';
  return `libs/permits/${name}.v${typeof version === 'number' ? String(version) : '?'}.ts`;
}

/**
 * Validates a definition when its module loads and returns it deep-frozen.
 * Throws a DefinitionError listing every problem found, each named by file and JSON path.
 */
export function definePermit(def: PermitDefinition): Readonly<PermitDefinition> {
  const issues = validateDefinition(def);
  if (issues.length > 0) {
    const d = (isRecord(def) ? def : {}) as Record<string, unknown>;
    throw new DefinitionError(definitionFile(d.code, d.version), issues);
  }
  return deepFreeze(def);
}

const CODE_RE = /^[A-Z][A-Z0-9_]{1,31}$/;
/** Step, parallel and choice ids: they end up in task ids, workflow history and BPMN element ids. */
const NODE_ID_RE = /^[a-z][a-z0-9_]*$/;
/** Rung ids are keyed as `<id>#<n>` for repeats and `<task>:<id>` for idempotency: keep `#` and `:` out. */
const RUNG_ID_RE = /^[a-z][a-z0-9_-]*$/;
const AGENCY_RE = /^[A-Z][A-Z0-9_]*$/;
const CATEGORIES = ['perizinan', 'non-perizinan'];
const POLICIES = ['escalate', 'deem-granted'];
const JURISDICTIONS = ['province', 'city', 'kecamatan', 'kelurahan'];
const ROLES = ['officer', 'head'];
const NOTIFY = ['assignee', 'section_head', 'agency_head', 'governor'];
const OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in'];
const NUMERIC_OPS = ['lt', 'lte', 'gt', 'gte'];
const DURATION_UNITS = ['days', 'hours', 'minutes'];
/** Rung order is checked on a step of this length; fractions and after-deadline offsets sort the same on any length. */
const NOMINAL_STEP_MINUTES = 10 * MINUTES_PER_BUSINESS_DAY;

/** Returns the problems of a definition, empty when it is valid. */
export function validateDefinition(def: unknown): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!isRecord(def)) {
    add('(definition)', 'must be an object');
    return issues;
  }

  if (typeof def.code !== 'string' || !CODE_RE.test(def.code)) {
    add('code', 'must be 2 to 32 characters of A-Z, 0-9 and _, starting with a letter (e.g. PBG, SIP_DOKTER)');
  }
  if (typeof def.version !== 'number' || !Number.isInteger(def.version) || def.version < 1) {
    add('version', 'must be a positive integer');
  }
  if (!isRecord(def.name)) add('name', 'must be { id, en }');
  else {
    if (!nonEmptyString(def.name.id)) add('name.id', 'must be a non-empty string (Indonesian name)');
    if (!nonEmptyString(def.name.en)) add('name.en', 'must be a non-empty string (English name)');
  }
  if (!CATEGORIES.includes(def.category as string)) add('category', `must be one of ${CATEGORIES.map(show).join(', ')}`);
  if (def.description !== undefined && typeof def.description !== 'string') add('description', 'must be a string');
  if (!nonEmptyString(def.source)) add('source', 'must name the regulation or service standard the definition follows');

  checkFee(def.fee, add);
  checkDocuments(def.requiredDocuments, add);
  const properties = checkDataSchema(def.dataSchema, add);
  checkFlow(def.flow, properties, add);

  if (!isPositiveDuration(def.deadline)) add('deadline', durationProblem(def.deadline, false));
  if (!POLICIES.includes(def.onHardDeadline as string)) add('onHardDeadline', `must be one of ${POLICIES.map(show).join(', ')}`);
  if (!isPositiveDuration(def.applicantDeadline)) add('applicantDeadline', durationProblem(def.applicantDeadline, false));
  checkEscalation(def.escalation, add);
  return issues;
}


function checkFee(fee: unknown, add: Add): void {
  if (!isRecord(fee)) {
    add('fee', 'must be { amount, currency, legalBasis }');
    return;
  }
  if (typeof fee.amount !== 'number' || !Number.isInteger(fee.amount) || fee.amount < 0) {
    add('fee.amount', 'must be a whole number of rupiah, 0 or more');
  }
  if (fee.currency !== 'IDR') add('fee.currency', "must be 'IDR'");
  if (!nonEmptyString(fee.legalBasis)) add('fee.legalBasis', 'must name the regulation that sets the fee (or exempts it)');
}

function checkDocuments(docs: unknown, add: Add): void {
  if (!Array.isArray(docs)) {
    add('requiredDocuments', 'must be an array of { type, name }');
    return;
  }
  const seen = new Map<string, number>();
  docs.forEach((doc, i) => {
    const path = `requiredDocuments[${i}]`;
    if (!isRecord(doc)) {
      add(path, 'must be { type, name }');
      return;
    }
    if (!nonEmptyString(doc.type)) add(`${path}.type`, 'must be a non-empty string');
    else if (seen.has(doc.type)) add(`${path}.type`, `duplicate document type ${show(doc.type)} (first at requiredDocuments[${seen.get(doc.type)}])`);
    else seen.set(doc.type, i);
    if (!nonEmptyString(doc.name)) add(`${path}.name`, 'must be a non-empty string');
  });
}

// ---- flow ----------------------------------------------------------------------------------------

function checkFlow(flow: unknown, properties: Record<string, JsonSchema> | undefined, add: Add): void {
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

// ---- durations and escalation ----------------------------------------------------------------------

function isDurationShape(d: unknown): d is BusinessDuration {
  if (!isRecord(d)) return false;
  const keys = Object.keys(d);
  if (keys.length !== 1 || !DURATION_UNITS.includes(keys[0])) return false;
  const n = d[keys[0]];
  return typeof n === 'number' && Number.isFinite(n);
}

function isPositiveDuration(d: unknown): boolean {
  return isDurationShape(d) && toBusinessMinutes(d) > 0;
}

function durationProblem(d: unknown, zeroAllowed: boolean): string {
  const what = zeroAllowed ? 'must be a non-negative business duration' : 'must be a positive business duration';
  if (!isDurationShape(d)) return `${what}: exactly one of { days }, { hours } or { minutes }, a finite number`;
  return `${what} (it comes to ${toBusinessMinutes(d)} business minutes)`;
}

function checkEscalation(ladder: unknown, add: Add): void {
  if (!Array.isArray(ladder) || ladder.length === 0) {
    add('escalation', 'must hold at least one rung (an open step always waits for its next rung)');
    return;
  }
  const ids = new Map<string, number>();
  let previous: { offset: number; id: string; index: number } | undefined;
  ladder.forEach((rung: unknown, i) => {
    const path = `escalation[${i}]`;
    if (!isRecord(rung)) {
      add(path, 'must be an escalation rung');
      return;
    }
    if (typeof rung.id !== 'string' || !RUNG_ID_RE.test(rung.id)) add(`${path}.id`, 'must be a lowercase letter, then lowercase letters, digits, _ or -');
    else if (ids.has(rung.id)) add(`${path}.id`, `duplicate rung id ${show(rung.id)} (first at escalation[${ids.get(rung.id)}])`);
    else ids.set(rung.id, i);
    if (!NOTIFY.includes(rung.notify as string)) add(`${path}.notify`, `must be one of ${NOTIFY.map(show).join(', ')}`);
    if (rung.publicList !== undefined && typeof rung.publicList !== 'boolean') add(`${path}.publicList`, 'must be a boolean');

    const hasFraction = rung.atFraction !== undefined;
    const hasAfter = rung.afterDeadline !== undefined;
    if (hasFraction === hasAfter) {
      add(path, 'must set exactly one of atFraction and afterDeadline');
      return;
    }
    if (hasFraction) {
      const f = rung.atFraction;
      if (typeof f !== 'number' || !(f > 0 && f <= 1)) {
        add(`${path}.atFraction`, 'must be a number greater than 0 and at most 1');
        return;
      }
    } else if (!isDurationShape(rung.afterDeadline) || toBusinessMinutes(rung.afterDeadline) < 0) {
      add(`${path}.afterDeadline`, durationProblem(rung.afterDeadline, true));
      return;
    }
    const offset = rungOffsetMinutes(rung as unknown as EscalationRung, NOMINAL_STEP_MINUTES);
    if (previous && offset < previous.offset) {
      add(
        path,
        `rungs must be sorted by when they fire: this one fires at ${offset} business minutes of a ${NOMINAL_STEP_MINUTES}-minute step, ` +
          `before escalation[${previous.index}] (${show(previous.id)}, at ${previous.offset})`,
      );
    } else previous = { offset, id: String(rung.id), index: i };
  });
}

// ---- freezing --------------------------------------------------------------------------------------

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  for (const key of Object.keys(value)) deepFreeze((value as Rec)[key], seen);
  return Object.freeze(value);
}

// Type-only re-exports so definition files need a single import for the common shapes.
export type { BusinessDuration, Condition, EscalationRung, FlowNode, JsonSchema, PermitDefinition };
