// Story: the worker process is killed with SIGKILL in the middle of a flow, while an approver's decision
// is on its way. A new worker starts; the decision lands, the application finishes, and the read model
// has exactly one row per task and per timeline event: nothing lost, nothing duplicated.
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { startPlatform, Platform } from '../support/platform';
import { eventually } from '../support/time-skipping';

const ROOT = path.resolve(__dirname, '..', '..');

function workerProcess(p: Platform): ChildProcess {
  return spawn(process.execPath, ['-r', path.join(ROOT, 'scripts', 'register.js'), path.join(ROOT, 'apps', 'worker', 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: p.config.databaseUrl,
      TEMPORAL_ADDRESS: p.config.temporal.address,
      TEMPORAL_TASK_QUEUE: p.config.temporal.taskQueue,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function exited(c: ChildProcess): Promise<void> {
  return new Promise((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));
}

describe('a worker killed with SIGKILL mid-flow', () => {
  let p: Platform;
  let worker: ChildProcess | undefined;
  beforeAll(async () => {
    p = await startPlatform({ worker: false });
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    if (worker) await exited(worker);
    await p?.close();
  });

  it('resumes on a new worker: the decision lands, the application is issued, no duplicate rows', async () => {
    worker = workerProcess(p);
    const integrator = await p.token({ role: 'integrator', sub: 'kiosk-crash' });
    const example = (await p.http('GET', '/v1/permit-types/SKDU', { token: integrator })).body.dataSchema.examples[0];
    const submitted = await p.http('POST', '/v1/applications', {
      token: integrator,
      body: {
        permitType: 'SKDU',
        applicant: { nik: '3171011505900002', name: 'Andi' },
        receivingOfficeId: 'kel-31.71.01.1001',
        location: { kelurahanCode: '31.71.01.1002', address: 'Jl. Kwitang 3' },
        data: example,
        documents: [],
      },
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    const open = () =>
      eventually(
        () => p.http('GET', `/v1/applications/${id}`, { token: integrator }),
        (r) => r.status === 200 && (r.body.status === 'issued' || (r.body.openTasks.length > 0 && r.body.openTasks[0].dueAt)),
        'an open task',
      );

    let app = await open();
    const first = app.body.openTasks[0];
    const approver = await p.token({ role: 'approver', agency: first.agency, office: first.officeId, position: 'head' });
    const pending = p.http('POST', `/v1/tasks/${first.id}/decision`, { token: approver, body: { decision: 'approve' } });
    worker.kill('SIGKILL');
    await exited(worker);
    worker = workerProcess(p);
    const answer = await pending;
    expect(answer.status).toBe(200);

    let approvals = 1;
    for (app = await open(); app.body.status !== 'issued'; app = await open()) {
      for (const t of app.body.openTasks) {
        const token = await p.token({ role: 'approver', agency: t.agency, office: t.officeId, position: 'head' });
        expect((await p.http('POST', `/v1/tasks/${t.id}/decision`, { token, body: { decision: 'approve' } })).status).toBe(200);
        approvals++;
      }
    }
    expect(app.body.status).toBe('issued');
    const [{ tasks }] = await p.db.query(`SELECT count(*)::int AS tasks FROM task WHERE application_id = $1`, [id]);
    const [{ audit, distinct }] = await p.db.query(`SELECT count(*)::int AS audit, count(DISTINCT event_id)::int AS distinct FROM audit_log WHERE application_id = $1`, [id]);
    expect(tasks).toBe(approvals);
    expect(audit).toBe(app.body.timeline.length);
    expect(distinct).toBe(audit);
    expect(app.body.timeline.filter((e: any) => e.type === 'task.approved')).toHaveLength(approvals);
  });
});
