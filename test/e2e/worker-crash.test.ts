// Story: the worker process is killed with SIGKILL in the middle of a flow, while an approver's decision
// is on its way. A new worker starts; the decision lands, the application finishes, and the read model
// has exactly one row per task and per timeline event: nothing lost, nothing duplicated.
import { ChildProcess } from 'node:child_process';
import { startPlatform, Platform } from '../support/platform';
import { eventually } from '../support/time-skipping';
import { exited, workerProcess } from '../support/worker-process';
import { skduInKwitang } from './fixtures/applications';

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
    const submitted = await p.http('POST', '/v1/applications', { token: integrator, body: await skduInKwitang(p, integrator, { nik: '3171011505900002', name: 'Andi' }, 'Jl. Kwitang 3') });
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
