// Load-time validation of permit definitions.
// Pure code importing only ./definition and ./validation/ (the checks: data schema, flow, and the other
// terms): it runs inside Temporal's deterministic workflow sandbox, so no Node built-ins, no npm packages
// (hence the light hand-written schema check instead of ajv), no clock.
import { BusinessDuration, Condition, EscalationRung, FlowNode, JsonSchema, PermitDefinition } from './definition';
import { checkDataSchema } from './validation/data-schema';
import { checkFlow } from './validation/flow';
import { durationProblem, isPositiveDuration, isRecord, nonEmptyString, Rec, show } from './validation/shared';
import { checkDocuments, checkEscalation, checkFee } from './validation/terms';

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
    /** The definition as written, so `npm run permit:check` can look further into it. */
    readonly definition?: unknown,
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
    throw new DefinitionError(definitionFile(d.code, d.version), issues, def);
  }
  return deepFreeze(def);
}

const CODE_RE = /^[A-Z][A-Z0-9_]{1,31}$/;
const CATEGORIES = ['perizinan', 'non-perizinan'];
const POLICIES = ['escalate', 'deem-granted'];

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
  if (def.retired !== undefined && typeof def.retired !== 'boolean') add('retired', 'must be true or false (or left out: the version is active)');
  return issues;
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
