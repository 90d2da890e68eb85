// Records one workflow history per permit definition version (and a few engine stories) for the replay
// tests in test/replay. Run after adding a definition version, or an engine story:  npm run histories:record
// Histories of versions already recorded are kept: they are what running applications look like.
// Activities here are real business-time arithmetic with the read model left out: replay never runs
// activities, it only needs their recorded results.
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createDeadlineActivities } from '../activities/deadline.activities';
import type { Activities } from '../activities';
import { BusinessCalendar } from '../libs/calendar';
import { stepsOf, workflowTypeOf } from '../libs/permit-dsl/definition';
import { loadToolchain } from '../libs/temporal/toolchain';
import { ApplicationView, decideUpdate, PermitInput, resubmitUpdate, viewQuery, workflowIdOf } from '../workflows/messages';
import { DEFINITIONS, findDefinition } from '../libs/permits';

/**
 * Bumped when the engine changes the commands it records (behind patched()): histories of every
 * generation stay in test/replay/histories, so runs started on any of them keep replaying.
 * g2: business-time arithmetic as local activities (patch engine-local-calendar).
 * g3: business time on a daily calendar snapshot, the projection waits for a settled state, projection and
 *     escalation as local activities (patch engine-lean-workflow-tasks).
 * g4: business time computed at once on today's snapshot, the submitter's calendar used at the start,
 *     escalation notices sent with the projection (patch engine-lean-moments). The approve-all stories
 *     are filed with a calendar, as the API files them; the continue-as-new story without one.
 */
const ENGINE_GENERATION = 'g4';
const OUT = path.resolve(__dirname, '..', 'test', 'replay', 'histories');

function inputFor(code: string, version: number, data: Record<string, unknown>, n: number): PermitInput {
  const id = `REPLAY${code.replace(/_/g, '')}V${version}N${n}`.toUpperCase().padEnd(24, '0').slice(0, 24);
  return {
    applicationId: id,
    trackingCode: 'RPLY-0000-0000',
    permitType: code,
    definitionVersion: version,
    submittedBy: 'integrator-replay',
    receivingOfficeId: 'outlet-mpp-jakarta',
    applicant: { nik: '0000000000000000', name: 'Replay' },
    location: { kelurahanCode: '31.71.01.1001', address: 'Jl. Replay 1' },
    jurisdiction: { province: 'prov-31', city: 'kota-31.71', kecamatan: 'kec-31.71.01', kelurahan: 'kel-31.71.01.1001' },
    data,
    documents: [],
  };
}

async function waitFor(read: () => Promise<ApplicationView>, ok: (v: ApplicationView) => boolean): Promise<ApplicationView> {
  for (let i = 0; i < 500; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('workflow did not reach the expected state');
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  fs.mkdirSync(OUT, { recursive: true });
  const toolchain = loadToolchain();
  const env = await TestWorkflowEnvironment.createTimeSkipping(
    toolchain.testServer.path ? { server: { executable: { type: 'existing-path', path: toolchain.testServer.path } } } : {},
  );
  const activities: Activities = {
    ...createDeadlineActivities(new BusinessCalendar()),
    projectApplication: async () => undefined,
    escalate: async () => undefined,
  } as Partial<Activities> as Activities;
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new DefaultLogger('WARN') });
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'record', workflowBundle, activities });
  await worker.runUntil(async () => {
    for (const def of DEFINITIONS) {
      const file = path.join(OUT, `${def.code}.v${def.version}.approve-all.${ENGINE_GENERATION}.json`);
      if (fs.existsSync(file) && !process.argv.includes('--force')) continue;
      const input: PermitInput = {
        ...inputFor(def.code, def.version, def.dataSchema.examples![0] as Record<string, unknown>, 1),
        calendar: new BusinessCalendar().snapshotAround(new Date(await env.currentTimeMs())),
      };
      const handle = await env.client.workflow.start(workflowTypeOf(def), { workflowId: workflowIdOf(input.applicationId), taskQueue: 'record', args: [input] });
      const stepCount = stepsOf(def.flow).length;
      let first = true;
      for (let round = 0; round < stepCount + 2; round++) {
        const v = await waitFor(() => handle.query(viewQuery), (x) => x.status !== 'in_review' || (x.openTasks.length > 0 && x.openTasks.every((t) => t.dueAt)));
        if (v.status !== 'in_review') break;
        // The first story also passes a deadline (escalations) and a revision round trip.
        if (first) {
          first = false;
          // Just past the first step's due time: the early rungs fire, the legal deadline is still ahead.
          await env.sleep(Date.parse(v.openTasks[0].dueAt!) - (await env.currentTimeMs()) + 60_000);
          const t = v.openTasks[0];
          await handle.executeUpdate(decideUpdate, { args: [{ taskId: t.id, decision: 'request_revision', note: 'lengkapi', actor: { sub: 'officer', role: 'approver', agency: t.agency, office: t.officeId } }] });
          await handle.executeUpdate(resubmitUpdate, { args: [{ note: 'sudah', actor: { sub: 'integrator-replay', role: 'integrator' } }] });
          continue;
        }
        for (const t of v.openTasks) {
          await handle.executeUpdate(decideUpdate, { args: [{ taskId: t.id, decision: 'approve', actor: { sub: 'officer', role: 'approver', agency: t.agency, office: t.officeId } }] });
        }
      }
      const result = await handle.result();
      const history = await handle.fetchHistory();
      fs.writeFileSync(file, historyToJSON(history));
      process.stdout.write(`${path.basename(file)}: ${history.events?.length} events, ${result.status}\n`);
    }
    await recordContinueAsNew(env);
  });
  await env.teardown();
}

/**
 * An engine story: a domicile letter (SKDU v2) that nobody decides, with a continue-as-new threshold low
 * enough that it is handed across runs before it is deemed granted. Every run is stored: the replay suite
 * then covers a run that hands over (ending in ContinuedAsNew, with the engine's patch marker) and runs
 * that start from carried state.
 */
async function recordContinueAsNew(env: TestWorkflowEnvironment): Promise<void> {
  const def = findDefinition('SKDU', 2)!;
  const prefix = `${def.code}.v${def.version}.continue-as-new.${ENGINE_GENERATION}`;
  if (fs.readdirSync(OUT).some((f) => f.startsWith(prefix)) && !process.argv.includes('--force')) return;
  const input: PermitInput = {
    ...inputFor(def.code, def.version, def.dataSchema.examples![0] as Record<string, unknown>, 2),
    engine: { continueAsNewAfterEvents: 30 },
  };
  const handle = await env.client.workflow.start(workflowTypeOf(def), { workflowId: workflowIdOf(input.applicationId), taskQueue: 'record', args: [input] });
  const result = await handle.result();
  let runs = 0;
  let runId: string | undefined = handle.firstExecutionRunId;
  while (runId) {
    const history: Awaited<ReturnType<typeof handle.fetchHistory>> = await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
    runs++;
    fs.writeFileSync(path.join(OUT, `${prefix}-run${runs}.json`), historyToJSON(history));
    const events = history.events ?? [];
    runId = events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  process.stdout.write(`${prefix}-run1..${runs}.json: ${runs} runs, ${result.status}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
