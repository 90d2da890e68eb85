// The permit worker's own Prometheus metrics (the Temporal SDK's exporter, WORKER_METRICS_PORT): its
// sticky cache (hits, misses, forced evictions, size) and how long its workflow tasks take, so the
// bench can say whether a decision was served from the cache or by replaying the whole history.
export type WorkerMetrics = Record<string, number>;

/** Sums every series of the metrics the bench reads (labels dropped); {} when the endpoint does not answer. */
export async function scrapeWorkerMetrics(url: string | undefined): Promise<WorkerMetrics> {
  if (!url) return {};
  const text = await fetch(url).then((r) => (r.ok ? r.text() : ''), () => '');
  const out: WorkerMetrics = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^(temporal_(?:sticky_cache_[a-z_]+|workflow_task_[a-z_]+_(?:sum|count|total)))(?:\{[^}]*\})?\s+([0-9.eE+-]+)$/);
    if (m) out[m[1]] = (out[m[1]] ?? 0) + Number(m[2]);
  }
  return out;
}

/** What changed between two scrapes (gauges such as the cache size are reported as they stand in `after`). */
export function metricsDelta(before: WorkerMetrics, after: WorkerMetrics): WorkerMetrics {
  const out: WorkerMetrics = {};
  for (const [k, v] of Object.entries(after)) out[k] = /size$/.test(k) ? v : Math.round((v - (before[k] ?? 0)) * 1000) / 1000;
  return out;
}
