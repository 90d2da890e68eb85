// A definition → the TypeScript source of its definition file, with each TODO of the import as a
// `// TODO:` comment next to what it is about.
import type { PermitDefinition } from '../definition';
import { deepEqual } from './common';

type Json = Record<string, unknown>;

export interface SourceOptions {
  /** Module specifier of definePermit; default fits a file in libs/permits/. */
  importPath?: string;
  /** Name of the exported constant; default `<camelCode>V<version>`. */
  exportName?: string;
  /** Where the definition came from, for the header comment. */
  from?: string;
  /**
   * Named values to print by reference, e.g. `{ name: 'DEFAULT_LADDER', module: './ladders', value: DEFAULT_LADDER }`:
   * any object or array of the definition equal to `value` is printed as `name`, and imported.
   */
  references?: Array<{ name: string; module: string; value: unknown }>;
}

/** `pbg-umum` v2 → `pbgUmumV2`. */
export function exportNameOf(def: Pick<PermitDefinition, 'code' | 'version'>): string {
  const words = def.code.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let base = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  if (!/^[A-Za-z_]/.test(base)) base = `permit${base[0]?.toUpperCase() ?? ''}${base.slice(1)}`;
  return `${base || 'permit'}V${String(def.version).replace(/[^0-9]/g, '_')}`;
}

/**
 * A definition file: `export const xV1 = definePermit({...});`, with each TODO as a `// TODO:`
 * comment next to what it is about (those about the diagram as a whole at the top).
 */
export function toDefinitionSource(def: PermitDefinition, todos: string[], options: SourceOptions = {}): string {
  const anchored = new Map<string, string[]>();
  const general: string[] = [];
  const topKeys = new Set(Object.keys(def));
  for (const t of todos) {
    const m = /^((?:step|choice|parallel) \S+|[A-Za-z]+): (.*)$/s.exec(t);
    const anchor = m && (topKeys.has(m[1]) || /^(step|choice|parallel) /.test(m[1])) && m[1] !== 'diagram' ? m[1] : undefined;
    if (anchor) anchored.set(anchor, [...(anchored.get(anchor) ?? []), m![2]]);
    else general.push(m && m[1] === 'diagram' ? m[2] : t);
  }
  const used = new Set<string>();
  const commentsFor = (anchor: string): string[] => {
    used.add(anchor);
    return anchored.get(anchor) ?? [];
  };

  const usedRefs = new Map<string, Set<string>>();
  const refFor = (v: unknown): string | undefined => {
    const r = options.references?.find((x) => typeof x.value === 'object' && x.value !== null && deepEqual(x.value, v));
    if (r) usedRefs.set(r.module, (usedRefs.get(r.module) ?? new Set()).add(r.name));
    return r?.name;
  };
  const body = printValue(def, 0, { top: true, commentsFor, refFor });
  // anchored TODOs whose target is not printed (a renamed node...) still belong in the file
  for (const [anchor, list] of anchored) if (!used.has(anchor)) general.push(...list.map((x) => `${anchor}: ${x}`));

  const lines: string[] = [];
  lines.push(`// ${def.name.en} (${def.code} v${def.version}): generated from ${options.from ?? 'a BPMN diagram'} by scripts/bpmn-import.ts.`);
  lines.push('// Durations are business time (7.5-hour working days). Review every TODO, then register the definition.');
  for (const g of general) lines.push(...comment(g, ''));
  lines.push(`import { definePermit } from '${options.importPath ?? '../permit-dsl/define'}';`);
  for (const [module, names] of usedRefs) lines.push(`import { ${[...names].sort().join(', ')} } from '${module}';`);
  lines.push('');
  lines.push(`export const ${options.exportName ?? exportNameOf(def)} = definePermit(${body});`);
  return `${lines.join('\n')}\n`;
}

interface PrintContext {
  top: boolean;
  commentsFor: (anchor: string) => string[];
  refFor: (v: unknown) => string | undefined;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

function comment(text: string, indent: string): string[] {
  return text.split('\n').map((l) => `${indent}// TODO: ${l}`);
}

function str(s: string): string {
  return `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function nodeAnchor(v: unknown): string | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Json;
  return (o.kind === 'step' || o.kind === 'parallel' || o.kind === 'choice') && typeof o.id === 'string' ? `${o.kind} ${o.id}` : undefined;
}

/** Prints a JSON-like value as a TypeScript literal; short plain objects and arrays stay on one line. */
function printValue(v: unknown, depth: number, ctx: PrintContext): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'object') return 'undefined';
  const ref = ctx.top ? undefined : ctx.refFor(v);
  if (ref) return ref;
  const inline = !ctx.top && !containsAnchored(v, ctx) ? printInline(v, ctx.refFor) : undefined;
  if (inline !== undefined && inline.length + depth * 2 <= 100) return inline;
  const pad = '  '.repeat(depth + 1);
  const close = '  '.repeat(depth);
  const child: PrintContext = { ...ctx, top: false };
  const lines: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      const a = nodeAnchor(item);
      if (a) for (const c of ctx.commentsFor(a)) lines.push(...comment(c, pad));
      lines.push(`${pad}${printValue(item, depth + 1, child)},`);
    }
    return lines.length ? `[\n${lines.join('\n')}\n${close}]` : '[]';
  }
  for (const [key, value] of Object.entries(v as Json)) {
    if (value === undefined) continue;
    if (ctx.top) for (const c of ctx.commentsFor(key)) lines.push(...comment(c, pad));
    const a = nodeAnchor(value);
    if (a) for (const c of ctx.commentsFor(a)) lines.push(...comment(c, pad));
    lines.push(`${pad}${IDENT.test(key) ? key : str(key)}: ${printValue(value, depth + 1, child)},`);
  }
  return lines.length ? `{\n${lines.join('\n')}\n${close}}` : '{}';
}

function containsAnchored(v: unknown, ctx: PrintContext): boolean {
  if (!v || typeof v !== 'object') return false;
  if (nodeAnchor(v)) return true; // flow nodes always print expanded, one property a line
  return (Array.isArray(v) ? v : Object.values(v)).some((x) => containsAnchored(x, ctx));
}

function printInline(v: unknown, refFor: PrintContext['refFor']): string | undefined {
  if (v === null || typeof v !== 'object') return printValue(v, 0, { top: false, commentsFor: () => [], refFor });
  const ref = refFor(v);
  if (ref) return ref;
  if (Array.isArray(v)) {
    const parts = v.map((x) => printInline(x, refFor));
    return parts.every((p) => p !== undefined) ? `[${parts.join(', ')}]` : undefined;
  }
  const parts = Object.entries(v as Json)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => {
      const p = printInline(x, refFor);
      return p === undefined ? undefined : `${IDENT.test(k) ? k : str(k)}: ${p}`;
    });
  if (!parts.every((p) => p !== undefined)) return undefined;
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

