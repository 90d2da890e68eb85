// The one place that reads process.env. Everything else receives a typed AppConfig.

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  /** API processes behind `port` (Node's cluster module, apps/api/src/cluster.ts); 1 runs main.ts alone. */
  apiProcesses: number;
  databaseUrl: string;
  /**
   * `maxCachedWorkflows`: how many open applications a worker keeps in its workflow cache (the rest are
   * replayed from history when their next task comes); see apps/worker/src/worker.factory.ts.
   */
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    maxCachedWorkflows?: number;
    /**
     * Whether workflow code records stacks (WORKER_WORKFLOW_STACKS=full): its errors' frames and the
     * `__stack_trace` query. Off by default: they were half of the workflow thread's CPU
     * (workflows/sandbox-stacks.ts).
     */
    workflowStacks?: boolean;
  };
  auth: {
    jwtSecret?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
    clockToleranceSec: number;
    /** The console's OpenID Connect sign-in (authorization code with PKCE) at the issuer the API trusts. */
    oidc?: { issuer: string; clientId: string; scope: string };
  };
  publicBaseUrl: string;
  logLevel: string;
  smtp?: { host: string; port: number; from: string };
  /** The SMS gateway for applicant notices (libs/notices/sms-protocol.ts); unset: a development sink outside production, email only in production. */
  smsGateway?: { url: string; keyId: string; secret: string; timeoutMs: number };
  /** The HTTP edge: browsers' origins allowed by CORS (none by default), per-caller rate limit, idempotency window. */
  http: {
    corsOrigins: string[];
    rateLimit: { limit: number; windowSec: number };
    idempotency: { ttlHours: number; lockSec: number };
  };
  /** Webhook targets: plain http and private addresses only outside production (SSRF). */
  webhooks: { allowInsecureTargets: boolean };
  /** Accountability reports: the widest period one report may cover. */
  reports?: { maxRangeDays: number };
  /** Metrics and traces (docs/operations.md, Observability). */
  observability?: ObservabilityConfig;
}

export interface ObservabilityConfig {
  /**
   * The API's GET /metrics: with `token`, only for `Authorization: Bearer <token>`; with `port`, also on a
   * listener of its own at host:port (reached by the scraper, never by the public load balancer).
   * Production without either answers 404 on the public port.
   */
  metrics: { token?: string; port?: number; host: string; open: boolean };
  /** The worker's Prometheus endpoint (the Temporal SDK's exporter), at host:workerPort/metrics; none when unset. */
  workerMetricsPort?: number;
  /** Where spans go by OTLP/HTTP (JSON); no tracing when unset. */
  otlpTracesUrl?: string;
}

export class ConfigError extends Error {}

/** Development secret: fine on a laptop, refused in production (see loadConfig). */
export const DEV_JWT_SECRET = 'satupintu-dev-secret-change-me-in-production';

/** The console's development sign-in: only while the development secret signs the tokens the API accepts. */
export function devSignInEnabled(config: Pick<AppConfig, 'env' | 'auth'>): boolean {
  return config.env !== 'production' && !config.auth.jwksUrl && config.auth.jwtSecret === DEV_JWT_SECRET;
}

function int(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function workflowStacksOf(raw: string | undefined): boolean {
  if (!raw || raw === 'off') return false;
  if (raw === 'full') return true;
  throw new ConfigError(`WORKER_WORKFLOW_STACKS must be "off" (the default) or "full", not "${raw}"`);
}

function smsGatewayOf(env: NodeJS.ProcessEnv): AppConfig['smsGateway'] {
  const url = env.SMS_GATEWAY_URL;
  if (!url) return undefined;
  const keyId = env.SMS_GATEWAY_KEY_ID;
  const secret = env.SMS_GATEWAY_SECRET;
  if (!keyId || !secret) throw new ConfigError('SMS_GATEWAY_URL is set: set SMS_GATEWAY_KEY_ID and SMS_GATEWAY_SECRET too (the shared key the gateway gave you)');
  if (!/^https?:\/\//.test(url)) throw new ConfigError(`SMS_GATEWAY_URL must be an http(s) URL, got "${url}"`);
  return { url, keyId, secret, timeoutMs: int('SMS_GATEWAY_TIMEOUT_MS', env.SMS_GATEWAY_TIMEOUT_MS, 10_000) };
}

function observabilityConfig(env: NodeJS.ProcessEnv, mode: AppConfig['env']): ObservabilityConfig {
  const port = env.METRICS_PORT ? int('METRICS_PORT', env.METRICS_PORT, 0) : undefined;
  const workerPort = env.WORKER_METRICS_PORT ? int('WORKER_METRICS_PORT', env.WORKER_METRICS_PORT, 0) : undefined;
  // OTEL_EXPORTER_OTLP_ENDPOINT is the collector's base URL (OpenTelemetry's convention); the traces one is the full URL.
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  return {
    metrics: { token: env.METRICS_TOKEN || undefined, port, host: env.METRICS_HOST || (mode === 'production' ? '0.0.0.0' : '127.0.0.1'), open: mode !== 'production' },
    workerMetricsPort: workerPort,
    otlpTracesUrl: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || (base ? `${base}/v1/traces` : undefined),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const mode = (env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development') as AppConfig['env'];
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new ConfigError('DATABASE_URL is not set: npm start sets it for the embedded PostgreSQL; set it yourself otherwise');
  const jwtSecret = env.JWT_SECRET ?? (mode === 'production' ? undefined : DEV_JWT_SECRET);
  const jwksUrl = env.JWKS_URL || undefined;
  if (mode === 'production' && !jwtSecret && !jwksUrl) throw new ConfigError('production needs JWT_SECRET or JWKS_URL');
  if (mode === 'production' && jwtSecret === DEV_JWT_SECRET) throw new ConfigError('JWT_SECRET is the development secret: set a real one');
  const port = int('PORT', env.PORT, 3000);
  const issuer = env.JWT_ISSUER || undefined;
  const clientId = env.OIDC_CLIENT_ID || undefined;
  if (clientId && (!issuer || !jwksUrl)) throw new ConfigError('OIDC_CLIENT_ID needs JWT_ISSUER and JWKS_URL: the console signs in at the issuer whose keys the API trusts');
  return {
    env: mode,
    port,
    apiProcesses: Math.max(1, int('API_PROCESSES', env.API_PROCESSES, 1)),
    databaseUrl,
    temporal: {
      address: env.TEMPORAL_ADDRESS || 'localhost:7233',
      namespace: env.TEMPORAL_NAMESPACE || 'default',
      taskQueue: env.TEMPORAL_TASK_QUEUE || 'satupintu-permits',
      ...(env.WORKER_MAX_CACHED_WORKFLOWS ? { maxCachedWorkflows: int('WORKER_MAX_CACHED_WORKFLOWS', env.WORKER_MAX_CACHED_WORKFLOWS, 0) } : {}),
      workflowStacks: workflowStacksOf(env.WORKER_WORKFLOW_STACKS),
    },
    auth: {
      jwtSecret,
      jwksUrl,
      issuer,
      audience: env.JWT_AUDIENCE || undefined,
      clockToleranceSec: int('JWT_CLOCK_TOLERANCE_SEC', env.JWT_CLOCK_TOLERANCE_SEC, 30),
      ...(clientId && issuer ? { oidc: { issuer, clientId, scope: env.OIDC_SCOPE || 'openid profile' } } : {}),
    },
    publicBaseUrl: env.PUBLIC_BASE_URL || `http://localhost:${port}`,
    logLevel: env.LOG_LEVEL || (mode === 'test' ? 'silent' : 'info'),
    http: {
      corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      rateLimit: { limit: int('RATE_LIMIT', env.RATE_LIMIT, 100_000), windowSec: int('RATE_LIMIT_WINDOW_SEC', env.RATE_LIMIT_WINDOW_SEC, 60) },
      idempotency: { ttlHours: int('IDEMPOTENCY_TTL_HOURS', env.IDEMPOTENCY_TTL_HOURS, 24), lockSec: int('IDEMPOTENCY_LOCK_SEC', env.IDEMPOTENCY_LOCK_SEC, 10) },
    },
    webhooks: { allowInsecureTargets: env.WEBHOOK_ALLOW_INSECURE_TARGETS ? env.WEBHOOK_ALLOW_INSECURE_TARGETS === 'true' : mode !== 'production' },
    observability: observabilityConfig(env, mode),
    reports: { maxRangeDays: int('REPORTS_MAX_RANGE_DAYS', env.REPORTS_MAX_RANGE_DAYS, 366) },
    smsGateway: smsGatewayOf(env),
    smtp: env.SMTP_HOST
      ? { host: env.SMTP_HOST, port: int('SMTP_PORT', env.SMTP_PORT, 25), from: env.SMTP_FROM || 'noreply@satupintu.local' }
      : undefined,
  };
}
