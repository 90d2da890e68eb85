// The one place that reads process.env. Everything else receives a typed AppConfig.

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  databaseUrl: string;
  temporal: { address: string; namespace: string; taskQueue: string };
  auth: { jwtSecret?: string; jwksUrl?: string; issuer?: string; audience?: string; clockToleranceSec: number };
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
}

export class ConfigError extends Error {}

/** Development secret: fine on a laptop, refused in production (see loadConfig). */
export const DEV_JWT_SECRET = 'satupintu-dev-secret-change-me-in-production';

function int(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const mode = (env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development') as AppConfig['env'];
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new ConfigError('DATABASE_URL is not set: npm start sets it for the embedded PostgreSQL; set it yourself otherwise');
  const jwtSecret = env.JWT_SECRET ?? (mode === 'production' ? undefined : DEV_JWT_SECRET);
  const jwksUrl = env.JWKS_URL || undefined;
  if (mode === 'production' && !jwtSecret && !jwksUrl) throw new ConfigError('production needs JWT_SECRET or JWKS_URL');
  if (mode === 'production' && jwtSecret === DEV_JWT_SECRET) throw new ConfigError('JWT_SECRET is the development secret: set a real one');
  const port = int('PORT', env.PORT, 3000);
  return {
    env: mode,
    port,
    databaseUrl,
    temporal: {
      address: env.TEMPORAL_ADDRESS || 'localhost:7233',
      namespace: env.TEMPORAL_NAMESPACE || 'default',
      taskQueue: env.TEMPORAL_TASK_QUEUE || 'satupintu-permits',
    },
    auth: {
      jwtSecret,
      jwksUrl,
      issuer: env.JWT_ISSUER || undefined,
      audience: env.JWT_AUDIENCE || undefined,
      clockToleranceSec: int('JWT_CLOCK_TOLERANCE_SEC', env.JWT_CLOCK_TOLERANCE_SEC, 30),
    },
    publicBaseUrl: env.PUBLIC_BASE_URL || `http://localhost:${port}`,
    logLevel: env.LOG_LEVEL || (mode === 'test' ? 'silent' : 'info'),
    http: {
      corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      rateLimit: { limit: int('RATE_LIMIT', env.RATE_LIMIT, 100_000), windowSec: int('RATE_LIMIT_WINDOW_SEC', env.RATE_LIMIT_WINDOW_SEC, 60) },
      idempotency: { ttlHours: int('IDEMPOTENCY_TTL_HOURS', env.IDEMPOTENCY_TTL_HOURS, 24), lockSec: int('IDEMPOTENCY_LOCK_SEC', env.IDEMPOTENCY_LOCK_SEC, 10) },
    },
    webhooks: { allowInsecureTargets: env.WEBHOOK_ALLOW_INSECURE_TARGETS ? env.WEBHOOK_ALLOW_INSECURE_TARGETS === 'true' : mode !== 'production' },
    reports: { maxRangeDays: int('REPORTS_MAX_RANGE_DAYS', env.REPORTS_MAX_RANGE_DAYS, 366) },
    smsGateway: smsGatewayOf(env),
    smtp: env.SMTP_HOST
      ? { host: env.SMTP_HOST, port: int('SMTP_PORT', env.SMTP_PORT, 25), from: env.SMTP_FROM || 'noreply@satupintu.local' }
      : undefined,
  };
}
