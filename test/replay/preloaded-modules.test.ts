// The worker's workflow thread evaluates the workflow code once and shares it between every workflow it
// runs (PRELOADED_WORKFLOW_MODULES, the SDK's `preloadModules`). What a shared module keeps at its top
// level is then shared too: a counter or a cache there would carry one application's state into
// another's run, and replays would depend on which applications the worker happened to run before. The
// SDK freezes what a shared module exports, not what it keeps to itself; this suite reads every module
// of the bundle for such state.
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ts from 'typescript';
import { PRELOADED_WORKFLOW_MODULES, SANDBOX_STACKS_PATH, untracedWorkflowBundleOptions, WORKFLOWS_PATH } from '../../apps/worker/src/worker.factory';

const ROOT = resolve(__dirname, '../..');

/** The project's own source files in a workflow bundle (webpack names each module by its path). */
function ownModules(code: string): string[] {
  const paths = new Set<string>();
  for (const m of code.matchAll(/^\/\*\*\*\/ "\.\/([^"]+)"$/gm)) if (!m[1].startsWith('node_modules/')) paths.add(m[1]);
  return [...paths].sort();
}

/** An expression without its type assertions and parentheses (`x as T`, `<T>x`, `(x)`, `x!`). */
function unwrapped(e: ts.Expression): ts.Expression {
  while (ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

const isEmptyLiteral = (e: ts.Expression) => (ts.isArrayLiteralExpression(e) || ts.isObjectLiteralExpression(e)) && (ts.isArrayLiteralExpression(e) ? e.elements : e.properties).length === 0;

/**
 * Top-level state a module would share between workflows: `let`/`var`; an instance made at load time
 * (`new …`) or an empty array or object (an accumulator), unless typed Readonly; static fields that are
 * not readonly, or that hold such a value. Values built at load time by calls (definitions, message
 * definitions, activity proxies) are not judged: what they return is frozen when exported.
 */
function sharedState(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      const list = statement.declarationList;
      if (!(list.flags & ts.NodeFlags.Const)) {
        found.push(`${where(statement)} declares a mutable top-level variable (${list.declarations.map((d) => d.name.getText()).join(', ')})`);
        continue;
      }
      for (const d of list.declarations) {
        const init = d.initializer && unwrapped(d.initializer);
        if (!init) continue;
        const readonlyType = /^Readonly/.test(d.type?.getText() ?? '');
        if (ts.isNewExpression(init) && !readonlyType) found.push(`${where(d)} keeps a new ${init.expression.getText()} (${d.name.getText()}) not typed Readonly`);
        if (isEmptyLiteral(init) && !readonlyType) found.push(`${where(d)} keeps an empty ${ts.isArrayLiteralExpression(init) ? 'array' : 'object'} (${d.name.getText()}) not typed Readonly`);
      }
    }
    if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members) {
        const mods = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
        const isStatic = mods.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        const isReadonly = mods.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
        if (!ts.isPropertyDeclaration(member) || !isStatic) continue;
        const init = member.initializer && unwrapped(member.initializer);
        if (!isReadonly) found.push(`${where(member)} has a static field that is not readonly (${member.name.getText()})`);
        else if (init && (ts.isNewExpression(init) || isEmptyLiteral(init))) found.push(`${where(member)} has a static field holding a mutable value (${member.name.getText()})`);
      }
    }
  }
  return found;
}

describe('the workflow code the worker shares between workflows', () => {
  let modules: string[];
  let code: string;
  beforeAll(async () => {
    code = (await bundleWorkflowCode({ ...untracedWorkflowBundleOptions, logger: new DefaultLogger('WARN') })).code;
    modules = ownModules(code);
  });

  it('is the whole workflow code, preloaded after the stack depth (sandbox-stacks.ts)', () => {
    // What the bundle's preload hook requires, in order: the stack depth, then the workflows.
    const hook = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(code)?.[1] ?? '';
    expect([...hook.matchAll(/require__\([^)]*"\.\/([^"]+)"\)/g)].map((m) => m[1])).toEqual(['workflows/sandbox-stacks.ts', 'workflows/index.ts']);
    expect(PRELOADED_WORKFLOW_MODULES).toEqual([SANDBOX_STACKS_PATH, WORKFLOWS_PATH]);
    expect(modules).toEqual(expect.arrayContaining(['workflows/sandbox-stacks.ts', 'workflows/index.ts', 'workflows/engine/permit-engine.ts', 'libs/permits/skdu.v2.ts', 'libs/calendar/business-calendar.ts']));
    expect(modules.every((m) => /^(workflows|libs)\//.test(m))).toBe(true);
  });

  it('keeps no state of its own at the top level of any module', () => {
    const sources = modules.filter((m) => m.endsWith('.ts')); // data modules (JSON) are exported whole, and frozen
    expect(sources.length).toBeGreaterThan(40);
    expect(sources.flatMap((m) => sharedState(m, readFileSync(join(ROOT, m), 'utf8')))).toEqual([]);
  });

  it('would be told apart from a module that keeps state', () => {
    const text = [
      'let runs = 0;',
      'const seen = new Map<string, number>();',
      'const AGENCIES: ReadonlySet<string> = new Set(["DPMPTSP"]);',
      'export class Clock { static last = 0; static readonly ZONE = "Asia/Jakarta"; static readonly cache = new Map(); }',
      'const queue: string[] = [];',
      'const byId = {} as Record<string, number>;',
      'const STEPS = ["a", "b"] as const;',
      'const calendar = new BusinessCalendar();',
    ].join('\n');
    expect(sharedState('example.ts', text)).toEqual([
      'example.ts:1 declares a mutable top-level variable (runs)',
      'example.ts:2 keeps a new Map (seen) not typed Readonly',
      'example.ts:4 has a static field that is not readonly (last)',
      'example.ts:4 has a static field holding a mutable value (cache)',
      'example.ts:5 keeps an empty array (queue) not typed Readonly',
      'example.ts:6 keeps an empty object (byId) not typed Readonly',
      'example.ts:8 keeps a new BusinessCalendar (calendar) not typed Readonly',
    ]);
  });
});
