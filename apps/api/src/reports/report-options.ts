import { DEFAULT_REPORT_LIMITS } from './shared/report-range';

/** Injects the resolved ReportOptions: reportProviders fills in the defaults once, for every report. */
export const REPORT_OPTIONS = Symbol('REPORT_OPTIONS');

export interface ReportOptions {
  /** The widest period one report may cover, in days. */
  maxRangeDays: number;
  /** The expected counter wait the staffing recommendation keeps under, in minutes. */
  targetWaitMinutes: number;
  /** Service time per application when the office has too few decisions to observe one, in minutes. */
  defaultServiceMinutes: number;
  /** Decisions needed in the period before the office's own service time is used. */
  minObservedDecisions: number;
  /** Share of a weekday's arrivals the suggested opening hours must cover. */
  openingCoverage: number;
  /** A weekday with fewer arrivals than this on average is suggested closed. */
  openingMinPerDay: number;
  /** Offices receiving fewer applications than this per working day are merge candidates. */
  mergeBelowPerWorkingDay: number;
  /** Read whole months from the rollup tables (false: every figure from the rows; the same answers, slower). */
  useRollups: boolean;
}

export const DEFAULT_REPORT_OPTIONS: ReportOptions = {
  maxRangeDays: DEFAULT_REPORT_LIMITS.maxRangeDays,
  targetWaitMinutes: 15,
  defaultServiceMinutes: 20,
  minObservedDecisions: 20,
  openingCoverage: 0.9,
  openingMinPerDay: 1,
  mergeBelowPerWorkingDay: 2,
  useRollups: true,
};

/** The defaults with what was given; an option given as undefined keeps its default. */
export function resolveReportOptions(given?: Partial<ReportOptions>): ReportOptions {
  const set = Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_REPORT_OPTIONS, ...set };
}
