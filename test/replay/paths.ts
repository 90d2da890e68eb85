// The paths an application can take through the engine, and which of them a definition allows: each
// permit type version has a stored history for each of its paths (scripts/record-histories.ts records
// them, replay.test.ts replays them and checks that none is missing).
import type { PermitDefinition } from '../../libs/permit-dsl/definition';

export const PATHS = [
  /** Every step approved. */
  'approve',
  /** The first step rejects. */
  'reject',
  /** The first step asks for a revision, the applicant answers, every step approves. */
  'revision-then-approve',
  /** The first step asks for a revision, the applicant answers with corrected data and a replaced document, every step approves. */
  'revision-with-data-change',
  /** The applicant withdraws while the first step is open. */
  'withdraw',
  /** The first step asks for a revision and the applicant never answers. */
  'lapse',
  /** Nobody decides and the legal deadline passes under the deem-granted policy. */
  'deemed-grant',
  /** Nobody decides the first step until its ladder has climbed every rung and repeated the last (or the deadline policy closes the application first). */
  'escalation',
  /** A low history threshold hands the application across runs before it is decided; one file per run. */
  'continue-as-new',
  /** The first step is claimed, released, claimed by another officer, assigned by a head to a third, who decides; every step approves. */
  'claims',
] as const;
export type Path = (typeof PATHS)[number];

export function pathExists(def: Pick<PermitDefinition, 'onHardDeadline'>, path: Path): boolean {
  return path !== 'deemed-grant' || def.onHardDeadline === 'deem-granted';
}

/** `SKDU.v2.escalation.json`, `SKDU.v2.continue-as-new.run1.json`. */
export function historyFile(def: Pick<PermitDefinition, 'code' | 'version'>, path: Path, run?: number): string {
  return `${def.code}.v${def.version}.${path}${run === undefined ? '' : `.run${run}`}.json`;
}

/** The definition version and path a stored history file is of. */
export function parseHistoryFile(file: string): { code: string; version: number; path: string; run?: number } {
  const [code, version, path, run] = file.replace(/\.json$/, '').split('.');
  return { code, version: Number(version.slice(1)), path, ...(run ? { run: Number(run.slice(3)) } : {}) };
}
