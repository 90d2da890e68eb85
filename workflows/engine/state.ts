// The engine's working state, and the part of it a run hands to the next one when it continues as new.
// Types only: imported by the engine and (as types) by workflows/messages.ts.
import type { Actor, ApplicationStatus, DecideArgs, TaskView, TimelineEvent } from '../messages';

export interface PendingRung {
  key: string; // rung id, or `<id>#<n>` for repeats of the last rung
  rungIndex: number;
  offset: number; // business minutes on the step's clock
  at?: number; // wall time (ms), planned by the calendar activity
}

export interface TaskState extends TaskView {
  runningSince: number;
  pending: PendingRung[];
  /** The rungs still ahead when the task closed for a revision: the next attempt continues with them. */
  carriedRungs: PendingRung[];
  decision?: { decision: DecideArgs['decision']; actor: Actor; note?: string; requestId?: string };
}

export interface Clock {
  consumed: number;
  runningSince: number;
}

/**
 * Everything a run knows that the definition and the input do not: handed to the next run when the
 * history grows long (continue-as-new). Taken only when the engine is quiescent: every open step waits
 * on its timer, no activity or Update is in flight, the read model is up to date, the application is
 * not waiting on the applicant. Plain JSON.
 */
export interface CarriedState {
  /** How many runs came before the one that receives this state. */
  runs: number;
  status: ApplicationStatus;
  deemedGranted: boolean;
  submittedAt: number;
  /** The legal deadline as last planned on the application's clock. */
  dueAt: number | null;
  legalDeadlinePassed: boolean;
  appClock: Clock;
  resubmitted: number;
  revision: number;
  /** Branch taken at each choice already passed (index into branches, -1 for otherwise or none). */
  choices: Record<string, number>;
  tasks: TaskState[];
  timeline: TimelineEvent[];
}
