// The permit traffic simulator: a month of Jakarta applications through the real workflows on the
// time-skipping test server, and the league tables the reports compute from it.
export { DEFAULT_START, simulate } from './simulate';
export type { SimulationOptions, SimulationPlatform, SimulationResult } from './simulate';
export { FILING_LAG_LIMIT_MS, formatSummary, formatTables } from './tables';
export { AGENCY_PACE, PERMIT_MIX } from './permits';
export { POPULATION_2020, jurisdictionOf } from './jakarta';
export { prng } from './random';
