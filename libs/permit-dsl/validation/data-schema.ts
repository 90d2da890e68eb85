// The data schema of a definition: its shape, and a light check of its examples (no ajv in the
// workflow sandbox): required fields present, no unknown field, primitive types and enums.
import type { JsonSchema } from '../definition';
import { Add, isRecord, prop, show } from './shared';

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

/** Checks the schema's shape and its examples; returns its declared properties (for the conditions). */
export function checkDataSchema(schema: unknown, add: Add): Record<string, JsonSchema> | undefined {
  if (!isRecord(schema)) {
    add('dataSchema', 'must be a JSON Schema object');
    return undefined;
  }
  if (schema.type !== 'object') add('dataSchema.type', "must be 'object'");
  let properties: Record<string, JsonSchema> | undefined;
  if (!isRecord(schema.properties)) add('dataSchema.properties', 'must be an object mapping field names to schemas');
  else {
    properties = {};
    for (const [key, sub] of Object.entries(schema.properties)) {
      if (!isRecord(sub)) add(prop('dataSchema.properties', key), 'must be a schema object');
      else properties[key] = sub as JsonSchema;
    }
  }
  let required: string[] = [];
  if (schema.required !== undefined) {
    if (!Array.isArray(schema.required)) add('dataSchema.required', 'must be an array of property names');
    else {
      const seen = new Set<string>();
      schema.required.forEach((name, i) => {
        const path = `dataSchema.required[${i}]`;
        if (typeof name !== 'string') add(path, 'must be a property name');
        else if (seen.has(name)) add(path, `${show(name)} is listed twice`);
        else if (properties && !(name in properties)) add(path, `${show(name)} is not declared in dataSchema.properties`);
        else seen.add(name);
      });
      required = [...seen];
    }
  }
  const closed = schema.additionalProperties === false;
  if (!Array.isArray(schema.examples) || schema.examples.length === 0) {
    add('dataSchema.examples', 'must hold at least one example of valid data');
    return properties;
  }
  schema.examples.forEach((example, i) => checkExample(example, `dataSchema.examples[${i}]`, properties ?? {}, required, closed, add));
  return properties;
}

/** A light check (no ajv in the sandbox): required fields present, no unknown field, primitive types and enums. */
function checkExample(example: unknown, path: string, properties: Record<string, JsonSchema>, required: string[], closed: boolean, add: Add): void {
  if (!isRecord(example)) {
    add(path, 'must be an object');
    return;
  }
  for (const name of required) {
    if (!(name in example)) add(prop(path, name), 'required property is missing');
  }
  for (const [key, value] of Object.entries(example)) {
    const sub = properties[key];
    if (!sub) {
      if (closed) add(prop(path, key), 'is not declared in dataSchema.properties (additionalProperties is false)');
      continue;
    }
    const types = typeof sub.type === 'string' ? [sub.type] : Array.isArray(sub.type) ? sub.type : [];
    if (types.length > 0 && !types.some((t) => matchesType(value, t))) add(prop(path, key), `must be of type ${types.join(' or ')}`);
    else if (Array.isArray(sub.enum) && !sub.enum.some((e) => e === value)) add(prop(path, key), `must be one of ${sub.enum.map(show).join(', ')}`);
  }
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return !JSON_TYPES.includes(type); // an unknown type name is ajv's business, not ours
  }
}
