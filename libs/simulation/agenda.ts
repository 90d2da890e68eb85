// What happens when: each shard's actions by simulated instant.
import type { Decision } from '../../workflows/messages';
import type { SimApp } from './traffic';

export type Action =
  | { kind: 'submit' }
  | { kind: 'decide'; taskId: string; stepId: string; agency: string; officeId: string; decision: Decision; officer: string }
  | { kind: 'resubmit' }
  | { kind: 'withdraw' };

export type Agenda = Map<number, Array<{ app: SimApp; action: Action }>>;

/** One agenda a shard; an application's actions all go to the shard of its number. Nothing at or after `end`. */
export class Agendas {
  readonly byShard: Agenda[];

  constructor(
    shards: number,
    private readonly end: number,
  ) {
    this.byShard = Array.from({ length: shards }, () => new Map());
  }

  schedule(instant: number, app: SimApp, action: Action): void {
    if (instant >= this.end) return;
    const agenda = this.byShard[app.index % this.byShard.length];
    const list = agenda.get(instant);
    if (list) list.push({ app, action });
    else agenda.set(instant, [{ app, action }]);
  }
}

const ORDER: Record<Action['kind'], number> = { submit: 0, decide: 1, resubmit: 2, withdraw: 3 };

/** One application's actions at one instant, in the order they are performed (a rejection cancels its sibling's decision). */
export function inOrder(actions: Action[]): Action[] {
  return actions.sort(
    (a, b) => ORDER[a.kind] - ORDER[b.kind] || (a.kind === 'decide' && b.kind === 'decide' ? (a.stepId < b.stepId ? -1 : 1) : 0),
  );
}
