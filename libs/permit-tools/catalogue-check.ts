// Checks every definition file of libs/permits (or those of one code) with checkDefinition, plus what
// only the catalogue as a whole can get wrong: a file named after another code or version, a generated
// registry that does not list what is on disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DefinitionError } from '../permit-dsl/define';
import { type Agency, checkDefinition, type CheckIssue } from './check';
import { definitionFiles, staleRegistryFiles } from './registry';

export const AGENCIES_FILE = 'libs/database/seed/agencies.json';

export function loadAgencies(root: string): Agency[] {
  return JSON.parse(fs.readFileSync(path.join(root, AGENCIES_FILE), 'utf8')) as Agency[];
}

export interface CatalogueCheck {
  issues: CheckIssue[];
  /** The files checked, `libs/permits/skdu.v2.ts`. */
  files: string[];
}

/** Loads a definition file the way the platform does, and hands back what it defines even when it does not validate. */
function load(full: string, exportName: string): { def?: unknown; error?: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(full) as Record<string, unknown>;
    if (!(exportName in mod)) return { error: `exports no '${exportName}': a definition file exports exactly one constant, named <camelCode>V<N>` };
    return { def: mod[exportName] };
  } catch (err) {
    if (err instanceof DefinitionError && err.definition !== undefined) return { def: err.definition };
    return { error: `does not load: ${(err as Error).message.split('\n')[0]}` };
  }
}

export function checkCatalogue(root: string, code?: string): CatalogueCheck {
  const agencies = loadAgencies(root);
  const issues: CheckIssue[] = [];
  const files = definitionFiles(root).filter((f) => code === undefined || f.code === code);
  for (const f of files) {
    const full = path.join(root, f.file);
    const { def, error } = load(full, f.exportName);
    if (error) {
      issues.push({ file: f.file, field: '(file)', message: error });
      continue;
    }
    issues.push(...checkDefinition(def, { file: f.file, agencies, source: fs.readFileSync(full, 'utf8') }));
    const d = def as { code?: unknown; version?: unknown };
    if (d.code !== f.code || d.version !== f.version) {
      issues.push({
        file: f.file,
        field: d.code !== f.code ? 'code' : 'version',
        message: `the file name says ${f.code} v${f.version} but the definition says ${String(d.code)} v${String(d.version)}: rename the file or correct the definition.`,
      });
    }
  }
  for (const stale of staleRegistryFiles(root)) {
    issues.push({ file: stale, field: '(file)', message: 'is out of date with the definition files in libs/permits: run `npm run permit:register`.' });
  }
  return { issues, files: files.map((f) => f.file) };
}
