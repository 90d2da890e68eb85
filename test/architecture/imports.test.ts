// The layout's two import rules, read from the source (the TypeScript parser, nothing to install):
//  - no import cycle between the top-level folders apps/, workflows/, activities/, libs/, scripts/ (an
//    `import type` is erased at compile time and does not count);
//  - a workflow file imports at run time only @temporalio/workflow, other workflow files and pure
//    modules: relative modules that, all the way down, import no package and no Node built-in;
//  - activities take nothing from workflows/ at run time but pure modules (contracts such as
//    workflows/delivery/contracts.ts): workflow code calls proxyActivities when it is loaded, and
//    belongs in the workflow sandbox, not in the worker's Node process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const FOLDERS = ['apps', 'workflows', 'activities', 'libs', 'scripts'];

interface Import {
  spec: string;
  /** The resolved file for a relative import; undefined for a package or a built-in. */
  target?: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [base, `${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
}

const parsed = new Map<string, Import[]>();
function importsOf(file: string): Import[] {
  const known = parsed.get(file);
  if (known) return known;
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: Import[] = [];
  const add = (spec: string, typeOnly: boolean) =>
    found.push({ spec, typeOnly, target: spec.startsWith('.') ? resolveRelative(file, spec) : undefined });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node.moduleSpecifier.text, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      add(node.moduleReference.expression.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  parsed.set(file, found);
  return found;
}

const rel = (file: string) => path.relative(ROOT, file);
const folderOf = (file: string) => rel(file).split(path.sep)[0];
const files = FOLDERS.flatMap((f) => sourceFiles(path.join(ROOT, f)));

/** Folder-level edges of run-time imports, each with one file-level example. */
function folderEdges(): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of files) {
    for (const imp of importsOf(file)) {
      if (imp.typeOnly || !imp.target) continue;
      const [from, to] = [folderOf(file), folderOf(imp.target)];
      if (from === to || !FOLDERS.includes(to)) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${rel(file)} imports ${imp.spec}`);
    }
  }
  return edges;
}

/** Every cycle of the folder graph, as the files that close it. */
function cycles(edges: Map<string, Map<string, string>>): string[][] {
  const found: string[][] = [];
  const walk = (start: string, at: string, trail: string[], seen: Set<string>) => {
    for (const [next, example] of edges.get(at) ?? []) {
      if (next === start) found.push([...trail, example]);
      else if (!seen.has(next) && next > start) walk(start, next, [...trail, example], new Set([...seen, next]));
    }
  };
  for (const start of FOLDERS) walk(start, start, [], new Set([start]));
  return found;
}

/** A module with no package or built-in import at run time, all the way down (JSON data included). */
const pureMemo = new Map<string, boolean>();
function isPure(file: string): boolean {
  if (file.endsWith('.json')) return true;
  const known = pureMemo.get(file);
  if (known !== undefined) return known;
  pureMemo.set(file, true); // a cycle among relative modules does not make them impure
  const pure = importsOf(file).every((imp) => imp.typeOnly || (imp.target !== undefined && isPure(imp.target)));
  pureMemo.set(file, pure);
  return pure;
}

const inWorkflows = (file: string) => folderOf(file) === 'workflows';

describe('imports', () => {
  it('form no cycle between apps/, workflows/, activities/, libs/ and scripts/', () => {
    expect(cycles(folderEdges())).toEqual([]);
  });

  it('of workflow files are @temporalio/workflow, workflow files, pure modules or types only', () => {
    const workflowFiles = files.filter((f) => inWorkflows(f) && !f.endsWith('.spec.ts'));
    expect(workflowFiles.length).toBeGreaterThan(5);
    const offending = workflowFiles.flatMap((file) =>
      importsOf(file)
        .filter((imp) => !imp.typeOnly && imp.spec !== '@temporalio/workflow')
        .filter((imp) => !imp.target || (!inWorkflows(imp.target) && !isPure(imp.target)))
        .map((imp) => `${rel(file)} imports ${imp.spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('of activities take only pure modules from workflows/', () => {
    const offending = files
      .filter((f) => folderOf(f) === 'activities')
      .flatMap((file) =>
        importsOf(file)
          .filter((imp) => !imp.typeOnly && imp.target !== undefined && inWorkflows(imp.target) && !isPure(imp.target))
          .map((imp) => `${rel(file)} imports ${imp.spec}`),
      );
    expect(offending).toEqual([]);
  });

  it('would catch what they guard against', () => {
    // The checks themselves: a made-up edge back from libs/ to apps/ closes a cycle, and a module that
    // imports a Node built-in (the webhook activities resolve DNS) is not pure.
    const edges = folderEdges();
    const withBackEdge = new Map(edges);
    withBackEdge.set('libs', new Map([...(edges.get('libs') ?? []), ['apps', 'libs/x.ts imports ../apps/y']]));
    expect(cycles(withBackEdge).length).toBeGreaterThan(0);
    expect(isPure(path.join(ROOT, 'activities', 'webhook.activities.ts'))).toBe(false);
    expect(isPure(path.join(ROOT, 'workflows', 'delivery', 'notification-delivery.ts'))).toBe(false);
    expect(isPure(path.join(ROOT, 'workflows', 'delivery', 'contracts.ts'))).toBe(true);
  });
});
