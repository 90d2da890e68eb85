// `npm run permit:new`: the first version of a new permit type, as a definition file with the
// regulation block to fill in, registered at once (libs/permit-tools/registry.ts). It starts from a
// blank template, from a BPMN diagram drawn in any modeler (the import of libs/permit-dsl/bpmn), or from
// the newest version of an existing type (`--like`). Whatever the start, the file loads: what is not
// known yet is a placeholder marked TODO, and `npm run permit:check` lists every TODO until it is gone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromBpmnXml, toDefinitionSource } from '../permit-dsl/bpmn/import';
import { validateDefinition } from '../permit-dsl/define';
import type { PermitDefinition } from '../permit-dsl/definition';
import { findDefinition } from '../permits';
import { DEFAULT_LADDER } from '../permits/ladders';
import { APPLICANT_KTP, applicationData, documents } from '../permits/parts';
import { kebabOf, PERMITS_DIR, writeRegistry } from './registry';

export interface ScaffoldOptions {
  code: string;
  /** A BPMN 2.0 diagram's XML. */
  bpmn?: { xml: string; name: string };
  /** An existing permit type whose newest version is the starting point. */
  like?: string;
}

export interface Scaffolded {
  file: string;
  /** The generated registry files rewritten. */
  registered: string[];
  /** What the admin still has to write, one line each. */
  todos: string[];
  /**
   * Why the definition does not load yet (a diagram whose gateways say too little, say). The file is
   * written but not registered, so the platform keeps running; `npm run permit:register` once fixed.
   */
  problems: string[];
}

const CODE_RE = /^[A-Z][A-Z0-9_]{1,31}$/;

/** The comment every definition file opens with: what the permit is and which rules it follows. */
function regulationBlock(code: string, origin: string): string {
  return [
    `// ${code}: TODO: the permit's Indonesian name (its English name), version 1.${origin ? ` ${origin}` : ''}`,
    '// TODO: what the permit is, who asks for it, and which office issues it.',
    '// Source: TODO: the law and regulations it follows (UU, PP, Perda, Pergub) and the DPMPTSP DKI Jakarta',
    '// service standard, as published on the DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id).',
    '//',
    '// Deadline: TODO: the legal deadline in working days and where the regulation sets it; how it splits',
    '// between the steps.',
    "// Policy: TODO: 'deem-granted' (fiktif positif, UU 30/2014 art. 53 as amended by UU 6/2023) or 'escalate',",
    '// and why.',
    '// Fee: TODO: the amount and the regulation that sets it or exempts it (e.g. Perda DKI Jakarta 1/2024).',
  ].join('\n');
}

/** A blank first version: one officer step at the PTSP, everything else to fill in. */
function blank(code: string): PermitDefinition {
  return {
    code,
    version: 1,
    name: { id: `TODO nama ${code}`, en: `TODO ${code} name` },
    category: 'perizinan',
    description: 'TODO: one sentence an applicant understands.',
    source: 'TODO: the regulation and service standard the requirements come from',
    fee: { amount: 0, currency: 'IDR', legalBasis: 'TODO: the regulation that sets the fee or exempts it' },
    requiredDocuments: documents(APPLICANT_KTP),
    dataSchema: applicationData(['purpose'], { purpose: { type: 'string', minLength: 3, maxLength: 500, description: 'TODO: the fields of the application' } }, [{ purpose: 'TODO: an example' }]),
    flow: {
      kind: 'sequence',
      steps: [{ kind: 'step', id: 'verification', name: 'TODO: Verifikasi berkas', agency: 'DPMPTSP', jurisdiction: 'province', role: 'officer', deadline: { days: 3 }, weight: 1.5, weightReason: 'TODO: the work the step asks (check, review, technical, sign): weigh it with weigh(effort, reason) of ./parts' }],
    },
    deadline: { days: 5 },
    onHardDeadline: 'escalate',
    applicantDeadline: { days: 10 },
    escalation: DEFAULT_LADDER,
  };
}

/** A copy of the newest version of `like`, under the new code, with what is specific to it marked. */
function copyOf(code: string, like: string): { def: PermitDefinition; todos: string[] } {
  const source = findDefinition(like);
  if (!source) throw new Error(`--like ${like}: there is no permit type ${like} (npm run permit:check lists the catalogue)`);
  const def = structuredClone(source) as PermitDefinition;
  delete def.retired;
  return {
    def: { ...def, code, version: 1 },
    todos: [
      `name: the names of ${code} (copied from ${like})`,
      `source: the regulation ${code} follows (copied from ${like})`,
      `fee: the fee of ${code} and its legal basis (copied from ${like})`,
      `flow: the steps, agencies and deadlines of ${code} (copied from ${like})`,
    ],
  };
}

/** Fills what a diagram from another modeler did not say with placeholders, so the file loads. */
async function fromDiagram(code: string, bpmn: { xml: string; name: string }): Promise<{ def: PermitDefinition; todos: string[] }> {
  const { definition, todos } = await fromBpmnXml(bpmn.xml, { defaultEscalation: DEFAULT_LADDER });
  const def: PermitDefinition = { ...definition, code, version: 1 };
  if (!def.source) def.source = 'TODO: the regulation and service standard the requirements come from';
  if (!def.fee.legalBasis) def.fee = { ...def.fee, legalBasis: 'TODO: the regulation that sets the fee or exempts it' };
  if (def.escalation.length === 0) def.escalation = DEFAULT_LADDER;
  return { def, todos: todos.filter((t) => !/^(code|version):/.test(t)) };
}

export async function scaffold(root: string, options: ScaffoldOptions): Promise<Scaffolded> {
  const code = options.code.toUpperCase();
  if (!CODE_RE.test(code)) throw new Error(`--code ${options.code}: a code is 2 to 32 characters of A-Z, 0-9 and _, starting with a letter (e.g. IZIN_TAMAN)`);
  if (options.bpmn && options.like) throw new Error('choose one starting point: --from a diagram or --like an existing type');
  const file = `${PERMITS_DIR}/${kebabOf(code)}.v1.ts`;
  const full = path.join(root, file);
  if (fs.existsSync(full)) throw new Error(`${file} exists already: a new version of ${code} is a new file ${kebabOf(code)}.v<N>.ts (docs/versions.md)`);
  if (findDefinition(code)) throw new Error(`${code} is in the catalogue already`);

  const { def, todos } = options.bpmn ? await fromDiagram(code, options.bpmn) : options.like ? copyOf(code, options.like.toUpperCase()) : { def: blank(code), todos: [] };
  const problems = validateDefinition(def).map((p) => `${file}: ${p.path}: ${p.message}`);
  const origin = options.bpmn ? `Drawn as ${options.bpmn.name}.` : options.like ? `Started from ${options.like.toUpperCase()}.` : '';
  const printed = toDefinitionSource(def, todos, {
    importPath: '../permit-dsl/define',
    references: [{ name: 'DEFAULT_LADDER', module: './ladders', value: DEFAULT_LADDER }],
  });
  // The printer's own two-line header gives way to the regulation block.
  const body = printed.split('\n').slice(2).join('\n');
  fs.writeFileSync(full, `${regulationBlock(code, origin).trimEnd()}\n${body}`);
  const registered = problems.length === 0 ? writeRegistry(root) : [];
  const left = fs
    .readFileSync(full, 'utf8')
    .split('\n')
    .filter((l) => /\bTODO\b/.test(l))
    .map((l) => l.trim());
  return { file, registered, todos: left, problems };
}
