/**
 * A WHERE clause built from conditions that use `?` for their values: each `?` becomes the next
 * positional parameter ($1, $2, ...), so the SQL text never holds a value and the numbering never
 * drifts when a filter is left out. Do not use PostgreSQL's jsonb `?` operators in a condition.
 */
export class Where {
  private readonly conditions: string[] = [];

  /**
   * `params`: the values of the placeholders, in order; pass them to the query. Clauses of one
   * statement (sub-selects) share one list, so their numbering continues.
   */
  constructor(readonly params: unknown[] = []) {}

  /** Adds a condition; its `?` placeholders take `values` in order. */
  and(sql: string, ...values: unknown[]): this {
    const placeholders = sql.split('?').length - 1;
    if (placeholders !== values.length) throw new Error(`condition "${sql}" has ${placeholders} placeholder(s) for ${values.length} value(s)`);
    let i = 0;
    this.conditions.push(sql.replace(/\?/g, () => this.param(values[i++])));
    return this;
  }

  /** Adds the condition only when the value is given (not undefined): an optional filter. */
  andIf(value: unknown, sql: string): this {
    return value === undefined ? this : this.and(sql, value);
  }

  /** A placeholder for a value used outside the conditions (LIMIT, a select expression). */
  param(value: unknown): string {
    return `$${this.params.push(value)}`;
  }

  /** `WHERE a AND b`, or nothing when there is no condition. */
  toSql(): string {
    return this.conditions.length > 0 ? `WHERE ${this.conditions.map((c) => (this.conditions.length > 1 ? `(${c})` : c)).join(' AND ')}` : '';
  }
}
