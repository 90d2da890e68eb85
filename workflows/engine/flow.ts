// The shapes of a definition's flow: a step, a sequence (one after the other; a rejection ends it), a
// choice (the first branch whose condition holds on the application's data, decided once) and a
// parallel block (every branch must approve; the first rejection cancels the others).
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import { evaluate, type FlowNode, type StepDef } from '../../libs/permit-dsl/definition';
import type { ApplicationState, Outcome } from './state';

export interface FlowHost {
  readonly state: ApplicationState;
  readonly data: Record<string, unknown>;
  runStep(step: StepDef): Promise<Outcome>;
}

export async function runFlow(host: FlowHost, node: FlowNode): Promise<Outcome> {
  switch (node.kind) {
    case 'step':
      return host.runStep(node);
    case 'sequence':
      for (const child of node.steps) {
        if ((await runFlow(host, child)) === 'rejected') return 'rejected';
      }
      return 'approved';
    case 'choice': {
      // Decided once: a resubmission that changes the data later does not move the application to
      // another branch, and a continued run follows the branch its predecessor took.
      host.state.choices[node.id] ??= node.branches.findIndex((b) => evaluate(b.when, host.data));
      const index = host.state.choices[node.id];
      const next = index >= 0 ? node.branches[index].then : node.otherwise;
      return next ? runFlow(host, next) : 'approved';
    }
    case 'parallel':
      return runParallel(host, node.branches);
  }
}

/**
 * Every branch runs as a coroutine of its own. The block waits until all of them have finished,
 * cancelled ones included (their open tasks closed), so it never moves on with a branch still unwinding.
 * The block's `moving` share passes to its branches and back from the last one to finish: the count
 * never drops to zero while any of them still acts.
 */
async function runParallel(host: FlowHost, branches: FlowNode[]): Promise<Outcome> {
  if (branches.length === 0) return 'approved';
  const scope = new CancellationScope();
  const failures: unknown[] = [];
  let rejected = false;
  let running = branches.length;
  host.state.moving += branches.length - 1;
  await scope.run(
    () =>
      new Promise<void>((joined) => {
        for (const branch of branches) {
          void runFlow(host, branch)
            .then(
              (outcome) => {
                if (outcome === 'rejected' && !rejected) {
                  rejected = true;
                  scope.cancel();
                }
              },
              (err: unknown) => {
                failures.push(err);
              },
            )
            .finally(() => {
              if (--running === 0) joined();
              else host.state.moving--;
            });
        }
      }),
  );
  const failure = failures.find((err) => !(rejected && isCancellation(err)));
  if (failure !== undefined) throw failure;
  return rejected ? 'rejected' : 'approved';
}
