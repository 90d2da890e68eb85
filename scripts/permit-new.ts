// Writes the first version of a new permit type and registers it.
//   npm run permit:new -- --code IZIN_TAMAN                      a blank definition to fill in
//   npm run permit:new -- --code IZIN_TAMAN --from park.bpmn     from a diagram drawn in any BPMN modeler
//   npm run permit:new -- --code IZIN_TAMAN --like IZIN_KERAMAIAN  from the newest version of an existing type
// Then: fill in every TODO, `npm run permit:check -- CODE`, `npm run permit:preview -- CODE`,
// `npm run histories:record`, and the tests (docs/adding-a-permit-type.md).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scaffold } from '../libs/permit-tools/scaffold';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const known = new Set(['--code', '--from', '--like']);
  const unknown = args.filter((a, i) => a.startsWith('--') && !known.has(a) && !known.has(args[i - 1]));
  if (unknown.length) throw new Error(`unknown option ${unknown.join(' ')}`);
  const code = option(args, 'code');
  if (!code) throw new Error('usage: npm run permit:new -- --code CODE [--from diagram.bpmn] [--like EXISTING_CODE]');
  const from = option(args, 'from');
  const like = option(args, 'like');
  const bpmn = from ? { xml: fs.readFileSync(from, 'utf8'), name: path.basename(from) } : undefined;
  const result = await scaffold(path.resolve(__dirname, '..'), { code, bpmn, like });
  const out = process.stdout;
  out.write(`permit:new: wrote ${result.file}\n`);
  for (const f of result.registered) out.write(`permit:new: registered it in ${f}\n`);
  if (result.problems.length > 0) {
    out.write(`permit:new: not registered yet: the definition does not load until these are fixed, then run npm run permit:register:\n`);
    for (const p of result.problems) out.write(`  ${p}\n`);
    process.exitCode = 1;
  }
  out.write(`permit:new: ${result.todos.length} TODO(s) to fill in (npm run permit:check -- ${code.toUpperCase()} lists them with their lines)\n`);
  out.write(
    `next: edit ${result.file}, then npm run permit:check -- ${code.toUpperCase()}, npm run permit:preview -- ${code.toUpperCase()}, ` +
      'npm run histories:record, npx jest test/permits test/replay (docs/adding-a-permit-type.md)\n',
  );
}

main().catch((err: Error) => {
  process.stderr.write(`permit:new: ${err.message}\n`);
  process.exitCode = 2;
});
