import { DataSource } from 'typeorm';
import { InitialSchema1732300000000 } from './migrations/1732300000000-initial-schema';
import { ApiWebhooks1732450000000 } from './migrations/1732450000000-api-webhooks';
import { Accountability1795400000000 } from './migrations/1795400000000-accountability';
import { ReportRollups1795400000001 } from './migrations/1795400000001-report-rollups';
import { RollupTriggerGates1795400000002 } from './migrations/1795400000002-rollup-trigger-gates';
import { OfficeRollupsByPermitType1795400000003 } from './migrations/1795400000003-office-rollups-by-permit-type';
import { WorkerHeartbeat1795400000004 } from './migrations/1795400000004-worker-heartbeat';
import { TaskClaims1795400000010 } from './migrations/1795400000010-task-claims';
import { ApplicantNotices1795415000000 } from './migrations/1795415000000-applicant-notices';
import { OpenSteps1795400000011 } from './migrations/1795400000011-open-steps';
import { RateLimitWindow1795400000012 } from './migrations/1795400000012-rate-limit-window';
import { InboxOrder1795420000000 } from './migrations/1795420000000-inbox-order';
import { ComplaintWorkflows1795500000000 } from './migrations/1795500000000-complaint-workflows';
import { AdminCalendar1795510000000 } from './migrations/1795510000000-admin-calendar';
import { OutletSessions1795520000000 } from './migrations/1795520000000-outlet-sessions';
import { AuditResubmissionChanges1795530000000 } from './migrations/1795530000000-audit-resubmission-changes';
import { CalendarChange1795550000000 } from './migrations/1795550000000-calendar-change';
import { EscalationPermitType1795560000000 } from './migrations/1795560000000-escalation-permit-type';
import { HandOffRollupAllTypes1795560000001 } from './migrations/1795560000001-handoff-rollup-all-types';
import { OpenStepCounts1795560000002 } from './migrations/1795560000002-open-step-counts';
import { RollupLockOrder1795560000003 } from './migrations/1795560000003-rollup-lock-order';
import { ClosedAttemptBucket1795560000004 } from './migrations/1795560000004-closed-attempt-bucket';
import { DecidedIndexHandOff1795560000005 } from './migrations/1795560000005-decided-index-handoff';
import { StaticRollupTriggers1795560000006 } from './migrations/1795560000006-static-rollup-triggers';
import { YearlyRollups1795560000007 } from './migrations/1795560000007-yearly-rollups';
import { HandOffBucket1795560000008 } from './migrations/1795560000008-handoff-bucket';

export const MIGRATIONS = [
  InitialSchema1732300000000,
  ApiWebhooks1732450000000,
  Accountability1795400000000,
  ReportRollups1795400000001,
  RollupTriggerGates1795400000002,
  OfficeRollupsByPermitType1795400000003,
  WorkerHeartbeat1795400000004,
  TaskClaims1795400000010,
  OpenSteps1795400000011,
  RateLimitWindow1795400000012,
  ApplicantNotices1795415000000,
  InboxOrder1795420000000,
  ComplaintWorkflows1795500000000,
  AdminCalendar1795510000000,
  OutletSessions1795520000000,
  AuditResubmissionChanges1795530000000,
  CalendarChange1795550000000,
  EscalationPermitType1795560000000,
  HandOffRollupAllTypes1795560000001,
  OpenStepCounts1795560000002,
  RollupLockOrder1795560000003,
  ClosedAttemptBucket1795560000004,
  DecidedIndexHandOff1795560000005,
  StaticRollupTriggers1795560000006,
  YearlyRollups1795560000007,
  HandOffBucket1795560000008,
];

/**
 * How long a pooled connection may sit idle before the pool closes it. node-postgres closes them after
 * 10 s by default, so every lull of over 10 s shrank the pool and the next burst opened new
 * connections. A new connection is a new PostgreSQL backend: it connects (8-15 ms here) and then plans
 * the projection's statement and every rollup trigger's statements again on its first write (13-49 ms
 * against 3-4 ms on a warm one). In one bench run the slowest decisions all came in the first two
 * seconds after a lull, 150-200 ms each in the worker (docs/perf/2026-11-30-api-performance.md,
 * 1 December, late evening). Ten minutes keeps the pool warm through a working day's lulls and still
 * lets it shrink overnight.
 */
export const POOL_IDLE_TIMEOUT_MS = 10 * 60_000;

/** Connections a process's pool opens at most unless told otherwise (the worker's). */
export const DEFAULT_POOL_SIZE = 10;

/** The read model's DataSource. Schema changes are migrations only: `synchronize` stays off. */
export function createDataSource(url: string, opts: { poolSize?: number; applicationName?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: {
      max: opts.poolSize ?? DEFAULT_POOL_SIZE,
      application_name: opts.applicationName ?? 'satupintu',
      idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
      // Idle connections do not keep a process alive: a script that is done exits as it did with the
      // 10-second default, without waiting ten minutes for its pool.
      allowExitOnIdle: true,
    },
  });
}

export async function migrate(ds: DataSource): Promise<string[]> {
  const ran = await ds.runMigrations({ transaction: 'each' });
  return ran.map((m) => m.name);
}
