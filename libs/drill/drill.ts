// The crash drill: the platform as `npm start` runs it, applications filed at a steady rate and
// decided as they come, each part killed with SIGKILL in turn while requests are in flight. Then three
// ledgers are compared: what the client was acknowledged, what Temporal holds, what the read model holds.
import { Client, Connection } from '@temporalio/client';
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client as PgClient } from 'pg';
import { mintToken, Principal } from '../auth/token';
import { DEV_JWT_SECRET } from '../config/config';
import type { InboxTaskOf } from '../domain/inbox-task';
import { type ApplicationStatus, isFinalStatus } from '../domain/statuses';
import { Integrator } from './integrator';
import { freePlatformPorts, launchPlatform, newDataDir, PlatformProcess, processToKill } from './platform-process';

export const PARTS = ['worker', 'api', 'temporal', 'postgres'] as const;
/** Cluster mode: one of each Temporal service but the system worker, one of two workers, one of two API processes. */
export const CLUSTER_PARTS = ['temporal-history', 'temporal-matching', 'temporal-frontend', 'worker', 'api', 'postgres'] as const;
export type Part = (typeof PARTS)[number] | (typeof CLUSTER_PARTS)[number];

export interface DrillOptions {
  applications: number;
  parts: Part[];
  /** Progress lines (stderr in the CLI). */
  log: (line: string) => void;
  /** Keep the data directory for a post-mortem. */
  keep?: boolean;
  /** The platform as `npm start -- --cluster` runs it. */
  cluster?: boolean;
  /**
   * Runs once the platform is ready, before the drill (a test's own walk through it); answers the ids
   * of the applications it filed, so the ledgers count them as acknowledged, not orphaned.
   */
  onReady?: (platform: PlatformProcess) => Promise<string[]>;
}

export interface DrillResult {
  applications: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  orphaned: number;
  readModelMismatches: number;
  handRestarts: number;
  recoverySeconds: Partial<Record<Part, number>>;
  decisions: number;
  retries: number;
  seconds: number;
}

/** Where applications are filed and for what place: several offices and outlets, several kelurahan. */
const OFFICES = ['kel-31.71.01.1001', 'kec-31.71.01', 'outlet-mall-kota-kasablanka', 'outlet-mpp-jakarta', 'kel-31.74.01.1001'];
const KELURAHAN = ['31.71.01.1001', '31.71.01.1002', '31.74.01.1001'];
/** How long a part may take to come back by itself before it counts as needing a person. */
const RECOVERY_LIMIT_MS = 60_000;
/** Load keeps flowing this long before each kill. */
const STEADY_BEFORE_KILL_MS = 3_000;

/** What the drill reads of an open task from GET /v1/tasks. */
type OpenTask = Pick<InboxTaskOf<string>, 'id' | 'applicationId' | 'agency' | 'officeId' | 'dueAt'>;

interface PermitType {
  code: string;
  dataSchema: { examples: Array<Record<string, unknown>> };
}

const digest = (s: string) => createHash('sha256').update(s).digest()[0];

export async function runDrill(o: DrillOptions): Promise<DrillResult> {
  const began = Date.now();
  const dataDir = newDataDir('drill');
  const ports = await freePlatformPorts(o.cluster);
  o.log(`starting the platform${o.cluster ? ' in cluster mode' : ''} in ${dataDir} (API on ${ports.api})`);
  // The supervisor's own lines (restarts, how long each took) interleave with the drill's.
  const { platform, ready } = launchPlatform({ dataDir, ports, cluster: o.cluster, onLine: (l) => (l.startsWith('[satupintu]') && !l.includes('  ') ? o.log(l) : undefined) });
  try {
    await ready;
    const filedBefore = (await o.onReady?.(platform)) ?? [];
    return await drill(platform, o, began, filedBefore);
  } finally {
    await platform.stop();
    if (!o.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function drill(platform: PlatformProcess, o: DrillOptions, began: number, filedBefore: string[]): Promise<DrillResult> {
  const api = new Integrator(platform.baseUrl);
  const token = (p: Principal) => mintToken(DEV_JWT_SECRET, p);
  const kiosks = await Promise.all([1, 2, 3].map((n) => token({ sub: `drill-kiosk-${n}`, role: 'integrator' })));
  const admin = await token({ sub: 'drill-admin', role: 'admin' });
  const types = (await api.call<{ items: PermitType[] }>('GET', '/v1/permit-types', { token: admin })).body.items;

  // The ledger of the client: for each key, every application id it was acknowledged with.
  const acknowledged = new Map<string, Set<string>>();
  const ownerOf = new Map<string, string>();
  let retries = 0;
  let decisions = 0;
  let next = 0;
  // One application per kill is the probe that measures recovery; the steady flow files the others.
  let probesLeft = o.parts.length;

  const submitOne = async (probe = false): Promise<string | undefined> => {
    if (probe) probesLeft--;
    if (next >= o.applications - (probe ? 0 : probesLeft)) return undefined;
    const n = next++;
    const type = types[n % types.length];
    const key = `drill-${n}-${randomUUID()}`;
    const kiosk = kiosks[n % kiosks.length];
    const answer = await api.call('POST', '/v1/applications', {
      token: kiosk,
      idempotencyKey: key,
      giveUpAfterMs: 10 * 60_000,
      body: {
        permitType: type.code,
        applicant: { nik: '3171014101900003', name: 'Peserta Latihan', phone: '081200000000' },
        receivingOfficeId: OFFICES[n % OFFICES.length],
        location: { kelurahanCode: KELURAHAN[n % KELURAHAN.length], address: `Jl. Latihan No. ${n}` },
        data: type.dataSchema.examples[0],
        documents: [],
      },
    });
    retries += answer.attempts - 1;
    if (answer.status !== 200 && answer.status !== 201) {
      o.log(`application ${n} (${type.code}) refused: ${answer.status} ${String(JSON.stringify(answer.body ?? null)).slice(0, 200)}`);
      return undefined;
    }
    const ids = acknowledged.get(key) ?? new Set<string>();
    ids.add(answer.body.id);
    acknowledged.set(key, ids);
    ownerOf.set(answer.body.id, kiosk);
    return answer.body.id as string;
  };

  // Decisions: every open task, as the approver of its agency and office; one application in ten is rejected.
  const deciding = new Set<string>();
  let decisionsInFlight = 0;
  const decide = async (task: OpenTask) => {
    decisionsInFlight++;
    const approver = await token({ sub: `drill-${task.agency}-${task.officeId}`, role: 'approver', agency: task.agency, office: task.officeId, position: 'head' });
    const reject = digest(task.applicationId) % 10 === 0;
    const answer = await api.call('POST', `/v1/tasks/${task.id}/decision`, {
      token: approver,
      idempotencyKey: `drill-decision-${task.id}`,
      giveUpAfterMs: 10 * 60_000,
      body: reject ? { decision: 'reject', note: 'Berkas tidak lengkap (latihan)' } : { decision: 'approve', note: 'Sesuai (latihan)' },
    });
    retries += answer.attempts - 1;
    const settled = answer.status === 200 || (answer.status === 409 && /task-not-open|application-closed/.test(String(answer.body?.type)));
    if (answer.status === 200) decisions++;
    if (!settled) o.log(`decision on ${task.id} answered ${answer.status} ${String(JSON.stringify(answer.body ?? null)).slice(0, 200)}`);
    if (!settled) deciding.delete(task.id);
    decisionsInFlight--;
  };
  const decisionsOnTheWire = new Set<Promise<void>>();
  let deciderOn = true;
  const decider = (async () => {
    while (deciderOn) {
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: OpenTask[]; nextCursor: string | null } } = await api.once('GET', `/v1/tasks?status=open&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: admin });
        if (page.status !== 200) break;
        for (const t of page.body.items) {
          if (deciding.has(t.id) || !t.dueAt) continue;
          deciding.add(t.id);
          const pending = decide(t);
          decisionsOnTheWire.add(pending);
          void pending.finally(() => decisionsOnTheWire.delete(pending));
        }
        cursor = page.body.nextCursor;
      } while (cursor);
      await sleep(500);
    }
  })();

  // Filing at a steady rate, spread over the kills.
  const inFlight = new Set<Promise<unknown>>();
  const rate = Math.max(1, o.applications / Math.max(20, o.parts.length * 12));
  let filing = true;
  const filer = (async () => {
    while (filing && next < o.applications - probesLeft) {
      const p = submitOne();
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      await sleep(1000 / rate);
    }
  })();

  const recoverySeconds: Partial<Record<Part, number>> = {};
  let handRestarts = 0;
  for (const part of o.parts) {
    await sleep(STEADY_BEFORE_KILL_MS);
    // Strike while requests are on the wire, as a real crash would.
    for (const until = Date.now() + 2_000; inFlight.size + decisionsInFlight === 0 && Date.now() < until; ) await sleep(5);
    const pid = processToKill(platform, part);
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    o.log(`killed ${part} (pid ${pid}) with ${inFlight.size} submits and ${decisionsInFlight} decisions in flight`);
    const seconds = await tookWorkAgain(api, submitOne, ownerOf, killedAt);
    if (seconds === undefined) {
      handRestarts++;
      o.log(`${part} did not take work again within ${RECOVERY_LIMIT_MS / 1000} s`);
    } else {
      recoverySeconds[part] = seconds;
      o.log(`${part}: the platform took work again after ${seconds.toFixed(1)} s`);
    }
  }
  await filer;
  filing = false;
  await Promise.all([...inFlight]);

  // Every acknowledged application decided until final, as the read model sees it.
  const ids = [...new Set([...acknowledged.values()].flatMap((s) => [...s]))];
  const db = new PgClient({ connectionString: platform.databaseUrl });
  await db.connect();
  try {
    const finishBy = Date.now() + 10 * 60_000;
    for (let last = ''; Date.now() < finishBy; await sleep(1000)) {
      const { rows } = await db.query(`SELECT count(*)::int AS open FROM application WHERE id = ANY($1) AND status NOT IN ('issued','rejected','withdrawn','lapsed')`, [ids]);
      const [{ present }] = (await db.query(`SELECT count(*)::int AS present FROM application WHERE id = ANY($1)`, [ids])).rows;
      const line = `${ids.length} acknowledged, ${present} in the read model, ${rows[0].open} not final yet, ${decisions} decisions`;
      if (line !== last) o.log(line);
      last = line;
      if (rows[0].open === 0 && present === ids.length) break;
    }
    deciderOn = false;
    await decider;
    await Promise.all([...decisionsOnTheWire]);
    const ledgers = await compare(platform, db, acknowledged, filedBefore);
    return { applications: o.applications, acknowledged: ids.length, ...ledgers, handRestarts, recoverySeconds, decisions, retries, seconds: Math.round((Date.now() - began) / 1000) };
  } finally {
    deciderOn = false;
    await db.end();
  }
}

/**
 * Seconds from the kill until the platform took work again: a new application, filed after the kill,
 * acknowledged and given its first task with a due time (which needs the API, Temporal, the worker and
 * PostgreSQL all working). Undefined when that takes longer than RECOVERY_LIMIT_MS.
 */
async function tookWorkAgain(api: Integrator, submitOne: (probe: boolean) => Promise<string | undefined>, ownerOf: Map<string, string>, killedAt: number): Promise<number | undefined> {
  const id = await submitOne(true);
  if (!id) return undefined;
  if (process.env.DRILL_DEBUG) process.stderr.write(`probe application ${id}\n`);
  while (Date.now() - killedAt < RECOVERY_LIMIT_MS) {
    const r = await api.once('GET', `/v1/applications/${id}`, { token: ownerOf.get(id)! });
    if (r.status === 200 && (isFinalStatus(r.body.status as ApplicationStatus) || r.body.openTasks.some((t: { dueAt: string | null }) => t.dueAt))) return (Date.now() - killedAt) / 1000;
    await sleep(200);
  }
  return undefined;
}

async function compare(platform: PlatformProcess, db: PgClient, acknowledged: Map<string, Set<string>>, filedBefore: string[]) {
  const connection = await Connection.connect({ address: platform.temporalAddress });
  try {
    const temporal = new Client({ connection });
    const inTemporal: string[] = [];
    for await (const wf of temporal.workflow.list()) if (wf.workflowId.startsWith('application-')) inTemporal.push(wf.workflowId.slice('application-'.length));
    const temporalSet = new Set(inTemporal);
    const ackedIds = new Set([...acknowledged.values()].flatMap((s) => [...s]));
    const { rows } = await db.query<{ id: string; status: string }>(`SELECT id, status FROM application`);
    const readModel = new Map(rows.map((r) => [r.id, r.status]));
    let mismatches = 0;
    for (const id of new Set([...temporalSet, ...readModel.keys()])) {
      if (!temporalSet.has(id) || !readModel.has(id)) {
        mismatches++;
        continue;
      }
      const view = await temporal.workflow.getHandle(`application-${id}`).query<{ status: string }>('view');
      if (view.status !== readModel.get(id)) mismatches++;
    }
    return {
      lost: [...ackedIds].filter((id) => !temporalSet.has(id)).length,
      duplicated: inTemporal.length - temporalSet.size + [...acknowledged.values()].reduce((n, s) => n + s.size - 1, 0),
      orphaned: [...temporalSet].filter((id) => !ackedIds.has(id) && !filedBefore.includes(id)).length,
      readModelMismatches: mismatches,
    };
  } finally {
    await connection.close();
  }
}
