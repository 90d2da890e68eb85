import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AgencyTaskCounts, MetricsRepository } from './metrics.repository';

/** How long one reading of the read model serves scrapes: N replicas scraped every 15 s ask it a few times a minute. */
export const BUSINESS_GAUGES_TTL_MS = 5000;

/** Prometheus text exposition format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

export type IdempotencyOutcome = 'replayed' | 'key_reused' | 'in_flight';

/**
 * The API process's Prometheus metrics, in a registry of its own (a second app in the same process,
 * as in tests, keeps its own counts): HTTP requests by route template and status, idempotency replays
 * and refusals, rate-limit refusals, the business gauges and Node's process metrics.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'satupintu_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status: latency in seconds (its _count is the request rate)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly idempotency = new Counter({
    name: 'satupintu_idempotency_outcomes_total',
    help: 'POSTs answered from the Idempotency-Key store (replayed) or refused by it (key_reused, in_flight)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: 'satupintu_rate_limit_refusals_total',
    help: 'Requests refused with 429 because the caller exceeded its budget',
    registers: [this.registry],
  });
  private snapshot?: { at: number; counts: Promise<AgencyTaskCounts[]>; applications: Promise<number> };

  constructor(private readonly repository: MetricsRepository) {
    collectDefaultMetrics({ register: this.registry });
    // PostgreSQL down: the gauges are left out of that scrape (stale in Prometheus), the rest is served.
    const counts = () => this.read().counts.catch(() => [] as AgencyTaskCounts[]);
    const applications = () => this.read().applications.catch(() => undefined);
    const registry = this.registry;
    const byAgency = (name: string, help: string, value: (row: AgencyTaskCounts) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['agency'] as const,
        registers: [registry],
        async collect() {
          this.reset();
          for (const row of await counts()) this.set({ agency: row.agency }, value(row));
        },
      });
    byAgency('satupintu_tasks_open', 'Open tasks (steps waiting on an agency), by agency', (row) => row.open);
    byAgency('satupintu_tasks_overdue', 'Open tasks past their due time (libs/domain overdue rule), by agency', (row) => row.overdue);
    new Gauge({
      name: 'satupintu_applications_open',
      help: 'Applications in review or awaiting the applicant',
      registers: [this.registry],
      async collect() {
        const n = await applications();
        if (n === undefined) this.reset();
        else this.set(n);
      },
    });
  }

  /** Called once per request when its answer is sent: `route` is the route template, never the URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status }, seconds);
    // 429 is the rate limit's answer and nothing else's (common/problem.ts): counted here, whatever keeps the budget.
    if (status === 429) this.rateLimited.inc();
  }

  idempotencyOutcome(outcome: IdempotencyOutcome): void {
    this.idempotency.inc({ outcome });
  }

  /** Prometheus text exposition format; the business gauges come from a reading at most BUSINESS_GAUGES_TTL_MS old. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** One reading of the read model shared by the gauges and by scrapes close together. */
  private read(): { counts: Promise<AgencyTaskCounts[]>; applications: Promise<number> } {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.at > BUSINESS_GAUGES_TTL_MS) {
      const snapshot = { at: now, counts: this.repository.tasksByAgency(), applications: this.repository.openApplications() };
      // A failed reading is not kept: the next scrape asks again.
      const forget = () => {
        if (this.snapshot === snapshot) this.snapshot = undefined;
      };
      snapshot.counts.catch(forget);
      snapshot.applications.catch(forget);
      this.snapshot = snapshot;
    }
    return this.snapshot;
  }
}
