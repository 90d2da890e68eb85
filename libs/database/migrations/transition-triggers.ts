/**
 * The three statement-level triggers that hand `fn` the rows a statement changed on `table`: `new_rows`
 * after an INSERT, `old_rows` after a DELETE, both after an UPDATE. Named `${name}_insert`, `_update`
 * and `_delete`. Every rollup and count the reports keep is maintained this way.
 */
export function transitionTriggers(name: string, table: string, fn: string): string {
  return `
    CREATE TRIGGER ${name}_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
    CREATE TRIGGER ${name}_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
    CREATE TRIGGER ${name}_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`;
}

/** Drops what transitionTriggers created. */
export function dropTransitionTriggers(name: string, table: string): string {
  return ['insert', 'update', 'delete'].map((op) => `DROP TRIGGER ${name}_${op} ON ${table};`).join('\n');
}
