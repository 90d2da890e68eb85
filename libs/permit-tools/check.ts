// `npm run permit:check`: everything that can be wrong with a permit definition, said in the words of the
// admin who wrote it and pinned to where it is (file, step, field). It runs the load-time validation of
// libs/permit-dsl (the shape of the definition), then what needs the rest of the platform: the agencies
// the deployment knows, the legal deadline against each route, whether a choice's branches cover every
// case the data schema allows and whether every step can be reached, the examples against the schema
// with the API's validator (ajv, JSON Schema 2020-12), and the legal basis of the fee.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { validateDefinition } from '../permit-dsl/define';
import { type FlowNode, longestPathMinutes, MINUTES_PER_BUSINESS_DAY, type PermitDefinition, stepsOf, toBusinessMinutes } from '../permit-dsl/definition';
import { STEP_EFFORTS } from '../domain/step-weight';
import { candidateData, OTHER_TEXT, routeOf } from './routes';

export interface Agency {
  code: string;
  name: string;
  /** `territorial` offices (kelurahan, kecamatan, city hall) decide for one area only. */
  kind: string;
}

export interface CheckIssue {
  file: string;
  /** The step, choice or parallel block the problem is in, when it is in one. */
  step?: string;
  /** Where in the definition, as a path: `flow.steps[1].agency`. */
  field: string;
  message: string;
}

export interface CheckContext {
  file: string;
  agencies: ReadonlyArray<Agency>;
  /** The file's text, to find what is still left to fill in. */
  source?: string;
}

/** One line per issue: `<file>: step '<id>', <field>: <message>`. */
export function formatIssue(i: CheckIssue): string {
  return `${i.file}: ${i.step ? `step '${i.step}', ` : ''}${i.field}: ${i.message}`;
}

const days = (minutes: number) => {
  const d = minutes / MINUTES_PER_BUSINESS_DAY;
  return Number.isInteger(d) ? `${d} working day${d === 1 ? '' : 's'}` : `${(minutes / 60).toFixed(1)} working hours`;
};

/** The id of the innermost step, choice or parallel block a path such as `flow.steps[1].deadline` points into. */
export function nodeAt(def: unknown, path: string): string | undefined {
  let cur: unknown = def;
  let id: string | undefined;
  for (const token of path.match(/[^.[\]"]+/g) ?? []) {
    if (typeof cur !== 'object' || cur === null) break;
    cur = (cur as Record<string, unknown>)[token];
    const node = cur as { kind?: unknown; id?: unknown } | null;
    if (node && typeof node === 'object' && typeof node.kind === 'string' && typeof node.id === 'string') id = node.id;
  }
  return id;
}

/** Every problem of one definition; empty when it is good to ship. */
export function checkDefinition(def: unknown, ctx: CheckContext): CheckIssue[] {
  const issues: CheckIssue[] = [];
  const add = (field: string, message: string, step?: string) => issues.push({ file: ctx.file, step: step ?? nodeAt(def, field), field, message });
  for (const i of validateDefinition(def)) add(i.path, i.message);
  if (ctx.source) checkTodos(ctx.source, add);
  if (typeof def !== 'object' || def === null) return issues;
  const d = def as PermitDefinition;
  const flowOk = !issues.some((i) => i.field.startsWith('flow') || i.field.startsWith('dataSchema') || i.field === 'deadline');
  checkFeeBasis(d, add);
  checkExamples(d, add);
  if (flowOk) {
    checkAgencies(d.flow, ctx.agencies, add);
    checkDeadlines(d, add);
    checkCoverage(d, add);
    checkWeights(d.flow, add);
  }
  return issues;
}

type Add = (field: string, message: string, step?: string) => void;

function checkTodos(source: string, add: Add): void {
  const lines = source.split('\n');
  const todos = lines.map((text, i) => ({ text: text.trim(), line: i + 1 })).filter((l) => /\bTODO\b/.test(l.text));
  for (const t of todos) add(`line ${t.line}`, `still to fill in: ${t.text.replace(/^\/\/\s*/, '')}`);
}

/** Walks the flow with each node's path. */
function eachNode(node: FlowNode, path: string, visit: (node: FlowNode, path: string) => void): void {
  visit(node, path);
  if (node.kind === 'sequence') node.steps.forEach((n, i) => eachNode(n, `${path}.steps[${i}]`, visit));
  if (node.kind === 'parallel') node.branches.forEach((n, i) => eachNode(n, `${path}.branches[${i}]`, visit));
  if (node.kind === 'choice') {
    node.branches.forEach((b, i) => eachNode(b.then, `${path}.branches[${i}].then`, visit));
    if (node.otherwise) eachNode(node.otherwise, `${path}.otherwise`, visit);
  }
}

/** The jurisdiction a territorial office decides in. */
const TERRITORY: Record<string, string> = { KELURAHAN: 'kelurahan', KECAMATAN: 'kecamatan', WALIKOTA: 'city', BUPATI: 'city' };

function checkAgencies(flow: FlowNode, agencies: ReadonlyArray<Agency>, add: Add): void {
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  eachNode(flow, 'flow', (node, path) => {
    if (node.kind !== 'step') return;
    const agency = byCode.get(node.agency);
    if (!agency) {
      const near = agencies.filter((a) => editDistance(a.code, node.agency) <= 2).map((a) => `'${a.code}'`);
      add(
        `${path}.agency`,
        `unknown agency '${node.agency}': no agency of this deployment has that code` +
          (near.length ? ` (did you mean ${near.join(' or ')}?)` : '') +
          '. The agencies are listed in libs/database/seed/agencies.json; add a new one there first.',
      );
      return;
    }
    if (agency.kind === 'territorial') {
      const expected = TERRITORY[agency.code];
      if (node.jurisdiction === undefined || node.jurisdiction === 'province') {
        add(
          `${path}.jurisdiction`,
          `${agency.name} (${agency.code}) is a territorial office, one per area: say which one decides with ` +
            `jurisdiction: '${expected ?? 'kelurahan'}' (the office of the application's location). ` +
            `Without it the step would go to a province-wide office that does not exist.`,
        );
      } else if (expected && node.jurisdiction !== expected) {
        add(`${path}.jurisdiction`, `${agency.name} (${agency.code}) decides at the '${expected}' level, but the step says '${node.jurisdiction}'.`);
      }
    }
  });
}

function checkDeadlines(def: PermitDefinition, add: Add): void {
  const legal = toBusinessMinutes(def.deadline);
  eachNode(def.flow, 'flow', (node, path) => {
    if (node.kind !== 'step') return;
    const own = toBusinessMinutes(node.deadline);
    if (own > legal) {
      add(
        `${path}.deadline`,
        `this step may take ${days(own)}, longer than the legal deadline of the whole application (${days(legal)}, ` +
          `the definition's deadline): shorten the step or check the regulation's total.`,
      );
    }
  });
  const longest = longestPathMinutes(def.flow);
  if (longest > legal && !stepsOf(def.flow).some((s) => toBusinessMinutes(s.deadline) > legal)) {
    add(
      'deadline',
      `the legal deadline is ${days(legal)}, but the longest route through the steps takes ${days(longest)} when every step ` +
        `uses its full deadline: shorten the steps on that route or check the regulation's total.`,
    );
  }
}

/** Every step states its points weight and why (docs/adding-a-permit-type.md, Weights): the points report reads them. */
function checkWeights(flow: FlowNode, add: Add): void {
  eachNode(flow, 'flow', (node, path) => {
    if (node.kind !== 'step') return;
    if (node.weight === undefined) {
      add(
        `${path}.weight`,
        `step '${node.id}' has no points weight: add weigh(effort, reason) as the last argument of step(...) ` +
          `(effort: ${STEP_EFFORTS.map((e) => `'${e}'`).join(', ')}; the weight follows from it and the deadline), so the points report counts the step for the work it asks.`,
      );
    } else if (node.weight === 0) {
      add(`${path}.weight`, `a weight of 0 makes deciding step '${node.id}' worth no points at all: weigh it with weigh(effort, reason).`);
    }
    if (node.weight !== undefined && (node.weightReason === undefined || node.weightReason.trim() === '')) {
      add(`${path}.weightReason`, `the weight of step '${node.id}' (${node.weight}) gives no reason: say what work the step asks, as weigh(effort, reason) does.`);
    }
  });
}

function show(data: Record<string, unknown>, fields: string[]): string {
  return fields.map((f) => (f in data ? `${f} = ${data[f] === OTHER_TEXT ? 'any other text' : JSON.stringify(data[f])}` : `${f} left out`)).join(' and ');
}

function conditionFields(node: FlowNode): string[] {
  const out = new Set<string>();
  const leaves = (c: unknown): void => {
    const cond = c as Record<string, unknown>;
    if (Array.isArray(cond.all)) cond.all.forEach(leaves);
    else if (Array.isArray(cond.any)) cond.any.forEach(leaves);
    else if (typeof cond.field === 'string') out.add(cond.field);
  };
  eachNode(node, 'flow', (n) => {
    if (n.kind === 'choice') n.branches.forEach((b) => leaves(b.when));
  });
  return [...out].sort();
}

/** Choices whose branches leave some data without a route, and steps no data can reach. */
function checkCoverage(def: PermitDefinition, add: Add): void {
  const fields = conditionFields(def.flow);
  const singleBranch = new Set<string>();
  eachNode(def.flow, 'flow', (n) => {
    if (n.kind === 'choice' && n.branches.length === 1 && !n.otherwise) singleBranch.add(n.id);
  });
  const reached = new Set<string>();
  const uncovered = new Map<string, { path: string; data: Record<string, unknown>; count: number }>();
  for (const data of candidateData(def)) {
    const route = routeOf(def.flow, data);
    for (const s of route.steps) reached.add(s.id);
    for (const c of route.choices) {
      if (c.branch === 'otherwise') reached.add(`${c.choice}#otherwise`);
      else if (c.branch !== 'none') reached.add(`${c.choice}#${c.branch}`);
      else {
        const seen = uncovered.get(c.choice);
        if (seen) seen.count++;
        else uncovered.set(c.choice, { path: c.path, data, count: 1 });
      }
    }
  }
  for (const [choice, u] of uncovered) {
    // A choice of one branch and no otherwise is an optional step (IZIN_KERAMAIAN's traffic review):
    // skipping it is what it says. With two branches or more the admin has enumerated cases and missed some.
    if (singleBranch.has(choice)) continue;
    add(
      `${u.path}.branches`,
      `the branches of choice '${choice}' do not cover every case the data schema allows: for data with ${show(u.data, fields)} ` +
        `no branch holds and there is no otherwise, so the application would be issued without this review` +
        `${u.count > 1 ? ` (${u.count} such cases)` : ''}. Add a branch for it or an otherwise.`,
      choice,
    );
  }
  eachNode(def.flow, 'flow', (node, path) => {
    if (node.kind !== 'choice') return;
    const dead = (what: string, then: FlowNode, at: string) => {
      const steps = stepsOf(then).map((s) => s.id);
      const unreachable = steps.filter((s) => !reached.has(s));
      if (unreachable.length === 0) return;
      add(
        at,
        `unreachable step${unreachable.length > 1 ? 's' : ''} ${unreachable.map((s) => `'${s}'`).join(', ')}: ${what} of choice '${node.id}' ` +
          `is never taken for any data the schema allows (an earlier branch catches all its cases, or its condition cannot hold). ` +
          `Reorder the branches or correct the condition.`,
        unreachable[0],
      );
    };
    node.branches.forEach((b, i) => {
      if (!reached.has(`${node.id}#${i}`)) dead(`branch ${i + 1}${b.label ? ` ('${b.label}')` : ''}`, b.then, `${path}.branches[${i}].when`);
    });
    if (node.otherwise && !reached.has(`${node.id}#otherwise`)) dead('the otherwise', node.otherwise, `${path}.otherwise`);
  });
}

function checkExamples(def: PermitDefinition, add: Add): void {
  const schema = def.dataSchema;
  if (typeof schema !== 'object' || schema === null || !Array.isArray(schema.examples)) return;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  let validate;
  try {
    validate = ajv.compile(schema);
  } catch (err) {
    add('dataSchema', `is not a valid JSON Schema (2020-12): ${(err as Error).message}`);
    return;
  }
  schema.examples.forEach((example, i) => {
    if (validate(example)) return;
    for (const e of validate.errors ?? []) {
      const at = e.instancePath.replace(/^\//, '').split('/').filter(Boolean);
      const field = e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty : e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
      const where = [`dataSchema.examples[${i}]`, ...at, ...(field ? [field] : [])].join('.');
      const allowed = e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')})` : '';
      const what =
        e.keyword === 'required'
          ? 'the example leaves out a field the schema requires'
          : e.keyword === 'additionalProperties'
            ? 'the example has a field the schema does not declare'
            : `the example's value ${e.message ?? 'is not valid'}${allowed}`;
      add(where, `example ${i + 1} of the data schema does not validate: ${what}. Integrators copy the examples, so each one must pass the schema.`);
    }
  });
}

/** What a legal basis must name: a law, a regulation, a decree or a decision, by its Indonesian kind. */
const REGULATION_RE = /\b(UU|Undang-Undang|PP|Perpres|Permen\w*|Perda|Pergub|Kepgub|Keputusan|Peraturan|Instruksi)\b/;

function checkFeeBasis(def: PermitDefinition, add: Add): void {
  const fee = def.fee as Partial<PermitDefinition['fee']> | undefined;
  if (!fee || typeof fee !== 'object') return;
  const basis = typeof fee.legalBasis === 'string' ? fee.legalBasis.trim() : '';
  if (basis === '') return; // the load-time validation already says it is missing
  if (!REGULATION_RE.test(basis)) {
    add(
      'fee.legalBasis',
      `the legal basis of the fee (${typeof fee.amount === 'number' ? `Rp ${fee.amount.toLocaleString('id-ID')}` : 'the fee'}) names no regulation: ` +
        `cite the Perda, Pergub, PP or UU that sets the fee or exempts it, e.g. 'Perda DKI Jakarta No. 1 Tahun 2024'.`,
    );
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
