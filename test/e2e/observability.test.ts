// Story: an operator watches the platform. One application is filed and decided; then the API's
// /metrics shows the requests by route template, the open and overdue tasks of the agency that held
// it, a worker's metrics endpoint shows the Temporal SDK's workflow-task metrics and the failed webhook
// deliveries to the integrator's back office (down), and the trace collector holds one trace from the
// submit request through the workflow start to an activity.
import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort } from '../../libs/dev/services';
import { isOverdue } from '../../libs/domain';
import type { HttpOptions } from '../support/http';
import { Platform, startPlatform } from '../support/platform';
import { OtlpReceiver, parsePrometheus, ReceivedSpan, Sample, samplesOf, startOtlpReceiver, valueOf } from '../support/telemetry';
import { eventually } from '../support/time-skipping';
import { exited, workerProcess } from '../support/worker-process';
import { skduInKwitang } from './fixtures/applications';

const ROOT = path.resolve(__dirname, '..', '..');

describe('observability of a filed and decided application', () => {
  let p: Platform;
  let collector: OtlpReceiver;
  let worker: ChildProcess;
  let workerMetrics: string;
  let integrator: string;
  let applicationId: string;
  let agency: string;
  let before: Sample[];
  let submit: HttpOptions;

  const scrapeApi = async () => {
    const r = await p.http('GET', '/metrics');
    expect([r.status, r.headers.get('content-type')?.split(';').map((x) => x.trim()).sort()]).toEqual([200, ['charset=utf-8', 'text/plain', 'version=0.0.4']]);
    return parsePrometheus(r.text);
  };
  // Nothing listens until the worker process has started: an empty scrape until then.
  const scrapeWorker = async () => parsePrometheus(await fetch(workerMetrics).then((r) => r.text(), () => ''));
  const gauges = (s: Sample[]) => ({ open: valueOf(s, 'satupintu_tasks_open', { agency }), overdue: valueOf(s, 'satupintu_tasks_overdue', { agency }) });
  const view = () => p.http('GET', `/v1/applications/${applicationId}`, { token: integrator });
  /** The agency's open and overdue tasks counted from the read model with libs/domain's rule, as an operator would by hand. */
  const byRule = async () => {
    const rows: Array<{ status: string; due_at: Date | null; overdue: boolean }> = await p.db.query(`SELECT status, due_at, overdue FROM task WHERE agency = $1 AND status = 'open'`, [agency]);
    return { open: rows.length, overdue: rows.filter((r) => isOverdue({ status: r.status, dueAt: r.due_at?.toISOString() ?? null, overdue: r.overdue }, Date.now())).length };
  };

  beforeAll(async () => {
    collector = await startOtlpReceiver();
    p = await startPlatform({ worker: false, env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url } });
    const port = await freePort();
    workerMetrics = `http://127.0.0.1:${port}/metrics`;
    // The real worker process, as `npm start` and the container run it.
    worker = workerProcess(p, { WORKER_METRICS_PORT: String(port), OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '100' });
    integrator = await p.token({ role: 'integrator', sub: 'kiosk-observability' });
  });
  afterAll(async () => {
    worker?.kill('SIGTERM');
    if (worker) await exited(worker);
    await p?.close();
    await collector?.close();
  });

  it('files an application: the open gauge of the agency holding it goes up by its open steps, the overdue gauge when a due time passes', async () => {
    before = await scrapeApi();
    // The integrator's back office is down: every webhook delivery attempt fails (counted by the worker).
    const down = await freePort();
    expect((await p.http('POST', '/v1/webhooks', { token: integrator, body: { url: `http://127.0.0.1:${down}/hook`, secret: 's'.repeat(40) } })).status).toBe(201);
    submit = {
      token: integrator,
      headers: { 'idempotency-key': `observability-${Date.now()}` },
      body: await skduInKwitang(p, integrator, { nik: '3171011505900003', name: 'Sari' }, 'Jl. Kwitang 5'),
    };
    const submitted = await p.http('POST', '/v1/applications', submit);
    expect(submitted.status).toBe(201);
    applicationId = submitted.body.id;
    const open = await eventually(view, (r) => r.status === 200 && r.body.openTasks.length > 0 && r.body.openTasks[0].dueAt, 'the first open tasks');
    agency = open.body.openTasks[0].agency;
    const held = open.body.openTasks.filter((t: { agency: string }) => t.agency === agency).length;
    const was = gauges(before);
    // The answer above comes from the workflow; the read model follows it by a projection.
    const counted = await eventually(byRule, (c) => c.open === was.open + held, `${held} more open tasks of ${agency} in the read model`);
    // The gauges are read from the read model at most a few seconds apart: look until the reading is fresh.
    await eventually(scrapeApi, (s) => gauges(s).open === counted.open && gauges(s).overdue === counted.overdue, `the gauges of ${agency} at ${JSON.stringify(counted)}`);

    // Given its due time passes (the read model's due_at, which the overdue rule reads, moved to the past).
    await p.db.query(`UPDATE task SET due_at = now() - interval '1 minute' WHERE id = $1`, [open.body.openTasks[0].id]);
    const late = await byRule();
    expect(late).toEqual({ open: counted.open, overdue: counted.overdue + 1 });
    await eventually(scrapeApi, (s) => gauges(s).overdue === late.overdue, `satupintu_tasks_overdue{agency="${agency}"} = ${late.overdue}`);
  });

  it('decides it: the gauges come back, the request histogram counts each route template, never an id; a retried submit counts as a replay', async () => {
    for (let app = await view(); app.body.status !== 'issued'; ) {
      for (const t of app.body.openTasks) {
        const token = await p.token({ role: 'approver', agency: t.agency, office: t.officeId, position: 'head' });
        expect((await p.http('POST', `/v1/tasks/${t.id}/decision`, { token, body: { decision: 'approve' } })).status).toBe(200);
      }
      app = await eventually(view, (r) => r.body.status === 'issued' || r.body.openTasks.some((t: { id: string }) => !app.body.openTasks.some((o: { id: string }) => o.id === t.id)), 'the next step or the permit');
    }
    const counted = await byRule();
    expect(counted.open).toBe(gauges(before).open);
    await eventually(scrapeApi, (s) => gauges(s).open === counted.open && gauges(s).overdue === counted.overdue, `the gauges of ${agency} back to ${JSON.stringify(counted)}`);

    // The integrator's retry of the submit is answered from the idempotency store.
    const retried = await p.http('POST', '/v1/applications', submit);
    expect([retried.status, retried.headers.get('idempotent-replayed')]).toEqual([201, 'true']);

    const s = await scrapeApi();
    const outcome = (o: string) => valueOf(s, 'satupintu_idempotency_outcomes_total', { outcome: o }) - valueOf(before, 'satupintu_idempotency_outcomes_total', { outcome: o });
    expect(outcome('replayed')).toBe(1);
    const requests = (route: string, method: string, status: string) =>
      valueOf(s, 'satupintu_http_request_duration_seconds_count', { route, method, status }) -
      valueOf(before, 'satupintu_http_request_duration_seconds_count', { route, method, status });
    expect(requests('/v1/applications', 'POST', '201')).toBe(2);
    expect(requests('/v1/tasks/:taskId/decision', 'POST', '200')).toBeGreaterThanOrEqual(1);
    expect(requests('/v1/applications/:id', 'GET', '200')).toBeGreaterThanOrEqual(1);
    const buckets = samplesOf(s, 'satupintu_http_request_duration_seconds_bucket', { route: '/v1/applications', method: 'POST', status: '201' });
    expect(buckets.find((b) => b.labels.le === '+Inf')?.value).toBe(2);
    const routes = new Set(samplesOf(s, 'satupintu_http_request_duration_seconds_count').map((x) => x.labels.route));
    expect([...routes].filter((r) => r.includes(applicationId) || /\d{4}/.test(r))).toEqual([]);
  });

  it("shows the Temporal SDK's workflow-task and activity metrics of the worker's task queue, and the failed webhook deliveries by kind", async () => {
    const taskQueue = p.config.temporal.taskQueue;
    const s = await eventually(scrapeWorker, (x) => valueOf(x, 'temporal_workflow_completed_total', { task_queue: taskQueue }) >= 1, 'a completed workflow in the worker metrics');
    expect(valueOf(s, 'temporal_workflow_task_execution_latency_count', { task_queue: taskQueue })).toBeGreaterThan(0);
    expect(valueOf(s, 'temporal_workflow_task_schedule_to_start_latency_count', { task_queue: taskQueue })).toBeGreaterThan(0);
    // Durations in seconds: the buckets of a workflow task's execution are fractions of a second.
    expect(samplesOf(s, 'temporal_workflow_task_execution_latency_bucket', { task_queue: taskQueue }).some((b) => b.labels.le === '0.1')).toBe(true);
    // The projection runs as a local activity, the deadline and delivery ones as activities.
    const activities = valueOf(s, 'temporal_local_activity_execution_latency_count', { task_queue: taskQueue }) + valueOf(s, 'temporal_activity_execution_latency_count', { task_queue: taskQueue });
    expect(activities).toBeGreaterThan(0);
    const failed = await eventually(
      scrapeWorker,
      (x) => valueOf(x, 'satupintu_activity_failures_total', { task_queue: taskQueue, activity_type: 'deliverWebhookEvent', failure: 'WebhookDeliveryFailed' }) >= 1,
      'a failed webhook delivery counted',
    );
    expect(samplesOf(failed, 'satupintu_activity_failures_total', { task_queue: taskQueue }).map((x) => x.labels.failure)).toEqual(['WebhookDeliveryFailed']);
  });

  it('holds one trace from the submit request through the workflow start to its activities', async () => {
    const server = (x: ReceivedSpan) => x.service === 'satupintu-api' && x.name === 'POST /v1/applications';
    const reachesActivity = (spans: ReceivedSpan[], root: ReceivedSpan) =>
      ['RunActivity:projectApplication', 'RunActivity:deliverWebhookEvent'].every((name) => spans.some((x) => x.traceId === root.traceId && x.name === name));
    // Two submits were served: the first and its replayed retry.
    const traced = await eventually(
      async () => collector.spans,
      (spans) => spans.filter(server).length === 2 && spans.filter(server).some((root) => reachesActivity(spans, root)),
      'both submits exported, one trace reaching the projection and the webhook delivery',
    );
    const [root, ...others] = [...traced.filter(server)].sort((a, b) => Number(reachesActivity(traced, b)) - Number(reachesActivity(traced, a)));
    expect(root.attributes).toMatchObject({ 'http.route': '/v1/applications', 'http.response.status_code': 201 });
    const trace = traced.filter((x) => x.traceId === root.traceId);
    const named = (prefix: string) => trace.filter((x) => x.name.startsWith(prefix));
    const [start] = named('StartWorkflow:');
    expect([start?.service, start?.parentSpanId]).toEqual(['satupintu-api', root.spanId]);
    const [run] = named('RunWorkflow:');
    expect([run?.service, run?.name.replace(/v\d+$/, 'vN'), run?.parentSpanId]).toEqual(['satupintu-worker', 'RunWorkflow:permit_SKDU_vN', start.spanId]);
    const scheduled = new Set(named('StartActivity:').map((x) => x.spanId));
    const projections = named('RunActivity:projectApplication');
    expect(projections.length).toBeGreaterThan(0);
    expect(projections.filter((x) => x.service !== 'satupintu-worker' || !scheduled.has(x.parentSpanId))).toEqual([]);
    // The webhook delivery the projection handed over (to a back office that is down) is part of the same trace.
    expect(named('RunActivity:deliverWebhookEvent').length).toBeGreaterThan(0);
    // The replayed submit is a trace of its own that starts no workflow; the decisions are traces of their own too.
    expect(others.map((o) => traced.filter((x) => x.traceId === o.traceId && x.name.startsWith('StartWorkflow:')).length)).toEqual([0]);
    expect(trace.filter((x) => x.service === 'satupintu-api' && x.name.startsWith('POST '))).toHaveLength(1);
  });

  it('serves every metric the Grafana dashboard queries (those counting rare events once they happened)', async () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(ROOT, 'docker', 'grafana', 'satupintu.json'), 'utf8')) as { panels: Array<{ targets?: Array<{ expr: string }> }> };
    const queried = new Set(dashboard.panels.flatMap((panel) => (panel.targets ?? []).flatMap((t) => t.expr.match(/\b(satupintu|temporal)_\w+/g) ?? [])));
    const served = new Set([...(await scrapeApi()), ...(await scrapeWorker())].map((x) => x.name));
    // Counters with labels appear at their first event; this flow escalates nothing and fails no workflow.
    const afterFirstEvent = new Set(['satupintu_escalations_fired_total', 'temporal_workflow_failed_total']);
    expect([...queried].filter((name) => !served.has(name) && !afterFirstEvent.has(name))).toEqual([]);
    expect(queried.size).toBeGreaterThan(10);
  });
});
