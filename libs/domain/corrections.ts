// How a resubmission corrects an application's data: the engine applies the rule, the API checks its
// result against the schema of the application's definition version before the engine sees it.

/**
 * The data with the corrections applied: each top-level field given replaces that field whole, `null`
 * removes it, fields not given stay. A new object; `data` is left as it was.
 */
export function correctedData(data: Record<string, unknown>, corrections: Record<string, unknown>): Record<string, unknown> {
  const next = { ...data };
  for (const [field, value] of Object.entries(corrections)) {
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next;
}

/** The fields of `corrections` whose value differs between `before` and `after` (removed ones included), in the order given. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, corrections: Record<string, unknown>): string[] {
  const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  return Object.keys(corrections).filter((k) => has(before, k) !== has(after, k) || !sameValue(before[k], after[k]));
}

/** Equal as JSON values: key order does not matter, array order does. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    entries.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}
