import type { StepCount } from './heat';

export interface OpenSteps {
  asOf: string;
  items: StepCount[];
}

export interface AgencyRow {
  agency: string;
  name: string | null;
  tasksDecided: number;
  breaches: number;
  onTimeRate: number | null;
  openOverdue: number;
}

export interface OfficeRow {
  office: string;
  name: string;
  handOff: { breaches: number };
  fieldSteps: { tasksDecided: number; breaches: number };
  onTimeRate: number | null;
  openOverdue: number;
}

export interface Week {
  weekStart: string;
  tasksDecided: number;
  onTimeRate: number | null;
}
