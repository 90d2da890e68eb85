// Checks real answers of the API against its OpenAPI document: the status must be documented for the
// operation, the media type documented for that status, and a JSON body valid against its schema. The
// document's OpenAPI 3.0 schemas are read as JSON Schema (ajv): `nullable` becomes "or null", and an
// object that lists its properties holds no others, so a field the document does not name is a drift.
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { HttpAnswer } from './http';

type Schema = Record<string, unknown>;
type Responses = Record<string, { content?: Record<string, { schema?: Schema }> }>;
type Doc = { paths: Record<string, Record<string, { responses: Responses }>>; components: { schemas: Record<string, Schema> } };

const DOC_ID = 'openapi';
const COMPOSITIONS = new Set(['allOf', 'anyOf', 'oneOf']);
const DROPPED = new Set(['nullable', 'example', 'examples', 'description', 'summary']);

/** An OpenAPI 3.0 schema object as JSON Schema. */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (DROPPED.has(k)) continue;
    if (k === '$ref' && typeof v === 'string') out.$ref = v.startsWith('#') ? `${DOC_ID}${v}` : v;
    else if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Schema).map(([p, ps]) => [p, toJsonSchema(ps)]));
    else if (k === 'items' || k === 'not' || (k === 'additionalProperties' && typeof v === 'object')) out[k] = toJsonSchema(v);
    else if (COMPOSITIONS.has(k)) out[k] = toJsonSchema(v);
    else out[k] = v;
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return s.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

interface Operation {
  name: string;
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  responses: Responses;
}

export interface Conformance {
  /** Every operation of the document, as "GET /v1/offices/{id}". */
  operations: string[];
  /** The answers checked so far, as "GET /v1/offices/{id} 200". */
  seen: Set<string>;
  /** What breaks the document in this answer to `method path`; empty when it conforms. */
  check(method: string, path: string, answer: Pick<HttpAnswer, 'status' | 'headers' | 'body' | 'text'>): string[];
}

export function conformance(doc: Doc): Conformance {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of ['int32', 'int64', 'float', 'double']) ajv.addFormat(f, true);
  ajv.addSchema({ $id: DOC_ID, components: { schemas: Object.fromEntries(Object.entries(doc.components.schemas).map(([n, s]) => [n, toJsonSchema(s)])) } });
  const compiled = new Map<string, ValidateFunction>();
  const validator = (schema: Schema) => {
    const key = JSON.stringify(schema);
    let v = compiled.get(key);
    if (!v) compiled.set(key, (v = ajv.compile(toJsonSchema(schema) as Schema)));
    return v;
  };

  const ops: Operation[] = Object.entries(doc.paths).flatMap(([template, byMethod]) =>
    Object.entries(byMethod)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, op]) => ({
        name: `${m.toUpperCase()} ${template}`,
        method: m.toUpperCase(),
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
        params: (template.match(/\{/g) ?? []).length,
        responses: op.responses,
      })),
  );
  const seen = new Set<string>();

  return {
    operations: ops.map((o) => o.name),
    seen,
    check(method, path, answer) {
      const bare = path.split('?')[0];
      const op = ops.filter((o) => o.method === method && o.pattern.test(bare)).sort((a, b) => a.params - b.params)[0];
      const at = `${method} ${path} → ${answer.status}`;
      if (!op) return [`${at}: no such operation in the document`];
      seen.add(`${op.name} ${answer.status}`);
      const documented = op.responses[String(answer.status)] ?? op.responses.default;
      if (!documented) return [`${at}: status not documented (documented: ${Object.keys(op.responses).join(', ')})`];
      const media = (answer.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
      const content = documented.content ?? {};
      if (answer.text === '') return Object.keys(content).length === 0 || answer.status === 304 ? [] : [`${at}: empty body, the document promises ${Object.keys(content).join(', ')}`];
      const declared = content[media];
      if (!declared) return [`${at}: answers ${media || 'no content type'}, the document says ${Object.keys(content).join(', ') || 'no body'}`];
      if (!declared.schema) return [`${at}: ${media} has no schema in the document`];
      if (!/[/+]json$/.test(media)) return declared.schema.type === 'string' ? [] : [`${at}: a ${media} text, but its schema is not a string`];
      const validate = validator(declared.schema);
      if (validate(answer.body)) return [];
      // One line per failing place: an "or null" schema fails on both branches, say it once.
      const byPlace = new Map<string, string[]>();
      for (const e of validate.errors ?? []) byPlace.set(e.instancePath || '(body)', [...(byPlace.get(e.instancePath || '(body)') ?? []), `${e.message} ${JSON.stringify(e.params)}`]);
      return [...byPlace].map(([place, why]) => `${at}: ${place} ${[...new Set(why)].join('; ')}`);
    },
  };
}
