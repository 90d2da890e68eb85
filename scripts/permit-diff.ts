// What changed between two versions of a permit type.
//   npm run permit:diff -- SKDU 1 2 [--bpmn out.bpmn]
// --bpmn writes the newer version's diagram with added steps and blocks in green, changed ones in orange
// (removed ones are listed in the text).
import * as fs from 'node:fs';
import { toBpmnXml } from '../libs/permit-dsl/bpmn/export';
import { findDefinition } from '../libs/permits';
import { type Mark, markDiagram } from '../libs/permit-tools/bpmn-marks';
import { diffDefinitions, formatDiff } from '../libs/permit-tools/diff';

const USAGE = 'usage: npm run permit:diff -- CODE FROM_VERSION TO_VERSION [--bpmn out.bpmn]';

function main(): void {
  const args = process.argv.slice(2);
  const i = args.indexOf('--bpmn');
  const out = i >= 0 ? args[i + 1] : undefined;
  if (i >= 0 && (!out || out.startsWith('--'))) throw new Error(`--bpmn needs a file name\n${USAGE}`);
  const rest = i >= 0 ? args.filter((_, j) => j !== i && j !== i + 1) : args;
  if (rest.length !== 3 || rest.some((a) => a.startsWith('--'))) throw new Error(USAGE);
  const code = rest[0].toUpperCase();
  const [from, to] = rest.slice(1).map(Number);
  const a = findDefinition(code, from);
  const b = findDefinition(code, to);
  if (!a || !b) throw new Error(`${code} has no version ${!a ? rest[1] : rest[2]}`);
  const changes = diffDefinitions(a, b);
  process.stdout.write(formatDiff(a, b, changes));
  if (out) {
    const marks = new Map<string, Mark>();
    for (const c of changes) if (c.element && c.kind !== 'removed') marks.set(c.element, c.kind === 'added' ? 'added' : 'changed');
    fs.writeFileSync(out, markDiagram(toBpmnXml(b), marks));
    process.stdout.write(`\ndiagram of v${b.version}, added in green, changed in orange: ${out}\n`);
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`permit:diff: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
