// Records the workflow histories that test/replay replays: for every permit definition version, one
// history per path it allows (test/replay/paths.ts), on the time-skipping test server.
//   npm run histories:record            records what is missing (a new version, a new path)
//   npm run histories:record -- --force records everything again
// It also adds each new definition to test/replay/fixtures/permit-definitions.json, the catalogue the
// histories were recorded with (test/replay/definitions.test.ts); definitions already there keep their
// recorded value, so a change to one still fails that test (--force takes today's catalogue whole).
// Stored histories are what running applications look like: once applications run in production, keep
// them (docs/versions.md) and only add. Activities here are the real business-time arithmetic with the
// read model and the mail left out: replay never runs activities, it only reads their recorded results.
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
import type { Activities } from '../activities';
import { createDeadlineActivities } from '../activities/deadline.activities';
import { BusinessCalendar } from '../libs/calendar';
import { isFinalStatus } from '../libs/domain';
import { engineView, type PermitDefinition, workflowTypeOf } from '../libs/permit-dsl/definition';
import { DEFINITIONS } from '../libs/permits';
import { loadToolchain } from '../libs/temporal/toolchain';
import { historyFile, type Path, pathExists, PATHS } from '../test/replay/paths';
import { type Actor, type ApplicationView, assignUpdate, claimUpdate, type Decision, decideUpdate, type PermitInput, type ResubmitArgs, resubmitUpdate, type TaskView, unclaimUpdate, viewQuery, withdrawUpdate, workflowIdOf } from '../workflows/messages';

const OUT = resolve(__dirname, '..', 'test', 'replay', 'histories');
const FIXTURE = resolve(__dirname, '..', 'test', 'replay', 'fixtures', 'permit-definitions.json');

/** The catalogue fixture with every definition it lacks added, in catalogue order; the others as recorded. */
function updateFixture(force: boolean): void {
  const recorded = force || !fs.existsSync(FIXTURE) ? [] : (JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as PermitDefinition[]);
  const key = (d: Pick<PermitDefinition, 'code' | 'version'>) => `${d.code}@${d.version}`;
  const byKey = new Map(recorded.map((d) => [key(d), d]));
  const added = DEFINITIONS.filter((d) => !byKey.has(key(d)));
  const next = JSON.stringify(DEFINITIONS.map((d) => byKey.get(key(d)) ?? d), engineView, 1);
  if (fs.existsSync(FIXTURE) && fs.readFileSync(FIXTURE, 'utf8') === next) return;
  fs.writeFileSync(FIXTURE, next);
  process.stdout.write(`${FIXTURE}: ${force ? 'rewritten from today\'s catalogue' : `added ${added.map((d) => `${d.code} v${d.version}`).join(', ')}`}\n`);
}
const TASK_QUEUE = 'record';
const applicant: Actor = { sub: 'integrator-replay', role: 'integrator' };
const approverOf = (t: TaskView): Actor => ({ sub: 'officer', role: 'approver', agency: t.agency, office: t.officeId, position: 'head' });

function inputFor(def: PermitDefinition, path: Path): PermitInput {
  const tag = `${def.code}V${def.version}${path}`.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  const id = `R${tag}`.padEnd(24, '0').slice(0, 24);
  return {
    applicationId: id,
    trackingCode: 'RPLY-0000-0000',
    permitType: def.code,
    definitionVersion: def.version,
    submittedBy: applicant.sub,
    receivingOfficeId: 'outlet-mpp-jakarta',
    applicant: { nik: '0000000000000000', name: 'Replay' },
    location: { kelurahanCode: '31.71.01.1001', address: 'Jl. Replay 1' },
    jurisdiction: { province: 'prov-31', city: 'kota-31.71', kecamatan: 'kec-31.71.01', kelurahan: 'kel-31.71.01.1001' },
    data: structuredClone(def.dataSchema.examples![0] as Record<string, unknown>),
    documents: [],
  };
}

/** Polls the workflow until it shows what the next move needs; the recorder drives a real server, so state decides, not time. */
async function until(handle: WorkflowHandle, ok: (v: ApplicationView) => boolean): Promise<ApplicationView> {
  for (let i = 0; i < 1000; i++) {
    const v = await handle.query(viewQuery);
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${handle.workflowId} did not reach the expected state`);
}

/** The application open with its tasks planned, or closed. */
const planned = (handle: WorkflowHandle) =>
  until(handle, (v) => v.status !== 'in_review' || (v.dueAt !== null && v.openTasks.length > 0 && v.openTasks.every((t) => t.dueAt !== null)));

const decide = (handle: WorkflowHandle, t: TaskView, decision: Decision) =>
  handle.executeUpdate(decideUpdate, { args: [{ taskId: t.id, decision, note: decision === 'approve' ? undefined : 'lengkapi', actor: approverOf(t) }] });

async function approveAll(handle: WorkflowHandle): Promise<void> {
  for (;;) {
    const v = await planned(handle);
    if (v.status !== 'in_review') return;
    for (const t of v.openTasks) await decide(handle, t, 'approve');
  }
}

/**
 * A resubmission that corrects the example data as an applicant would (a free-text field made longer,
 * still valid for the schema) and replaces the first required document.
 */
function correctionOf(def: PermitDefinition): Pick<ResubmitArgs, 'data' | 'documents'> {
  const example = def.dataSchema.examples![0] as Record<string, unknown>;
  const properties = (def.dataSchema.properties ?? {}) as Record<string, { enum?: unknown; pattern?: unknown; format?: unknown; maxLength?: number }>;
  const field = Object.keys(example).find((k) => {
    const prop = properties[k] ?? {};
    const value = example[k];
    return typeof value === 'string' && !prop.enum && !prop.pattern && !prop.format && (prop.maxLength ?? Infinity) >= value.length + 5;
  });
  if (!field) throw new Error(`${def.code} v${def.version}: no free-text field in the first example to correct`);
  const document = { type: def.requiredDocuments[0].type, url: 'https://files.example.id/replay-corrected.pdf', sha256: 'c'.repeat(64) };
  return { data: { [field]: `${String(example[field])} Jaya` }, documents: [document] };
}

/** Moves the application along one path until it closes. */
async function drive(env: TestWorkflowEnvironment, handle: WorkflowHandle, path: Path, def: PermitDefinition): Promise<void> {
  const first = (await planned(handle)).openTasks[0];
  switch (path) {
    case 'approve':
      return approveAll(handle);
    case 'reject':
      await decide(handle, first, 'reject');
      return;
    case 'revision-then-approve':
      await decide(handle, first, 'request_revision');
      await handle.executeUpdate(resubmitUpdate, { args: [{ note: 'sudah', actor: applicant }] });
      return approveAll(handle);
    case 'revision-with-data-change':
      await decide(handle, first, 'request_revision');
      await handle.executeUpdate(resubmitUpdate, { args: [{ note: 'data diperbaiki', ...correctionOf(def), actor: applicant }] });
      return approveAll(handle);
    case 'claims': {
      const officer = (sub: string): Actor => ({ ...approverOf(first), sub });
      await handle.executeUpdate(claimUpdate, { args: [{ taskId: first.id, actor: officer('officer-a') }] });
      await handle.executeUpdate(unclaimUpdate, { args: [{ taskId: first.id, actor: officer('officer-a'), note: 'cuti' }] });
      await handle.executeUpdate(claimUpdate, { args: [{ taskId: first.id, actor: officer('officer-b') }] });
      await handle.executeUpdate(assignUpdate, { args: [{ taskId: first.id, officerId: 'officer-c', actor: officer('head') }] });
      await handle.executeUpdate(decideUpdate, { args: [{ taskId: first.id, decision: 'approve', actor: officer('officer-c') }] });
      return approveAll(handle);
    }
    case 'withdraw':
      await handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'tidak jadi', actor: applicant }] });
      return;
    case 'lapse':
      await decide(handle, first, 'request_revision');
      return; // the caller's result() lets the server skip time past the applicant's deadline
    case 'deemed-grant':
      return; // likewise, past the legal deadline
    case 'escalation':
    case 'continue-as-new':
      // A business day at a time until the first step's last rung has repeated or the application closed,
      // (and, for continue-as-new, until the run has handed over twice), then everyone approves.
      for (let day = 0; day < 60; day++) {
        const v = await handle.query(viewQuery);
        const climbed = v.tasks.find((t) => t.id === first.id)?.escalations.some((k) => k.includes('#')) ?? false;
        const handedOver = path === 'escalation' || (await runsOf(env, handle.workflowId)).length >= 3;
        if (isFinalStatus(v.status) || (climbed && handedOver)) break;
        await env.sleep('1 day');
      }
      return approveAll(handle);
  }
}

/** The run ids of a workflow, first to last, following each ContinuedAsNew. */
async function runsOf(env: TestWorkflowEnvironment, workflowId: string): Promise<string[]> {
  const first = await env.client.workflow.getHandle(workflowId).describe();
  const runs: string[] = [];
  let runId: string | undefined = first.raw.workflowExecutionInfo?.firstRunId ?? first.runId;
  while (runId) {
    runs.push(runId);
    const history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    runId = events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

async function record(env: TestWorkflowEnvironment, def: PermitDefinition, path: Path): Promise<void> {
  const input = inputFor(def, path);
  // Filed as the API files: with the filing day's calendar. The continue-as-new story files bare, so the
  // engine's own calendar activity is covered too.
  if (path === 'continue-as-new') input.engine = { continueAsNewAfterEvents: 20 };
  else input.calendar = new BusinessCalendar().snapshotAround(new Date(await env.currentTimeMs()));
  const handle = await env.client.workflow.start(workflowTypeOf(def), { workflowId: workflowIdOf(input.applicationId), taskQueue: TASK_QUEUE, args: [input] });
  await drive(env, handle, path, def);
  const result = await handle.result();
  const runs = await runsOf(env, handle.workflowId);
  if (path === 'continue-as-new' && runs.length < 2) throw new Error(`${def.code} v${def.version}: the continue-as-new story closed in one run`);
  for (const [i, runId] of runs.entries()) {
    const history = await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
    const file = historyFile(def, path, path === 'continue-as-new' ? i + 1 : undefined);
    fs.writeFileSync(join(OUT, file), historyToJSON(history));
  }
  process.stdout.write(`${historyFile(def, path)}: ${runs.length} run(s), ${result.status}${result.deemedGranted ? ' (deemed granted)' : ''}\n`);
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  fs.mkdirSync(OUT, { recursive: true });
  const force = process.argv.includes('--force');
  const toolchain = loadToolchain();
  const env = await TestWorkflowEnvironment.createTimeSkipping(
    toolchain.testServer.path ? { server: { executable: { type: 'existing-path', path: toolchain.testServer.path } } } : {},
  );
  const activities = {
    ...createDeadlineActivities(new BusinessCalendar()),
    projectApplication: async () => undefined,
    escalate: async () => undefined,
  } as Partial<Activities> as Activities;
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new DefaultLogger('WARN') });
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: TASK_QUEUE, workflowBundle, activities });
  await worker.runUntil(async () => {
    for (const def of DEFINITIONS) {
      for (const p of PATHS.filter((p) => pathExists(def, p))) {
        const stored = fs.readdirSync(OUT).some((f) => f.startsWith(historyFile(def, p).replace(/\.json$/, '.')));
        if (stored && !force) continue;
        await record(env, def, p);
      }
    }
  });
  await env.teardown();
  updateFixture(force);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
