// Story: the platform runs as `npm start -- --cluster` runs it: the real Temporal server on PostgreSQL,
// its four services as processes of their own, two workers, two API processes behind one port. A
// business domicile letter (SKDU) is filed at a mall outlet and signed off by the kelurahan until it is
// issued; the temporal CLI finds it through the cluster's frontend by its search attributes. Then a
// small crash drill kills a history, a matching and the frontend service, a worker, an API process
// and PostgreSQL in turn: nothing is lost, duplicated or orphaned, and nobody restarts anything.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { mintToken } from '../../libs/auth/token';
import { DEV_JWT_SECRET } from '../../libs/config/config';
import { loadServerToolchain, SERVER_BUILD_HINT } from '../../libs/dev/temporal-cluster';
import { CLUSTER_PARTS, runDrill } from '../../libs/drill/drill';
import { Integrator } from '../../libs/drill/integrator';
import { PlatformProcess } from '../../libs/drill/platform-process';
import { loadToolchain } from '../../libs/temporal/toolchain';
import { eventually } from '../support/time-skipping';

jest.setTimeout(15 * 60_000);

interface Walked {
  status: string;
  trackingCode: string;
  id: string;
  decisions: number;
  listed: Array<{ execution: { workflowId: string }; searchAttributes?: { indexedFields?: Record<string, { data?: string }> } }>;
  processes: { workers: number; apiStatus: string };
}

function temporalCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(loadToolchain().cli.path!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The README's curl walk, in code: submit, sign off every open task as its kelurahan head, until issued. */
async function walkOnePermit(platform: PlatformProcess): Promise<Walked> {
  const api = new Integrator(platform.baseUrl);
  const integrator = await mintToken(DEV_JWT_SECRET, { sub: 'cluster-test-kiosk', role: 'integrator' });
  const health = await api.once<{ status: string; workers: number }>('GET', '/health', { token: integrator });
  const skdu = (await api.call<{ dataSchema: { examples: unknown[] } }>('GET', '/v1/permit-types/SKDU', { token: integrator })).body;
  const submitted = await api.call<{ id: string; trackingCode: string }>('POST', '/v1/applications', {
    token: integrator,
    idempotencyKey: randomUUID(),
    body: {
      permitType: 'SKDU',
      applicant: { nik: '3171011505900001', name: 'Siti Rahayu', phone: '081234567890' },
      receivingOfficeId: 'outlet-mall-kota-kasablanka',
      location: { kelurahanCode: '31.71.01.1001', address: 'Jl. Ir. H. Juanda No. 5' },
      data: skdu.dataSchema.examples[0],
      documents: [],
    },
  });
  expect(submitted.status).toBe(201);
  const { id, trackingCode } = submitted.body;

  let decisions = 0;
  let status = '';
  const decided = new Set<string>();
  for (const giveUpAt = Date.now() + 120_000; Date.now() < giveUpAt; ) {
    const app = (await api.call<{ status: string; openTasks: Array<{ id: string; agency: string; officeId: string; dueAt: string | null }> }>('GET', `/v1/applications/${id}`, { token: integrator })).body;
    status = app.status;
    if (status !== 'in_review') break;
    const ready = app.openTasks.filter((t) => t.dueAt && !decided.has(t.id));
    for (const task of ready) {
      const head = await mintToken(DEV_JWT_SECRET, { sub: `cluster-test-${task.agency}`, role: 'approver', agency: task.agency, office: task.officeId, position: 'head' });
      const answer = await api.call('POST', `/v1/tasks/${task.id}/decision`, { token: head, idempotencyKey: randomUUID(), body: { decision: 'approve', note: 'Sesuai' } });
      expect([task.id, answer.status]).toEqual([task.id, 200]);
      decided.add(task.id);
      decisions++;
    }
    // The next step's task appears once the workflow has scheduled it.
    if (ready.length === 0) await sleep(200);
  }

  // Visibility on PostgreSQL is eventually consistent: ask until the issued application is listed.
  const listed = await eventually(
    async () => {
      const r = await temporalCli(['workflow', 'list', '--address', platform.temporalAddress, '--query', `TrackingCode = '${trackingCode}' AND PermitType = 'SKDU' AND ExecutionStatus = 'Completed'`, '--output', 'json']);
      expect(r.stderr).toBe('');
      return r.stdout.trim() ? (JSON.parse(r.stdout) as Walked['listed']) : [];
    },
    (found) => found.length > 0,
    `application ${trackingCode} listed by the cluster's visibility store`,
    600,
  );
  return { status, trackingCode, id, decisions, listed, processes: { workers: health.body.workers, apiStatus: health.body.status } };
}

describe('cluster mode (npm start -- --cluster)', () => {
  it('issues a permit end to end, and a drill on it loses, duplicates and orphans nothing', async () => {
    if (!loadServerToolchain()) throw new Error(`the Temporal server binaries (temporal-server, temporal-sql-tool) are missing: ${SERVER_BUILD_HINT}`);
    const lines: string[] = [];
    let walked: Walked | undefined;
    const result = await runDrill({
      cluster: true,
      applications: 16,
      parts: [...CLUSTER_PARTS],
      log: (l) => lines.push(l),
      onReady: async (platform) => {
        walked = await walkOnePermit(platform);
        return [walked.id];
      },
    });
    process.stderr.write(`[test] cluster drill: ${JSON.stringify(result)}\n`);

    expect(walked).toMatchObject({ status: 'issued', decisions: 3, processes: { workers: 2, apiStatus: 'ok' } });
    expect(walked!.listed.map((w) => w.execution.workflowId)).toEqual([`application-${walked!.id}`]);
    expect(Object.keys(walked!.listed[0].searchAttributes?.indexedFields ?? {}).sort()).toEqual(expect.arrayContaining(['PermitType', 'ReceivingOffice', 'TrackingCode']));

    expect(result).toMatchObject({ applications: 16, acknowledged: 16, lost: 0, duplicated: 0, orphaned: 0, readModelMismatches: 0, handRestarts: 0 });
    expect(Object.keys(result.recoverySeconds).sort()).toEqual([...CLUSTER_PARTS].sort());
  });
});
