// What a permit definition does with some data filed at some instant, on the real working calendar.
//   npm run permit:preview -- PBG
//   npm run permit:preview -- PBG --version 1 --data house.json --at 2026-12-23T15:00+07:00 --bpmn pbg-route.bpmn
// --data: a JSON file of the application's `data` (default: the definition's first example);
// --at: the filing instant with its offset (default: now); --bpmn: also write the diagram, route in green.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toBpmnXml } from '../libs/permit-dsl/bpmn/export';
import { stepsOf } from '../libs/permit-dsl/definition';
import { findDefinition } from '../libs/permits';
import { type Mark, markDiagram } from '../libs/permit-tools/bpmn-marks';
import { loadAgencies } from '../libs/permit-tools/catalogue-check';
import { formatPreview, preview } from '../libs/permit-tools/preview';

const USAGE = 'usage: npm run permit:preview -- CODE [--version N] [--data file.json] [--at 2026-12-24T09:00+07:00] [--bpmn out.bpmn]';

function options(args: string[]): { positional: string[]; named: Map<string, string> } {
  const named = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--')) positional.push(args[i]);
    else if (!['--version', '--data', '--at', '--bpmn'].includes(args[i])) throw new Error(`unknown option ${args[i]}\n${USAGE}`);
    else if (!args[i + 1] || args[i + 1].startsWith('--')) throw new Error(`${args[i]} needs a value\n${USAGE}`);
    else named.set(args[i].slice(2), args[++i]);
  }
  return { positional, named };
}

function main(): void {
  const { positional, named } = options(process.argv.slice(2));
  if (positional.length !== 1) throw new Error(USAGE);
  const code = positional[0].toUpperCase();
  const version = named.has('version') ? Number(named.get('version')) : undefined;
  if (version !== undefined && !Number.isInteger(version)) throw new Error(`--version ${named.get('version')}: a version is a whole number`);
  const def = findDefinition(code, version);
  if (!def) throw new Error(version === undefined ? `there is no permit type ${code} taking new applications` : `${code} has no version ${version}`);
  const at = named.has('at') ? new Date(named.get('at')!) : new Date();
  if (Number.isNaN(at.getTime())) throw new Error(`--at ${named.get('at')}: write the instant with its offset, e.g. 2026-12-24T09:00+07:00`);
  const data = named.has('data') ? (JSON.parse(fs.readFileSync(named.get('data')!, 'utf8')) as Record<string, unknown>) : undefined;
  const root = path.resolve(__dirname, '..');
  const p = preview(def, { data, at, agencies: loadAgencies(root) });
  process.stdout.write(formatPreview(p));
  const out = named.get('bpmn');
  if (out) {
    const onRoute = new Set(p.steps.map((s) => s.id));
    const marks = new Map<string, Mark>(stepsOf(def.flow).map((s) => [s.id, onRoute.has(s.id) ? 'route' : 'off-route']));
    for (const c of p.choices) marks.set(c.choice, 'route');
    fs.writeFileSync(out, markDiagram(toBpmnXml(def), marks));
    process.stdout.write(`\ndiagram with the route in green: ${out}\n`);
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`permit:preview: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
