// Checks permit definitions and says what is wrong and where, in an admin's words.
//   npm run permit:check                 every definition of the catalogue
//   npm run permit:check -- SKDU         every version of one permit type
//   npm run permit:check -- --quiet      prints only the problems (for lint)
// Exit code 1 when there is a problem.
import * as path from 'node:path';
import { formatIssue } from '../libs/permit-tools/check';
import { checkCatalogue } from '../libs/permit-tools/catalogue-check';

function main(): number {
  const args = process.argv.slice(2);
  const quiet = args.includes('--quiet');
  const codes = args.filter((a) => !a.startsWith('--'));
  if (codes.length > 1) throw new Error('usage: npm run permit:check [-- CODE] [--quiet]');
  const code = codes[0]?.toUpperCase();
  const { issues, files } = checkCatalogue(path.resolve(__dirname, '..'), code);
  if (code && files.length === 0) {
    process.stderr.write(`permit:check: there is no definition file for ${code} in libs/permits (npm run permit:new -- --code ${code} writes one)\n`);
    return 1;
  }
  for (const issue of issues) process.stdout.write(`${formatIssue(issue)}\n`);
  if (issues.length > 0) {
    process.stdout.write(`permit:check: ${issues.length} problem${issues.length === 1 ? '' : 's'} in ${new Set(issues.map((i) => i.file)).size} file(s)\n`);
    return 1;
  }
  if (!quiet) process.stdout.write(`permit:check: ${files.length} definition file${files.length === 1 ? '' : 's'} checked, no problem\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`permit:check: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
