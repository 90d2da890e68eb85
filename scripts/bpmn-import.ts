// Turns a BPMN 2.0 diagram into the skeleton of a permit definition file, with `// TODO:` comments for
// everything the diagram did not say or the definition language cannot express.
//
//   node -r ./scripts/register.js scripts/bpmn-import.ts diagram.bpmn [--out libs/permits/x.v1.ts]
//
// Without --out the source goes to stdout (its imports assume it will live in libs/permits/).
// The TODOs are listed on stderr either way. Diagrams exported by scripts/bpmn.ts come back exactly.
// Lanes are agencies (lane name = agency code), user tasks are steps, a timer boundary event's ISO-8601
// duration is the step deadline in BUSINESS time (P5D = 5 working days, PT4H = 4 working hours).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromBpmnXml, toDefinitionSource } from '../libs/permit-dsl/bpmn/import';
import { DEFAULT_LADDER } from '../libs/permits/ladders';

const root = path.resolve(__dirname, '..');

/** A module specifier for `target` (repo-relative, no extension) as seen from a file in `fromDir`. */
function specifier(fromDir: string, target: string): string {
  const rel = path.relative(fromDir, path.join(root, target)).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
  if (outIndex >= 0 && !out) throw new Error('--out needs a file name');
  const files = outIndex >= 0 ? args.filter((_, i) => i !== outIndex && i !== outIndex + 1) : args;
  if (files.length !== 1 || files[0].startsWith('--')) {
    throw new Error('usage: scripts/bpmn-import.ts diagram.bpmn [--out libs/permits/<code>.v<N>.ts]');
  }
  const input = files[0];
  const { definition, todos } = await fromBpmnXml(fs.readFileSync(input, 'utf8'), { defaultEscalation: DEFAULT_LADDER });

  const dir = out ? path.dirname(path.resolve(out)) : path.join(root, 'libs', 'permits');
  const source = toDefinitionSource(definition, todos, {
    from: path.basename(input),
    importPath: specifier(dir, 'libs/permit-dsl/define'),
    references: [{ name: 'DEFAULT_LADDER', module: specifier(dir, 'libs/permits/ladders'), value: DEFAULT_LADDER }],
  });

  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, source);
    process.stderr.write(`bpmn-import: wrote ${out}\n`);
  } else process.stdout.write(source);

  if (todos.length) {
    process.stderr.write(`bpmn-import: ${todos.length} TODO${todos.length === 1 ? '' : 's'}:\n`);
    for (const t of todos) process.stderr.write(`  - ${t}\n`);
  } else process.stderr.write('bpmn-import: nothing to do by hand\n');
}

main().catch((err: Error) => {
  process.stderr.write(`bpmn-import: ${err.message}\n`);
  process.exit(2);
});
