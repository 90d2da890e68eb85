// `npm run permit:diff`: what changed between two versions of a permit type, by what an admin reviews:
// steps (added, removed, renamed, moved, another agency, office, role or deadline), the flow's choices
// and parallel blocks, the legal and applicant deadlines and the policy, the escalation ladder, the fee,
// the documents and the data schema.
import { type FlowNode, type PermitDefinition, type StepDef, toBusinessMinutes } from '../permit-dsl/definition';
import { workingTime } from './preview';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface Change {
  area: 'steps' | 'flow' | 'deadlines' | 'escalation' | 'fee' | 'documents' | 'data schema' | 'description';
  kind: ChangeKind;
  /** The step, choice or parallel block it is about. */
  element?: string;
  what: string;
}

type Def = Readonly<PermitDefinition>;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const q = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

/** Each step with where it sits: inside which parallel blocks and choice branches. */
function placed(flow: FlowNode): Map<string, { step: StepDef; where: string; order: number }> {
  const out = new Map<string, { step: StepDef; where: string; order: number }>();
  const walk = (node: FlowNode, where: string[]) => {
    switch (node.kind) {
      case 'step':
        out.set(node.id, { step: node, where: where.join(', ') || 'the main sequence', order: out.size });
        return;
      case 'sequence':
        return node.steps.forEach((n) => walk(n, where));
      case 'parallel':
        return node.branches.forEach((n) => walk(n, [...where, `parallel block '${node.id}'`]));
      case 'choice':
        node.branches.forEach((b, i) => walk(b.then, [...where, `choice '${node.id}' branch ${i + 1}${b.label ? ` ('${b.label}')` : ''}`]));
        if (node.otherwise) walk(node.otherwise, [...where, `choice '${node.id}' otherwise`]);
    }
  };
  walk(flow, []);
  return out;
}

/** Parallel blocks and choices by id. */
function blocks(flow: FlowNode): Map<string, Extract<FlowNode, { kind: 'parallel' | 'choice' }>> {
  const out = new Map<string, Extract<FlowNode, { kind: 'parallel' | 'choice' }>>();
  const walk = (node: FlowNode) => {
    if (node.kind === 'sequence') node.steps.forEach(walk);
    if (node.kind === 'parallel') {
      out.set(node.id, node);
      node.branches.forEach(walk);
    }
    if (node.kind === 'choice') {
      out.set(node.id, node);
      node.branches.forEach((b) => walk(b.then));
      if (node.otherwise) walk(node.otherwise);
    }
  };
  walk(flow);
  return out;
}

const stepLine = (s: StepDef) => `${q(s.name)} (${s.agency}, ${s.jurisdiction ?? 'province'}, ${s.role}, ${workingTime(toBusinessMinutes(s.deadline))})`;

function diffSteps(a: Def, b: Def, out: Change[]): void {
  const before = placed(a.flow);
  const after = placed(b.flow);
  for (const [id, { step, where }] of after) {
    if (!before.has(id)) out.push({ area: 'steps', kind: 'added', element: id, what: `${id} ${stepLine(step)}, in ${where}` });
  }
  for (const [id, { step }] of before) {
    if (!after.has(id)) out.push({ area: 'steps', kind: 'removed', element: id, what: `${id} ${stepLine(step)}` });
  }
  const kept = [...after.keys()].filter((id) => before.has(id));
  for (const id of kept) {
    const was = before.get(id)!;
    const now = after.get(id)!;
    const parts: string[] = [];
    if (was.step.name !== now.step.name) parts.push(`name ${q(was.step.name)} → ${q(now.step.name)}`);
    if (was.step.agency !== now.step.agency) parts.push(`agency ${was.step.agency} → ${now.step.agency}`);
    if ((was.step.jurisdiction ?? 'province') !== (now.step.jurisdiction ?? 'province')) parts.push(`office ${was.step.jurisdiction ?? 'province'} → ${now.step.jurisdiction ?? 'province'}`);
    if (was.step.role !== now.step.role) parts.push(`decided by ${was.step.role} → ${now.step.role}`);
    const [da, db] = [toBusinessMinutes(was.step.deadline), toBusinessMinutes(now.step.deadline)];
    if (da !== db) parts.push(`deadline ${workingTime(da)} → ${workingTime(db)}`);
    if ((was.step.weight ?? null) !== (now.step.weight ?? null)) parts.push(`weight ${was.step.weight ?? 'default'} → ${now.step.weight ?? 'default'}`);
    if (was.where !== now.where) parts.push(`now in ${now.where} (was in ${was.where})`);
    if (parts.length) out.push({ area: 'steps', kind: 'changed', element: id, what: `${id}: ${parts.join('; ')}` });
  }
  const orderBefore = kept.slice().sort((x, y) => before.get(x)!.order - before.get(y)!.order);
  if (!same(orderBefore, kept)) out.push({ area: 'flow', kind: 'changed', what: `the steps run in another order: ${kept.join(', ')} (was ${orderBefore.join(', ')})` });
}

function diffBlocks(a: Def, b: Def, out: Change[]): void {
  const before = blocks(a.flow);
  const after = blocks(b.flow);
  const members = (n: FlowNode) => placedIds(n).join(', ');
  for (const [id, node] of after) {
    const was = before.get(id);
    const label = node.kind === 'parallel' ? `parallel block '${id}'` : `choice '${id}'`;
    if (!was) out.push({ area: 'flow', kind: 'added', element: id, what: `${label} (${members(node)})` });
    else if (node.kind === 'choice' && was.kind === 'choice') {
      const conds = (c: typeof node) => c.branches.map((x) => ({ label: x.label, when: x.when }));
      if (!same(conds(was), conds(node))) out.push({ area: 'flow', kind: 'changed', element: id, what: `${label}: its branches or their conditions changed` });
      if (!!was.otherwise !== !!node.otherwise) out.push({ area: 'flow', kind: 'changed', element: id, what: `${label}: ${node.otherwise ? 'now has' : 'no longer has'} an otherwise` });
    }
  }
  for (const [id, node] of before) {
    if (!after.has(id)) out.push({ area: 'flow', kind: 'removed', element: id, what: `${node.kind === 'parallel' ? 'parallel block' : 'choice'} '${id}'` });
  }
}

function placedIds(node: FlowNode): string[] {
  return [...placed(node).keys()];
}

function diffTerms(a: Def, b: Def, out: Change[]): void {
  const dur = (label: string, x: Def['deadline'], y: Def['deadline']) => {
    const [ma, mb] = [toBusinessMinutes(x), toBusinessMinutes(y)];
    if (ma !== mb) out.push({ area: 'deadlines', kind: 'changed', what: `${label} ${workingTime(ma)} → ${workingTime(mb)}` });
  };
  dur('legal deadline', a.deadline, b.deadline);
  dur('applicant deadline (to answer a revision)', a.applicantDeadline, b.applicantDeadline);
  if (a.onHardDeadline !== b.onHardDeadline) out.push({ area: 'deadlines', kind: 'changed', what: `when the legal deadline passes: ${a.onHardDeadline} → ${b.onHardDeadline}` });
  if (!same(a.escalation, b.escalation)) {
    const ids = (d: Def) => d.escalation.map((r) => r.id).join(', ');
    out.push({ area: 'escalation', kind: 'changed', what: `the ladder changed: ${ids(a)} → ${ids(b)}` });
  }
  if (a.fee.amount !== b.fee.amount) out.push({ area: 'fee', kind: 'changed', what: `amount Rp ${a.fee.amount.toLocaleString('id-ID')} → Rp ${b.fee.amount.toLocaleString('id-ID')}` });
  if (a.fee.legalBasis !== b.fee.legalBasis) out.push({ area: 'fee', kind: 'changed', what: `legal basis ${q(a.fee.legalBasis)} → ${q(b.fee.legalBasis)}` });
  const docs = (d: Def) => new Map(d.requiredDocuments.map((x) => [x.type, x.name]));
  const [da, db] = [docs(a), docs(b)];
  for (const [type, name] of db) {
    if (!da.has(type)) out.push({ area: 'documents', kind: 'added', what: `${type} ${q(name)}` });
    else if (da.get(type) !== name) out.push({ area: 'documents', kind: 'changed', what: `${type}: ${q(da.get(type))} → ${q(name)}` });
  }
  for (const [type, name] of da) if (!db.has(type)) out.push({ area: 'documents', kind: 'removed', what: `${type} ${q(name)}` });
  for (const key of ['name', 'category', 'description', 'source'] as const) {
    if (!same(a[key], b[key])) out.push({ area: 'description', kind: 'changed', what: `${key} ${q(a[key])} → ${q(b[key])}` });
  }
  if ((a.retired ?? false) !== (b.retired ?? false)) out.push({ area: 'description', kind: 'changed', what: b.retired ? 'retired: takes no new application' : 'active again' });
}

function diffSchema(a: Def, b: Def, out: Change[]): void {
  const [pa, pb] = [a.dataSchema.properties ?? {}, b.dataSchema.properties ?? {}];
  const [ra, rb] = [new Set(a.dataSchema.required ?? []), new Set(b.dataSchema.required ?? [])];
  for (const [field, schema] of Object.entries(pb)) {
    if (!(field in pa)) out.push({ area: 'data schema', kind: 'added', what: `field ${field} ${JSON.stringify(schema)}${rb.has(field) ? ', required' : ''}` });
    else if (!same(pa[field], schema)) out.push({ area: 'data schema', kind: 'changed', what: `field ${field}: ${JSON.stringify(pa[field])} → ${JSON.stringify(schema)}` });
  }
  for (const field of Object.keys(pa)) if (!(field in pb)) out.push({ area: 'data schema', kind: 'removed', what: `field ${field}` });
  for (const field of rb) if (!ra.has(field) && field in pa) out.push({ area: 'data schema', kind: 'changed', what: `field ${field} is now required` });
  for (const field of ra) if (!rb.has(field) && field in pb) out.push({ area: 'data schema', kind: 'changed', what: `field ${field} is no longer required` });
  if (!same(a.dataSchema.examples, b.dataSchema.examples)) out.push({ area: 'data schema', kind: 'changed', what: 'the examples changed' });
}

export function diffDefinitions(a: Def, b: Def): Change[] {
  const out: Change[] = [];
  diffSteps(a, b, out);
  diffBlocks(a, b, out);
  diffTerms(a, b, out);
  diffSchema(a, b, out);
  return out;
}

const SIGN: Record<ChangeKind, string> = { added: '+', removed: '-', changed: '~' };
const AREAS: Change['area'][] = ['steps', 'flow', 'deadlines', 'escalation', 'fee', 'documents', 'data schema', 'description'];

export function formatDiff(a: Def, b: Def, changes: Change[]): string {
  const out = [`${a.code} v${a.version} → v${b.version}: ${changes.length} change${changes.length === 1 ? '' : 's'}`];
  for (const area of AREAS) {
    const inArea = changes.filter((c) => c.area === area);
    if (inArea.length === 0) continue;
    out.push(`  ${area}:`);
    for (const c of inArea) out.push(`    ${SIGN[c.kind]} ${c.what}`);
  }
  const unchanged = AREAS.filter((area) => !changes.some((c) => c.area === area));
  if (unchanged.length) out.push(`  unchanged: ${unchanged.join(', ')}`);
  return `${out.join('\n')}\n`;
}
