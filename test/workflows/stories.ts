// What the time-skipping stories share: an application input for any definition, approvers for a task,
// and the read-model and history facts the stories assert on. Times in the stories are WIB (UTC+7);
// assertions are in UTC ISO strings, so 16:00 WIB reads 09:00Z.
import { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BusinessCalendar } from '../../libs/calendar';
import { PermitDefinition, workflowTypeOf } from '../../libs/permit-dsl/definition';
import { Actor, ApplicationView, Decision, decideUpdate, PermitInput, resubmitUpdate, TaskView, viewQuery, workflowIdOf } from '../../workflows/messages';
import { eventually, sleepUntil, TimeSkippingHarness } from '../support/time-skipping';

export const newApplicationId = (): string => randomUUID().replace(/-/g, '').toUpperCase().slice(0, 24);

/** An application for `def` at a Tebet (South Jakarta) address, filed at the Mal Pelayanan Publik. */
export function applicationInput(def: Pick<PermitDefinition, 'code' | 'version' | 'dataSchema'>, opts: { id?: string; example?: number; engine?: PermitInput['engine'] } = {}): PermitInput {
  const id = opts.id ?? newApplicationId();
  return {
    applicationId: id,
    trackingCode: `${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(8, 12)}`,
    permitType: def.code,
    definitionVersion: def.version,
    submittedBy: 'integrator-story',
    receivingOfficeId: 'outlet-mpp-jakarta',
    applicant: { nik: '3174015505900002', name: 'Dewi Lestari' },
    location: { kelurahanCode: '31.74.01.1001', address: 'Jl. Tebet Barat Dalam 7' },
    jurisdiction: { province: 'prov-31', city: 'kota-31.74', kecamatan: 'kec-31.74.01', kelurahan: 'kel-31.74.01.1001' },
    data: structuredClone(def.dataSchema.examples![opts.example ?? 0] as Record<string, unknown>),
    documents: [],
    ...(opts.engine ? { engine: opts.engine } : {}),
  };
}

const calendar = new BusinessCalendar();

/**
 * Files the application as the API does, with the working calendar of the filing day (on the test
 * server's clock) attached; `attachCalendar: false` files it bare, as an older client would.
 */
export async function fileApplication(
  h: TimeSkippingHarness,
  def: PermitDefinition,
  input: PermitInput,
  opts: { attachCalendar?: boolean } = {},
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const args = opts.attachCalendar === false || input.calendar ? input : { ...input, calendar: calendar.snapshotAround(new Date(await h.env.currentTimeMs())) };
  return h.env.client.workflow.start(workflowTypeOf(def), { workflowId: workflowIdOf(input.applicationId), taskQueue: h.taskQueue, args: [args] });
}

/**
 * The application's final view, once its workflow has closed on its own. Unlike the time-skipping
 * client's result(), this does not let the server skip time while it waits: a story moves the clock
 * only with sleepUntil(), so the next story in the suite starts where it says.
 */
export async function outcome(h: TimeSkippingHarness, handle: WorkflowHandle): Promise<ApplicationView> {
  const plain = new Client({ connection: h.env.connection, namespace: h.env.namespace });
  return plain.workflow.getHandle(handle.workflowId).result();
}

export function view(handle: WorkflowHandle): Promise<ApplicationView> {
  return handle.query(viewQuery);
}

/** Waits until the engine has planned the application's legal deadline and every open task's due time. */
export function planned(handle: WorkflowHandle, what: string, accept: (v: ApplicationView) => boolean = () => true): Promise<ApplicationView> {
  return eventually(
    () => view(handle),
    (v) => v.status !== 'in_review' || (v.dueAt !== null && v.openTasks.length > 0 && v.openTasks.every((t) => t.dueAt !== null) && accept(v)),
    what,
  );
}

/** A story's opening: an application of `def` (its `example`-th example data) filed `at` (UTC; now by default), and its plan. */
export async function fileAndPlan(
  h: TimeSkippingHarness,
  def: PermitDefinition,
  what: string,
  opts: { at?: string; example?: number; accept?: (v: ApplicationView) => boolean } = {},
): Promise<{ input: PermitInput; handle: WorkflowHandleWithFirstExecutionRunId; filed: ApplicationView }> {
  if (opts.at) await sleepUntil(h, opts.at);
  const input = applicationInput(def, { example: opts.example });
  const handle = await fileApplication(h, def, input);
  return { input, handle, filed: await planned(handle, what, opts.accept) };
}

/** The approver who may sign `task`: the right agency, sitting in the task's office, a head (who signs officers' steps too). */
export function approverFor(task: Pick<TaskView, 'agency' | 'officeId'>, sub = `officer-${task.agency.toLowerCase()}`): Actor {
  return { sub, role: 'approver', agency: task.agency, office: task.officeId, position: 'head' };
}

export const applicantActor: Actor = { sub: 'integrator-story', role: 'integrator' };

/** Escalation rows of the read model for an application, as [task id suffix, rung, at] in firing order. */
export async function escalationRows(h: TimeSkippingHarness, applicationId: string): Promise<Array<[string, string, string]>> {
  const rows: Array<{ task_id: string; rung: string; at: Date }> = await h.db.query(
    `SELECT task_id, rung, at FROM escalation WHERE application_id = $1 ORDER BY at, task_id, rung`,
    [applicationId],
  );
  return rows.map((r) => [r.task_id.slice(applicationId.length + 1), r.rung, r.at.toISOString()]);
}

/** The event types of a workflow run's history, by count. */
export async function historyCounts(handle: WorkflowHandle): Promise<{ total: number; byType: Record<string, number>; openTimers: number }> {
  const history = await handle.fetchHistory();
  const byType: Record<string, number> = {};
  const started = new Set<string>();
  for (const e of history.events ?? []) {
    // Named by the attribute set the event carries (timerFiredEventAttributes -> timerFired).
    const type = Object.keys(e).find((k) => k.endsWith('EventAttributes') && (e as Record<string, unknown>)[k] != null)?.replace(/EventAttributes$/, '') ?? 'unknown';
    byType[type] = (byType[type] ?? 0) + 1;
    if (e.timerStartedEventAttributes) started.add(e.timerStartedEventAttributes.timerId!);
    const closed = e.timerFiredEventAttributes?.timerId ?? e.timerCanceledEventAttributes?.timerId;
    if (closed) started.delete(closed);
  }
  return { total: history.events?.length ?? 0, byType, openTimers: started.size };
}

/** An approver of the task's own agency and office decides it; answers the application after the decision. */
export function decide(handle: WorkflowHandle, task: TaskView, decision: Decision, note?: string): Promise<ApplicationView> {
  return handle.executeUpdate(decideUpdate, { args: [{ taskId: task.id, decision, note, actor: approverFor(task) }] });
}

/** Approves every open task, step after step, until the application leaves review. */
export async function approveUntilDone(handle: WorkflowHandle): Promise<void> {
  for (let v = await view(handle); v.status === 'in_review'; v = await planned(handle, 'the next step planned')) {
    for (const task of v.openTasks) await decide(handle, task, 'approve');
  }
}

export function resubmit(handle: WorkflowHandle, note = 'dokumen dilengkapi'): Promise<ApplicationView> {
  return handle.executeUpdate(resubmitUpdate, { args: [{ note, actor: applicantActor }] });
}

/** The task rows of the read model, as [step.attempt, status, business minutes used, due] in assignment order. */
export async function taskRows(h: TimeSkippingHarness, applicationId: string): Promise<Array<[string, string, number, string | null]>> {
  const rows: Array<{ step_id: string; attempt: number; status: string; business_minutes_used: string; due_at: Date | null }> = await h.db.query(
    `SELECT step_id, attempt, status, business_minutes_used, due_at FROM task WHERE application_id = $1 ORDER BY assigned_at, step_id, attempt`,
    [applicationId],
  );
  return rows.map((r) => [`${r.step_id}.${r.attempt}`, r.status, Number(r.business_minutes_used), r.due_at?.toISOString() ?? null]);
}

/**
 * Waits until the workflow has nothing in flight (no activity, no workflow task, the read model at the
 * engine's revision) and answers its history length then: the moments between which event counts compare.
 */
export async function idleHistoryLength(db: DataSource, handle: WorkflowHandle): Promise<number> {
  await eventually(
    async () => {
      const [d, v] = await Promise.all([handle.describe(), view(handle)]);
      const rows: Array<{ revision: number }> = await db.query(`SELECT revision FROM application WHERE id = $1`, [v.id]);
      return (d.raw.pendingActivities ?? []).length === 0 && !d.raw.pendingWorkflowTask && rows[0]?.revision === v.revision;
    },
    (quiet) => quiet,
    'the workflow idle',
  );
  return (await historyCounts(handle)).total;
}

/**
 * Sends an Update that the workflow's validator must refuse with `type`, checks that the history did not
 * grow, and answers the refusal's message.
 */
export async function refused(db: DataSource, handle: WorkflowHandle, send: () => Promise<unknown>, type: string): Promise<string> {
  const before = await idleHistoryLength(db, handle);
  const err = await send().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect(cause.type).toBe(type);
  expect((await historyCounts(handle)).total).toBe(before);
  return cause.message;
}
