// The run on Temporal's time-skipping test server: several servers ("shards"), each with its own real
// worker writing the shared read model and its share of the applications (number modulo the shard
// count). A time-skipping server handles one instant at a time; shards work in parallel.
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { createPermitWorker } from '../../apps/worker/src/worker.factory';
import type { BusinessCalendar } from '../calendar';
import { workflowTypeOf } from '../permit-dsl/definition';
import { MESSAGE_NAMES, Refusal, workflowIdOf } from '../domain';
import type { Actor, ApplicationView, DecideArgs, ResubmitArgs, WithdrawArgs } from '../../workflows/messages';
import { Action, Agenda, inOrder } from './agenda';
import type { Agents } from './agents';
import { dayOf } from './clock';
import type { SimApp } from './traffic';

export interface Shard {
  env: TestWorkflowEnvironment;
  worker: Worker;
  client: Client;
  taskQueue: string;
  agenda: Agenda;
  /** The simulated day this shard has reached. */
  day: number;
}

export interface ShardsArgs {
  agendas: Agenda[];
  startDay: number;
  /** The first simulated instant, and its date as the user gave it: no server's clock may have passed it. */
  from: number;
  start: string;
  seed: number;
  serverPath: string | undefined;
  db: DataSource;
  calendar: BusinessCalendar;
  workflowBundle: WorkerOptions['workflowBundle'];
  createWorker: typeof createPermitWorker;
}

/** Workflows each shard's worker keeps cached. */
const SIMULATOR_CACHED_WORKFLOWS = 3500;

/** A test server, its worker and a client per agenda. Every server started is pushed to `envs`, for the caller to tear down. */
export async function openShards(a: ShardsArgs, envs: TestWorkflowEnvironment[]): Promise<Shard[]> {
  const shards: Shard[] = [];
  for (const [k, agenda] of a.agendas.entries()) {
    const env = await TestWorkflowEnvironment.createTimeSkipping(a.serverPath ? { server: { executable: { type: 'existing-path', path: a.serverPath } } } : {});
    envs.push(env);
    if ((await env.currentTimeMs()) >= a.from) throw new Error(`the test server's clock is already past ${a.start}: pass a later --start`);
    const taskQueue = `simulate-${a.seed}-${k}`;
    const worker = await a.createWorker({
      connection: env.nativeConnection,
      db: a.db,
      // The simulator runs with a 6 GB heap (npm run simulate) and keeps every application of its shard
      // cached, as it did under the SDK's default (about 3,500 with that heap): a smaller cache would make
      // it replay histories it has in memory. A deployed worker uses the bounded default (worker.factory.ts).
      config: { temporal: { address: '', namespace: env.namespace ?? 'default', taskQueue, maxCachedWorkflows: SIMULATOR_CACHED_WORKFLOWS } },
      workflowBundle: a.workflowBundle,
      calendar: a.calendar,
    });
    // A plain client: the test environment's own would unlock time skipping while it waits for a result.
    const client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
    shards.push({ env, worker, client, taskQueue, agenda, day: a.startDay });
  }
  return shards;
}

export interface RunCounts {
  submitted: number;
  decisions: number;
  resubmissions: number;
  withdrawals: number;
  refused: number;
}

function refusalOf(err: unknown): string | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return err.cause.type ?? undefined;
  return undefined;
}

async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

const COUNTED = { decide: 'decisions', resubmit: 'resubmissions', withdraw: 'withdrawals' } as const;

/** Performs the agendas on the shards and counts what the workflows accepted and refused. */
export class Runner {
  readonly counts: RunCounts = { submitted: 0, decisions: 0, resubmissions: 0, withdrawals: 0, refused: 0 };
  /** Refused actions by refusal type. */
  readonly refusals: Record<string, number> = {};
  /** The largest drift of the test server's clock behind the simulated instant, at filing and at a decision slot. */
  maxFilingLagMs = 0;
  maxSlotLagMs = 0;

  constructor(
    private readonly agents: Agents,
    private readonly concurrency: number,
  ) {}

  /** Runs a shard's agenda to its end, then lets its clock reach `end`; `reached` hears of every new day. */
  async drive(shard: Shard, end: number, endDay: number, reached: () => void): Promise<void> {
    for (;;) {
      const next = Math.min(...shard.agenda.keys());
      if (!Number.isFinite(next)) break;
      shard.day = dayOf(next);
      reached();
      const now = await shard.env.currentTimeMs();
      if (next > now) await shard.env.sleep(next - now);
      const due = shard.agenda.get(next)!;
      shard.agenda.delete(next);
      // One application's actions in order; applications in parallel.
      const byApp = new Map<SimApp, Action[]>();
      for (const { app, action } of due) byApp.set(app, [...(byApp.get(app) ?? []), action]);
      const batches = [...byApp.entries()].sort(([a], [b]) => a.index - b.index);
      await pool(batches, this.concurrency, async ([app, actions]) => {
        for (const action of inOrder(actions)) await this.perform(shard, app, action, next);
      });
    }
    const now = await shard.env.currentTimeMs();
    if (end > now) await shard.env.sleep(end - now);
    shard.day = endDay;
    reached();
  }

  private refuse(type: string): void {
    this.counts.refused++;
    this.refusals[type] = (this.refusals[type] ?? 0) + 1;
  }

  private async perform(shard: Shard, app: SimApp, action: Action, instant: number): Promise<void> {
    if (action.kind === 'submit') {
      app.handle = await shard.client.workflow.start(workflowTypeOf(app.def), { workflowId: workflowIdOf(app.input.applicationId), taskQueue: shard.taskQueue, args: [app.input] });
      this.counts.submitted++;
      this.agents.filed(app, instant);
      return;
    }
    if (app.closed || !app.handle) return;
    try {
      const view = await this.send(app, action);
      this.counts[COUNTED[action.kind]]++;
      const last = view.timeline[view.timeline.length - 1];
      this.maxSlotLagMs = Math.max(this.maxSlotLagMs, Date.parse(last.at) - instant);
      this.maxFilingLagMs = Math.max(this.maxFilingLagMs, Date.parse(view.submittedAt) - app.filedAt);
      this.agents.follow(app, view, instant);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        // The run closed: before this action (refused), or with it, when the test server loses the
        // outcome of an Update that finished in the workflow's last task. The final view tells which.
        const view: ApplicationView = await app.handle.result();
        const applied = action.kind === 'decide' ? view.tasks.some((t) => t.id === action.taskId && t.decidedBy === action.officer) : action.kind === 'withdraw' && view.status === 'withdrawn';
        if (applied) this.counts[action.kind === 'decide' ? 'decisions' : 'withdrawals']++;
        else this.refuse(Refusal.ApplicationClosed);
        app.closed = true;
        return;
      }
      const refusal = refusalOf(err);
      if (!refusal) throw err;
      this.refuse(refusal);
      if (refusal === Refusal.ApplicationClosed) app.closed = true;
    }
  }

  private send(app: SimApp, action: Exclude<Action, { kind: 'submit' }>): Promise<ApplicationView> {
    const handle = app.handle!;
    if (action.kind === 'decide') {
      // A head signs every step: the simulator measures deadlines, not who holds which position.
      const actor: Actor = { sub: action.officer, role: 'approver', agency: action.agency, office: action.officeId, position: 'head' };
      return handle.executeUpdate<ApplicationView, [DecideArgs]>(MESSAGE_NAMES.decide, { args: [{ taskId: action.taskId, decision: action.decision, note: action.decision === 'approve' ? undefined : 'simulasi', actor }] });
    }
    const actor: Actor = { sub: 'integrator-simulator', role: 'integrator' };
    if (action.kind === 'resubmit') return handle.executeUpdate<ApplicationView, [ResubmitArgs]>(MESSAGE_NAMES.resubmit, { args: [{ note: 'dokumen dilengkapi', actor }] });
    return handle.executeUpdate<ApplicationView, [WithdrawArgs]>(MESSAGE_NAMES.withdraw, { args: [{ reason: 'tidak jadi', actor }] });
  }
}
