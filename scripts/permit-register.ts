// Rewrites the generated registries (libs/permits/registry.ts, workflows/permits.ts) from the definition
// files in libs/permits. `npm run permit:new` does it for you; run this after adding or removing a file by hand.
import * as path from 'node:path';
import { writeRegistry } from '../libs/permit-tools/registry';

const written = writeRegistry(path.resolve(__dirname, '..'));
process.stdout.write(written.length ? written.map((f) => `permit:register: wrote ${f}\n`).join('') : 'permit:register: up to date\n');
