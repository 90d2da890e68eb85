// The simulation's result as text: the league tables and a one-line summary of the run.
import type { SimulationResult } from './simulate';

const pct = (x: number | null) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const num = (x: number | null, w = 6) => (x === null ? '-' : String(x)).padStart(w);

export function formatTables(r: SimulationResult, officeRows = 15): string {
  const lines: string[] = [];
  lines.push(`Agencies, worst first (${r.simulation.from.slice(0, 10)} to ${r.simulation.to.slice(0, 10)}, as of the end):`);
  lines.push('  #  agency          decided on-time breaches  rate   overdue  med h  p90 h  escal  deemed');
  r.agencies.agencies.forEach((a, i) => {
    lines.push(
      `${String(i + 1).padStart(3)}  ${a.agency.padEnd(14)} ${num(a.tasksDecided, 7)} ${num(a.onTime, 7)} ${num(a.breaches, 8)} ${pct(a.onTimeRate)} ${num(a.openOverdue, 8)} ${num(a.medianBusinessHours)} ${num(a.p90BusinessHours)} ${num(a.escalations)} ${num(a.deemedGrants, 7)}`,
    );
  });
  lines.push('');
  lines.push(`Offices, worst first (${Math.min(officeRows, r.offices.offices.length)} of ${r.offices.offices.length}):`);
  lines.push('  #  office                       recv closed hand-off  field  rate   overdue');
  r.offices.offices.slice(0, officeRows).forEach((x, i) => {
    lines.push(
      `${String(i + 1).padStart(3)}  ${x.office.padEnd(27)} ${num(x.handOff.received, 5)} ${num(x.handOff.closed, 6)} ${pct(x.handOff.onTimeRate)} ${pct(x.fieldSteps.onTimeRate)} ${pct(x.onTimeRate)} ${num(x.openOverdue, 6)}`,
    );
  });
  return lines.join('\n');
}

const refusedText = (r: Record<string, number>) => (Object.keys(r).length === 0 ? '' : `: ${Object.entries(r).map(([k, n]) => `${n} ${k}`).join(', ')}`);

/** What ran, how long it took and the largest clock lag seen. */
export function formatSummary(r: SimulationResult): string {
  const s = r.simulation;
  return (
    `${s.submitted} applications over ${s.days} days (${s.decisions} decisions, ${s.resubmissions} resubmissions, ` +
    `${s.withdrawals} withdrawals, ${s.refused} refused${refusedText(s.refusals)}) in ${r.timing.seconds} s; largest clock lag: ${r.timing.maxFilingLagMs} ms at filing, ${r.timing.maxSlotLagMs} ms at a decision slot`
  );
}

/** Past this lag at filing, a business clock started at filing may count one minute more than in another run. */
export const FILING_LAG_LIMIT_MS = 40_000;
