// Writes every permit definition (libs/permits DEFINITIONS) as a BPMN 2.0 diagram with lanes per
// agency and business-time deadlines as timer boundary events, for any BPMN modeler to open.
//
//   node -r ./scripts/register.js scripts/bpmn.ts [--out dir]       (default dir: bpmn-out/)
//
// One file per definition version: <code>.v<version>.bpmn. The output is deterministic.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toBpmnXml } from '../libs/permit-dsl/bpmn/export';
import { DEFINITIONS } from '../libs/permits';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const unknown = process.argv.slice(2).filter((a, i, all) => a.startsWith('--') ? a !== '--out' : all[i - 1] !== '--out');
  if (unknown.length) throw new Error(`unexpected arguments: ${unknown.join(' ')} (usage: scripts/bpmn.ts [--out dir])`);
  const outDir = path.resolve(arg('out') ?? 'bpmn-out');
  fs.mkdirSync(outDir, { recursive: true });
  for (const def of DEFINITIONS) {
    const file = path.join(outDir, `${def.code}.v${def.version}.bpmn`);
    fs.writeFileSync(file, toBpmnXml(def));
    const shown = path.relative(process.cwd(), file);
    process.stdout.write(`${shown.startsWith('..') ? file : shown}\n`);
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`bpmn: ${(err as Error).message}\n`);
  process.exit(2);
}
