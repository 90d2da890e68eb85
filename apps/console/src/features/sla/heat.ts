// What the SLA wall paints on a step: its counts, a heat level by the overdue share, and where a click goes.

export interface StepCount {
  permitType: string;
  version: number;
  stepId: string;
  stepName: string | null;
  agency: string | null;
  open: number;
  overdue: number;
}

export type Heat = 'none' | 'calm' | 'warm' | 'hot' | 'burning';
export const HEATS: readonly Heat[] = ['none', 'calm', 'warm', 'hot', 'burning'];

/** none: nothing open; calm: nothing overdue; warm: under a quarter overdue; hot: under half; burning: half or more. */
export function heatOf(c: { open: number; overdue: number }): Heat {
  if (c.open <= 0) return 'none';
  const share = c.overdue / c.open;
  if (share === 0) return 'calm';
  if (share < 0.25) return 'warm';
  if (share < 0.5) return 'hot';
  return 'burning';
}

/** The inbox filtered to a step's open tasks (the inbox reads these parameters). */
export function inboxLink(permitType: string, stepId: string): string {
  return `/kotak-masuk?${new URLSearchParams({ queue: 'open', permitType, step: stepId }).toString()}`;
}

/** The counts of one permit type version by step id. */
export function countsByStep(items: readonly StepCount[], permitType: string, version: number): Map<string, StepCount> {
  return new Map(items.filter((i) => i.permitType === permitType && i.version === version).map((i) => [i.stepId, i]));
}

/** Open and overdue over a permit type (one version, or all when none is given). */
export function totals(items: readonly StepCount[], permitType: string, version?: number): { open: number; overdue: number } {
  return items
    .filter((i) => i.permitType === permitType && (version === undefined || i.version === version))
    .reduce((sum, i) => ({ open: sum.open + i.open, overdue: sum.overdue + i.overdue }), { open: 0, overdue: 0 });
}

/**
 * The versions a permit type's section offers: the latest, and every other one that still has open
 * tasks (older applications keep the version they started on). Newest first.
 */
export function versionsToShow(items: readonly StepCount[], permitType: string, latest: number): number[] {
  const withOpen = items.filter((i) => i.permitType === permitType && i.open > 0).map((i) => i.version);
  return [...new Set([latest, ...withOpen])].sort((a, b) => b - a);
}

/**
 * The step id of a BPMN task of our export: the id recorded in its documentation when the element id
 * had to differ, else the element id.
 */
export function stepIdOf(elementId: string, documentation: string | undefined): string {
  if (!documentation) return elementId;
  try {
    const doc = JSON.parse(documentation) as { id?: unknown };
    return typeof doc.id === 'string' ? doc.id : elementId;
  } catch {
    return elementId;
  }
}
