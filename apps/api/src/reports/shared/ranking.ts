// How the league tables order their rows and their escalation rungs.

/** Rung order on the default ladder; other rungs follow by name. */
const RUNG_ORDER = ['reminder', 'section_head', 'agency_head', 'governor', 'legal-deadline'];

/** The rungs present in the rows, in ladder order, then the others by name. */
export function rungColumns(rows: ReadonlyArray<{ escalationsByRung: Record<string, number> }>): string[] {
  const seen = new Set(rows.flatMap((r) => Object.keys(r.escalationsByRung)));
  const known = RUNG_ORDER.filter((r) => seen.has(r));
  return [...known, ...[...seen].filter((r) => !RUNG_ORDER.includes(r)).sort()];
}

/**
 * Worst first: by on-time rate, lowest first. Nothing closed in the period but work overdue now ranks
 * first of all (it met no deadline and missed some); nothing closed and nothing overdue ranks last.
 * Ties: more breaches, then more open overdue, then the code.
 */
export function worstFirst<T extends { onTimeRate: number | null; openOverdue: number }>(rows: T[], breachesOf: (r: T) => number, keyOf: (r: T) => string): T[] {
  const rank = (r: T) => (r.onTimeRate !== null ? r.onTimeRate : r.openOverdue > 0 ? -1 : 2);
  return rows.sort((a, b) => rank(a) - rank(b) || breachesOf(b) - breachesOf(a) || b.openOverdue - a.openOverdue || (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}
