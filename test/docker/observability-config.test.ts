// Static checks of the observability files in docker/: Prometheus scrapes the ports .env.example
// gives the API and the workers, and the Grafana dashboard is one an import accepts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const envExample = Object.fromEntries(
  fs
    .readFileSync(path.join(ROOT, '.env.example'), 'utf8')
    .split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);

describe('docker/prometheus/prometheus.yml', () => {
  const config = parse(fs.readFileSync(path.join(ROOT, 'docker', 'prometheus', 'prometheus.yml'), 'utf8')) as {
    scrape_configs: Array<{ job_name: string; dns_sd_configs: Array<{ names: string[]; port: number }> }>;
  };
  const job = (name: string) => config.scrape_configs.find((j) => j.job_name === name)?.dns_sd_configs[0];

  it("scrapes every API replica on METRICS_PORT and every worker on WORKER_METRICS_PORT, as .env.example sets them", () => {
    expect(job('satupintu-api')).toEqual({ names: ['api'], type: 'A', port: Number(envExample.METRICS_PORT) });
    expect(job('satupintu-worker')).toEqual({ names: ['worker'], type: 'A', port: Number(envExample.WORKER_METRICS_PORT) });
  });
});

describe('docker/grafana/satupintu.json', () => {
  type Panel = { id: number; type: string; title: string; datasource?: { uid: string }; targets?: Array<{ refId: string; expr: string }> };
  const dashboard = JSON.parse(fs.readFileSync(path.join(ROOT, 'docker', 'grafana', 'satupintu.json'), 'utf8')) as {
    uid: string;
    panels: Panel[];
    templating: { list: Array<{ name: string; type: string; query: string }> };
  };

  it('asks for its Prometheus data source on import, and every query panel uses it', () => {
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }));
    const queries = dashboard.panels.filter((p) => p.type !== 'row');
    expect(queries.filter((p) => p.datasource?.uid !== '${datasource}' || !p.targets?.length)).toEqual([]);
  });

  it('has unique panel ids and a panel for each thing an operator watches', () => {
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    for (const metric of [
      'satupintu_http_request_duration_seconds_count',
      'satupintu_http_request_duration_seconds_bucket',
      'temporal_workflow_task_execution_latency_bucket',
      'satupintu_tasks_open',
      'satupintu_tasks_overdue',
      'satupintu_escalations_fired_total',
    ]) {
      expect(exprs.some((e) => e.includes(metric))).toBe(true);
    }
  });
});
