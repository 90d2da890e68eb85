// `npm run -s simulate -- --days D --applications N --seed S [--slow-agency CODE] [--start YYYY-MM-DD]
//    [--concurrency C] [--out FILE]`
//
// A month of Jakarta permit traffic through the real permit workflows, on Temporal's time-skipping test
// server, with the real worker and activities writing the real read model in PostgreSQL; then the agency
// and office league tables, computed by the same ReportsService the API answers with.
//
// Traffic: applications per administrative city in proportion to its population (BPS, Sensus Penduduk
// 2020), filed at the kelurahan, kecamatan or city PTSP of the applicant's area or at an outlet in the
// same city, on the days and hours that office is open, with a morning peak and an after-lunch bump; a
// mix of the eight permit types. Approvers are simulated agents: each agency decides after a log-normal
// number of business minutes (its median a share of the step deadline), rejects or asks for revisions now
// and then; applicants answer revisions (or let them lapse) and sometimes withdraw. `--slow-agency`
// makes one agency take three times its deadlines.
//
// Determinism (same seed, same tables): every random draw comes from a per-application generator seeded
// by (seed, application number), and is made in business-time terms. The test server's clock runs on in
// real time while the simulator works between two sleeps, so the instants it records drift from the
// simulated ones by the processing lag. The simulator keeps that drift out of every figure:
//  - decisions, resubmissions and withdrawals are delivered at 12:15 or 17:00 WIB, inside the lunch
//    break or after hours, when no business minute passes: a clock stopped or started there measures
//    exactly, and no deadline timer (always in working time) can fall at the same instant;
//  - applications are filed at hh:00:20 or hh:30:20, so a clock started at filing measures whole minutes
//    plus 40 s less the lag, and the reports count business time in whole minutes rounded up.
// This holds while the lag stays under 40 s at filing; the run prints the largest lag it saw.
import { Client, WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, WorkerOptions } from '@temporalio/worker';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { DataSource } from 'typeorm';
import { ReportsService } from '../apps/api/src/reports/reports.service';
import type { AgencyReportDto, OfficeReportDto } from '../apps/api/src/reports/sla/dto/sla.dto';
import { createPermitWorker, WORKFLOWS_PATH } from '../apps/worker/src/worker.factory';
import { BusinessCalendar, CalendarSnapshot, MINUTES_PER_BUSINESS_DAY } from '../libs/calendar';
import { createDataSource, migrate } from '../libs/database/data-source';
import { officeIdOf, seed as seedReadModel } from '../libs/database/seed';
import areasJson from '../libs/database/seed/dki-areas.json';
import outletsJson from '../libs/database/seed/outlets.json';
import { openScratchDatabase } from '../libs/dev/services';
import { evaluate, FlowNode, PermitDefinition, StepDef, stepsOf, toBusinessMinutes, workflowTypeOf } from '../libs/permit-dsl/definition';
import { loadToolchain } from '../libs/temporal/toolchain';
import {
  Actor,
  ApplicationView,
  decideUpdate,
  Decision,
  JurisdictionOffices,
  PermitInput,
  Refusal,
  resubmitUpdate,
  taskIdOf,
  withdrawUpdate,
  workflowIdOf,
} from '../workflows/messages';
import { findDefinition } from '../libs/permits';
import { FINAL_STATUSES, JAKARTA_ISO_OFFSET, JAKARTA_UTC_OFFSET_MS as WIB_MS } from '../libs/domain';

// ---- seeded randomness ----------------------------------------------------------------------------

/** A 32-bit generator (mulberry32): small, fast, and the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(...parts: Array<string | number>): number {
  return createHash('sha256').update(parts.join('\n')).digest().readUInt32LE(0);
}

type Rng = () => number;

function pick<T>(rng: Rng, items: ReadonlyArray<T>, weight: (t: T) => number = () => 1): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let x = rng() * total;
  for (const t of items) {
    x -= weight(t);
    if (x < 0) return t;
  }
  return items[items.length - 1];
}

/** A standard normal variate (Box-Muller). */
function normal(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

const logNormal = (rng: Rng, median: number, sigma: number) => median * Math.exp(sigma * normal(rng));

// ---- Jakarta: cities, offices, opening hours -------------------------------------------------------

/** Population of each administrative city and the regency, BPS Sensus Penduduk 2020. */
export const POPULATION_2020: Record<string, number> = {
  '31.01': 27_749, // Kepulauan Seribu
  '31.71': 1_056_896, // Jakarta Pusat
  '31.72': 1_778_981, // Jakarta Utara
  '31.73': 2_434_511, // Jakarta Barat
  '31.74': 2_226_812, // Jakarta Selatan
  '31.75': 3_037_139, // Jakarta Timur
};

interface Area {
  code: string;
  level: string;
  parentCode: string | null;
}

interface Outlet {
  id: string;
  parentAreaCode: string;
  schedule: Record<string, string[][]>;
}

const AREAS = (areasJson as { areas: Area[] }).areas;
const OUTLETS = outletsJson as Outlet[];
const levelOf = new Map(AREAS.map((a) => [a.code, a.level as 'province' | 'city' | 'regency' | 'kecamatan' | 'kelurahan']));
const KELURAHAN_BY_CITY = new Map<string, Area[]>();
for (const a of AREAS) {
  if (a.level !== 'kelurahan') continue;
  const city = a.code.slice(0, 5);
  KELURAHAN_BY_CITY.set(city, [...(KELURAHAN_BY_CITY.get(city) ?? []), a]);
}

function jurisdictionOf(kelurahanCode: string): JurisdictionOffices {
  const kecamatan = kelurahanCode.slice(0, 8);
  const city = kelurahanCode.slice(0, 5);
  return {
    province: officeIdOf('province', '31'),
    city: officeIdOf(levelOf.get(city)!, city),
    kecamatan: officeIdOf('kecamatan', kecamatan),
    kelurahan: officeIdOf('kelurahan', kelurahanCode),
  };
}

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_MS = 86_400_000;
/** The instant of a Jakarta wall-clock time on a Jakarta day (day number since 1970-01-01). */
const at = (day: number, hour: number, minute = 0, second = 0) => day * DAY_MS - WIB_MS + ((hour * 60 + minute) * 60 + second) * 1000;
const dayOf = (ms: number) => Math.floor((ms + WIB_MS) / DAY_MS);
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const weekdayOf = (day: number) => (day + 4) % 7; // 0 = Sunday

/** Counter arrivals over the civil-service day: a morning peak, a lunch dip, an after-lunch bump. */
const OFFICE_HOURS: Array<[number, number]> = [
  [8, 6],
  [9, 12],
  [10, 14],
  [11, 11],
  [12, 3],
  [13, 9],
  [14, 7],
  [15, 3],
];

/** Filing moments: on the half hour, 20 seconds past (see the determinism note at the top). */
function filingInstant(rng: Rng, day: number, hours: Array<[number, number]>): number {
  const [hour] = pick(rng, hours, ([, w]) => w);
  return at(day, hour, rng() < 0.5 ? 0 : 30, 20);
}

function outletHours(outlet: Outlet, day: number): Array<[number, number]> {
  const windows = outlet.schedule[WEEKDAY_KEYS[weekdayOf(day)]] ?? [];
  const hours: Array<[number, number]> = [];
  for (const [open, close] of windows) {
    const from = Number(open.slice(0, 2));
    const to = Number(close.slice(0, 2)) + (close.slice(3) === '00' ? 0 : 1);
    // Malls are busiest around lunch and after work.
    for (let h = from; h < to; h++) hours.push([h, h >= 11 && h <= 13 ? 10 : h >= 16 && h <= 19 ? 12 : 6]);
  }
  return hours;
}

// ---- permits and agents ----------------------------------------------------------------------------

interface PermitChoice {
  code: string;
  share: number;
  data: (rng: Rng, def: Readonly<PermitDefinition>) => Record<string, unknown>;
}

const example = (def: Readonly<PermitDefinition>, i = 0) => structuredClone(def.dataSchema.examples![i] as Record<string, unknown>);

/** The permit mix of a PTSP month: kelurahan letters and moves lead, building approvals follow. */
export const PERMIT_MIX: PermitChoice[] = [
  { code: 'SKDU', share: 28, data: (_r, d) => example(d) },
  { code: 'SK_PINDAH', share: 20, data: (_r, d) => example(d) },
  {
    code: 'PBG',
    share: 15,
    data: (rng, d) => {
      const x = rng();
      if (x < 0.7) return example(d, 0); // a house: the kecamatan decides
      if (x < 0.95) return { ...example(d, 1), function: 'usaha', floors: 6, basements: 1, heightM: 24, buildingAreaM2: 2400, landAreaM2: 900 }; // the city
      return example(d, 1); // a tower: the province, with fire and environment reviews in parallel
    },
  },
  { code: 'TDUP', share: 10, data: (_r, d) => example(d) },
  { code: 'SIP_DOKTER', share: 8, data: (_r, d) => example(d) },
  { code: 'REKLAME', share: 7, data: (_r, d) => example(d) },
  { code: 'SLF', share: 6, data: (_r, d) => example(d) },
  { code: 'IZIN_KERAMAIAN', share: 6, data: (_r, d) => example(d) },
];

/** Each agency's median decision time as a share of the step deadline (business time). */
export const AGENCY_PACE: Record<string, number> = {
  DPMPTSP: 0.2,
  DCKTRP: 0.45,
  DINKES: 0.3,
  DISPAREKRAF: 0.35,
  BAPENDA: 0.4,
  DISHUB: 0.4,
  DLH: 0.5,
  DUKCAPIL: 0.25,
  SATPOLPP: 0.4,
  DPKP: 0.45,
  KECAMATAN: 0.35,
  KELURAHAN: 0.3,
  WALIKOTA: 0.35,
};
const DEFAULT_PACE = 0.4;
const SLOW_PACE = 3;
const PACE_SIGMA = 0.45;
const REJECT_SHARE = 0.04;
const REVISION_SHARE = 0.08;
const WITHDRAW_SHARE = 0.02;
const LAPSE_SHARE = 0.15;

/** Officers per office of an agency: a kelurahan has few, a city or province desk more. */
const officersAt = (officeId: string) => (officeId.startsWith('kel-') ? 2 : officeId.startsWith('kec-') ? 3 : 5);

/** The steps that open first, for the application's data. */
function entrySteps(node: FlowNode, data: Record<string, unknown>): StepDef[] {
  switch (node.kind) {
    case 'step':
      return [node];
    case 'sequence':
      for (const child of node.steps) {
        const first = entrySteps(child, data);
        if (first.length > 0) return first;
      }
      return [];
    case 'parallel':
      return node.branches.flatMap((b) => entrySteps(b, data));
    case 'choice': {
      const branch = node.branches.find((b) => evaluate(b.when, data));
      const next = branch?.then ?? node.otherwise;
      return next ? entrySteps(next, data) : [];
    }
  }
}

// ---- the simulated month ---------------------------------------------------------------------------

type Action =
  | { kind: 'submit' }
  | { kind: 'decide'; taskId: string; stepId: string; agency: string; officeId: string; decision: Decision; officer: string }
  | { kind: 'resubmit' }
  | { kind: 'withdraw' };

interface Shard {
  k: number;
  env: TestWorkflowEnvironment;
  worker: Worker;
  client: Client;
  taskQueue: string;
  agenda: Map<number, Array<{ app: SimApp; action: Action }>>;
  /** The simulated day this shard has reached. */
  day: number;
}

interface SimApp {
  index: number;
  rng: Rng;
  def: Readonly<PermitDefinition>;
  input: PermitInput;
  filedAt: number;
  withdrawAfterMinutes?: number;
  handle?: WorkflowHandle;
  closed: boolean;
  known: Set<string>;
  openTasks: number;
}

export interface SimulationOptions {
  days: number;
  applications: number;
  seed: number;
  slowAgency?: string;
  /** First simulated day (a Jakarta date); the test server's clock must not have passed it. */
  start?: string;
  /** Updates and starts in flight at once, per shard. */
  concurrency?: number;
  /** Test servers (each with its own worker) sharing the applications; the tables do not depend on it. */
  shards?: number;
  /** A PostgreSQL server to create the simulation's database on; an embedded one otherwise. */
  databaseUrl?: string;
  /** The time-skipping test server binary; from the toolchain otherwise. */
  testServerPath?: string;
  /** A prebuilt workflow bundle (tests reuse theirs). */
  workflowBundle?: WorkerOptions['workflowBundle'];
  progress?: (line: string) => void;
}

export interface SimulationResult {
  simulation: {
    seed: number;
    days: number;
    applications: number;
    slowAgency: string | null;
    from: string;
    to: string;
    submitted: number;
    decisions: number;
    resubmissions: number;
    withdrawals: number;
    refused: number;
    /** Refused actions by refusal type: an agent deciding a step the application no longer waits on, mostly. */
    refusals: Record<string, number>;
  };
  agencies: AgencyReportDto;
  offices: OfficeReportDto;
  /** Not part of the result proper (they vary run to run): how long it took and the largest clock lag seen. */
  timing: { seconds: number; shards: number; maxFilingLagMs: number; maxSlotLagMs: number };
}

export const DEFAULT_START = '2027-08-02';

/** Decisions land at 12:15 or 17:00 WIB of a working day: the lunch break and after hours. */
function decisionSlotAtOrAfter(calendar: BusinessCalendar, ms: number): number {
  for (let day = dayOf(ms); ; day++) {
    if (calendar.closedDay(dateOf(day))) continue;
    for (const slot of [at(day, 12, 15), at(day, 17)]) if (slot >= ms) return slot;
  }
}

function refusalOf(err: unknown): string | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return err.cause.type ?? undefined;
  return undefined;
}

async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

/** Instants of the run in the output to the minute: the test server's clock drifts by the processing lag. */
function toMinute(iso: string): string {
  const ms = Date.parse(iso);
  return new Date(ms - (ms % 60_000)).toISOString();
}


export async function simulate(o: SimulationOptions): Promise<SimulationResult> {
  const started = process.hrtime.bigint();
  const progress = o.progress ?? (() => undefined);
  const calendar = new BusinessCalendar();
  const startDay = dayOf(Date.parse(`${o.start ?? DEFAULT_START}T00:00:00${JAKARTA_ISO_OFFSET}`));
  const from = at(startDay, 0);
  const to = at(startDay + o.days, 0);
  const concurrency = o.concurrency ?? 64;
  const definitions = new Map(PERMIT_MIX.map((p) => [p.code, findDefinition(p.code)!]));
  if (o.slowAgency) {
    const holders = new Set([...definitions.values()].flatMap((d) => stepsOf(d.flow).map((s) => s.agency)));
    if (!holders.has(o.slowAgency)) throw new Error(`--slow-agency ${o.slowAgency} holds no step of the simulated permits; one of ${[...holders].sort().join(', ')}`);
  }

  // Every application, drawn up front in number order, each from its own generator.
  const cities = Object.keys(POPULATION_2020);
  const apps: SimApp[] = [];
  // The calendar a PTSP desk attaches on the filing day, as the API does (one per day, shared).
  const snapshots = new Map<number, CalendarSnapshot>();
  const snapshotOn = (ms: number) => {
    const day = dayOf(ms);
    if (!snapshots.has(day)) snapshots.set(day, calendar.snapshotAround(new Date(ms)));
    return snapshots.get(day)!;
  };
  for (let index = 0; index < o.applications; index++) {
    const rng = prng(seedOf(o.seed, index));
    const city = pick(rng, cities, (c) => POPULATION_2020[c]);
    const kelurahan = pick(rng, KELURAHAN_BY_CITY.get(city)!);
    const jurisdiction = jurisdictionOf(kelurahan.code);
    const days = Array.from({ length: o.days }, (_, i) => startDay + i);
    const workingDays = days.filter((d) => !calendar.closedDay(dateOf(d)));
    // Outlets of the city open at least once in the period (some open one weekday, some weekends only).
    const outlets = OUTLETS.filter((x) => x.parentAreaCode.startsWith(city) && days.some((d) => outletHours(x, d).length > 0));
    const desk = pick(rng, ['kelurahan', 'kecamatan', 'city', 'outlet'] as const, (k) =>
      k === 'outlet' ? (outlets.length > 0 ? 12 : 0) : workingDays.length === 0 ? 0 : k === 'kelurahan' ? 55 : k === 'kecamatan' ? 25 : 8,
    );
    const outlet = desk === 'outlet' ? pick(rng, outlets) : undefined;
    const receivingOfficeId = outlet?.id ?? jurisdiction[desk as 'kelurahan' | 'kecamatan' | 'city'];
    const openDays = outlet ? days.filter((d) => outletHours(outlet, d).length > 0) : workingDays;
    if (openDays.length === 0) throw new Error(`no office is open in the ${o.days} simulated days from ${dateOf(startDay)}`);
    const day = pick(rng, openDays, (d) => (weekdayOf(d) === 1 ? 1.15 : weekdayOf(d) === 5 ? 0.85 : 1));
    const filedAt = filingInstant(rng, day, outlet ? outletHours(outlet, day) : OFFICE_HOURS);
    const choice = pick(rng, PERMIT_MIX, (p) => p.share);
    const def = definitions.get(choice.code)!;
    const id = createHash('sha256').update(`sim\n${o.seed}\n${index}`).digest('hex').toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, 20);
    const applicationId = `SIM${String(index).padStart(5, '0')}${id}`.slice(0, 24);
    apps.push({
      index,
      rng,
      def,
      filedAt,
      withdrawAfterMinutes: rng() < WITHDRAW_SHARE ? logNormal(rng, 3 * MINUTES_PER_BUSINESS_DAY, 0.6) : undefined,
      closed: false,
      known: new Set(),
      openTasks: 0,
      input: {
        applicationId,
        trackingCode: `S${applicationId.slice(3, 6)}-${applicationId.slice(6, 10)}-${applicationId.slice(10, 14)}`,
        permitType: def.code,
        definitionVersion: def.version,
        submittedBy: 'integrator-simulator',
        receivingOfficeId,
        applicant: { nik: '3100000000000000', name: `Pemohon ${index}` },
        location: { kelurahanCode: kelurahan.code, address: `Jl. Simulasi ${index}` },
        jurisdiction,
        data: choice.data(rng, def),
        documents: [],
        calendar: snapshotOn(filedAt),
      },
    });
  }

  // The agendas, one per shard: actions by simulated instant.
  const shardCount = Math.max(1, Math.min(o.shards ?? 4, apps.length));
  const agendas = Array.from({ length: shardCount }, () => new Map<number, Array<{ app: SimApp; action: Action }>>());
  const schedule = (instant: number, app: SimApp, action: Action) => {
    if (instant >= to) return;
    const agenda = agendas[app.index % shardCount];
    const list = agenda.get(instant);
    if (list) list.push({ app, action });
    else agenda.set(instant, [{ app, action }]);
  };
  for (const app of apps) schedule(app.filedAt, app, { kind: 'submit' });

  const paceOf = (agency: string) => (agency === o.slowAgency ? SLOW_PACE : (AGENCY_PACE[agency] ?? DEFAULT_PACE));
  const counts = { submitted: 0, decisions: 0, resubmissions: 0, withdrawals: 0, refused: 0 };
  const refusals: Record<string, number> = {};
  const refuse = (type: string) => {
    counts.refused++;
    refusals[type] = (refusals[type] ?? 0) + 1;
  };
  let maxFilingLagMs = 0;
  let maxSlotLagMs = 0;

  /** An agent takes up a task that opened at `clockStart` (a simulated instant) and picks when and what to decide. */
  const planDecision = (app: SimApp, clockStart: number, t: { id: string; stepId: string; agency: string; officeId: string; attempt: number; deadlineMinutes: number }, atFiling = false) => {
    app.known.add(t.id);
    const rng = app.rng;
    const minutes = Math.max(1, logNormal(rng, paceOf(t.agency) * t.deadlineMinutes * (t.attempt > 1 ? 0.5 : 1), PACE_SIGMA));
    const x = rng();
    const decision: Decision = x < REJECT_SHARE ? 'reject' : x < REJECT_SHARE + REVISION_SHARE && t.attempt === 1 && app.openTasks === 1 ? 'request_revision' : 'approve';
    const officer = `${t.agency.toLowerCase()}.${t.officeId}.${1 + Math.floor(rng() * officersAt(t.officeId))}`;
    // A step due within the working day (a signature, a registry check) that reaches the desk at a slot
    // is handled there and then when the agent is quick; otherwise it waits for the next slot after the
    // agent's business minutes have run. Not at the filing instant itself: the workflow opens its first
    // steps in its first task, and a decision sent before that would find no step to decide.
    const atDesk = !atFiling && t.deadlineMinutes < MINUTES_PER_BUSINESS_DAY && minutes <= t.deadlineMinutes / 2 && !calendar.isWorkingTime(new Date(clockStart));
    const when = atDesk ? clockStart : decisionSlotAtOrAfter(calendar, calendar.addBusinessMinutes(new Date(clockStart), minutes).getTime());
    schedule(when, app, { kind: 'decide', taskId: t.id, stepId: t.stepId, agency: t.agency, officeId: t.officeId, decision, officer });
  };

  const follow = (app: SimApp, view: ApplicationView, instant: number) => {
    if (FINAL_STATUSES.includes(view.status)) {
      app.closed = true;
      return;
    }
    app.openTasks = view.openTasks.length;
    if (view.status === 'awaiting_applicant') {
      if (app.rng() >= LAPSE_SHARE) {
        const answer = calendar.addBusinessMinutes(new Date(instant), Math.max(1, logNormal(app.rng, 1.5 * MINUTES_PER_BUSINESS_DAY, 0.6)));
        schedule(decisionSlotAtOrAfter(calendar, answer.getTime()), app, { kind: 'resubmit' });
      }
      return;
    }
    for (const t of [...view.openTasks].sort((a, b) => (a.stepId < b.stepId ? -1 : 1))) {
      if (!app.known.has(t.id)) planDecision(app, instant, t);
    }
  };

  const db = await openScratchDatabase(`sim_${o.seed}`, o.databaseUrl ?? process.env.DATABASE_URL);
  const shards: Shard[] = [];
  let ds: DataSource | undefined;
  try {
    ds = await createDataSource(db.url, { poolSize: 24, applicationName: 'satupintu-simulator' }).initialize();
    await migrate(ds);
    await seedReadModel(ds);
    const serverPath = o.testServerPath ?? loadToolchain().testServer.path ?? undefined;
    const workflowBundle = o.workflowBundle ?? (await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') }));
    // Several test servers, each with its own worker and its share of the applications (number modulo
    // the shard count). A time-skipping server handles one instant at a time; shards work in parallel.
    for (let k = 0; k < shardCount; k++) {
      const env = await TestWorkflowEnvironment.createTimeSkipping(serverPath ? { server: { executable: { type: 'existing-path', path: serverPath } } } : {});
      shards.push({ k, env, agenda: agendas[k], day: startDay } as Shard);
      if ((await env.currentTimeMs()) >= from) throw new Error(`the test server's clock is already past ${o.start ?? DEFAULT_START}: pass a later --start`);
      const taskQueue = `simulate-${o.seed}-${k}`;
      shards[k].taskQueue = taskQueue;
      shards[k].worker = await createPermitWorker({
        connection: env.nativeConnection,
        db: ds,
        config: { temporal: { address: '', namespace: env.namespace ?? 'default', taskQueue } },
        workflowBundle,
        calendar,
      });
      // A plain client: the test environment's own would unlock time skipping while it waits for a result.
      shards[k].client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
    }

    const perform = async (shard: Shard, app: SimApp, action: Action, instant: number) => {
      if (action.kind === 'submit') {
        app.handle = await shard.client.workflow.start(workflowTypeOf(app.def), { workflowId: workflowIdOf(app.input.applicationId), taskQueue: shard.taskQueue, args: [app.input] });
        counts.submitted++;
        const entry = entrySteps(app.def.flow, app.input.data);
        app.openTasks = entry.length;
        for (const s of [...entry].sort((a, b) => (a.id < b.id ? -1 : 1))) {
          planDecision(app, instant, {
            id: taskIdOf(app.input.applicationId, s.id, 1),
            stepId: s.id,
            agency: s.agency,
            officeId: app.input.jurisdiction[s.jurisdiction ?? 'province'],
            attempt: 1,
            deadlineMinutes: toBusinessMinutes(s.deadline),
          }, true);
        }
        if (app.withdrawAfterMinutes !== undefined) {
          schedule(decisionSlotAtOrAfter(calendar, calendar.addBusinessMinutes(new Date(instant), app.withdrawAfterMinutes).getTime()), app, { kind: 'withdraw' });
        }
        return;
      }
      if (app.closed || !app.handle) return;
      const actor: Actor =
        action.kind === 'decide'
          ? { sub: action.officer, role: 'approver', agency: action.agency, office: action.officeId }
          : { sub: 'integrator-simulator', role: 'integrator' };
      try {
        const view =
          action.kind === 'decide'
            ? await app.handle.executeUpdate(decideUpdate, { args: [{ taskId: action.taskId, decision: action.decision, note: action.decision === 'approve' ? undefined : 'simulasi', actor }] })
            : action.kind === 'resubmit'
              ? await app.handle.executeUpdate(resubmitUpdate, { args: [{ note: 'dokumen dilengkapi', actor }] })
              : await app.handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'tidak jadi', actor }] });
        counts[action.kind === 'decide' ? 'decisions' : action.kind === 'resubmit' ? 'resubmissions' : 'withdrawals']++;
        const last = view.timeline[view.timeline.length - 1];
        maxSlotLagMs = Math.max(maxSlotLagMs, Date.parse(last.at) - instant);
        maxFilingLagMs = Math.max(maxFilingLagMs, Date.parse(view.submittedAt) - app.filedAt);
        follow(app, view, instant);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) {
          // The run closed: before this action (refused), or with it, when the test server loses the
          // outcome of an Update that finished in the workflow's last task. The final view tells which.
          const view: ApplicationView = await app.handle.result();
          const applied = action.kind === 'decide' ? view.tasks.some((t) => t.id === action.taskId && t.decidedBy === action.officer) : action.kind === 'withdraw' && view.status === 'withdrawn';
          if (applied) counts[action.kind === 'decide' ? 'decisions' : 'withdrawals']++;
          else refuse(Refusal.ApplicationClosed);
          app.closed = true;
          return;
        }
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        refuse(refusal);
        if (refusal === Refusal.ApplicationClosed) app.closed = true;
      }
    };

    let reportedDay = startDay;
    const report = () => {
      const day = Math.min(...shards.map((x) => x.day));
      for (; reportedDay < day; reportedDay++) {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        progress(`day ${reportedDay - startDay + 1}/${o.days} ${dateOf(reportedDay)}: ${counts.submitted} filed, ${counts.decisions} decisions, ${counts.refused} refused, ${seconds.toFixed(1)} s`);
      }
    };
    const order = (a: Action) => (a.kind === 'submit' ? 0 : a.kind === 'decide' ? 1 : a.kind === 'resubmit' ? 2 : 3);
    const drive = async (shard: Shard) => {
      for (;;) {
        const next = Math.min(...shard.agenda.keys());
        if (!Number.isFinite(next)) break;
        shard.day = dayOf(next);
        report();
        const now = await shard.env.currentTimeMs();
        if (next > now) await shard.env.sleep(next - now);
        const due = shard.agenda.get(next)!;
        shard.agenda.delete(next);
        // One application's actions in order (a rejection cancels its sibling's decision); applications in parallel.
        const byApp = new Map<SimApp, Action[]>();
        for (const { app, action } of due) byApp.set(app, [...(byApp.get(app) ?? []), action]);
        const batches = [...byApp.entries()].sort(([a], [b]) => a.index - b.index);
        await pool(batches, concurrency, async ([app, actions]) => {
          actions.sort((a, b) => order(a) - order(b) || (a.kind === 'decide' && b.kind === 'decide' ? (a.stepId < b.stepId ? -1 : 1) : 0));
          for (const action of actions) await perform(shard, app, action, next);
        });
      }
      const now = await shard.env.currentTimeMs();
      if (to > now) await shard.env.sleep(to - now);
      shard.day = startDay + o.days;
      report();
    };
    await Promise.all(shards.map((shard) => shard.worker.runUntil(() => drive(shard))));

    const reports = new ReportsService(ds, { maxRangeDays: Math.max(366, o.days) }, calendar);
    const range = { from: new Date(from), to: new Date(to) };
    const [agencies, offices] = await Promise.all([reports.agencies({ range, asOf: new Date(to) }), reports.offices({ range, asOf: new Date(to) })]);
    for (const row of [...agencies.agencies, ...offices.offices.map((x) => x.fieldSteps)]) {
      if (row.oldestOverdue) row.oldestOverdue = { ...row.oldestOverdue, assignedAt: toMinute(row.oldestOverdue.assignedAt), dueAt: toMinute(row.oldestOverdue.dueAt) };
    }
    return {
      simulation: {
        seed: o.seed,
        days: o.days,
        applications: o.applications,
        slowAgency: o.slowAgency ?? null,
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        ...counts,
        refusals: Object.fromEntries(Object.entries(refusals).sort(([a], [b]) => (a < b ? -1 : 1))),
      },
      agencies,
      offices,
      timing: { seconds: Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100, shards: shardCount, maxFilingLagMs, maxSlotLagMs },
    };
  } finally {
    await Promise.all(shards.map((x) => x.env.teardown()));
    if (ds?.isInitialized) await ds.destroy();
    await db.close();
  }
}

// ---- the command -----------------------------------------------------------------------------------

const pct = (x: number | null) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const num = (x: number | null, w = 6) => (x === null ? '-' : String(x)).padStart(w);

export function formatTables(r: SimulationResult, officeRows = 15): string {
  const lines: string[] = [];
  lines.push(`Agencies, worst first (${r.simulation.from.slice(0, 10)} to ${r.simulation.to.slice(0, 10)}, as of the end):`);
  lines.push('  #  agency          decided on-time breaches  rate   overdue  med h  p90 h  escal  deemed');
  r.agencies.agencies.forEach((a, i) => {
    lines.push(
      `${String(i + 1).padStart(3)}  ${a.agency.padEnd(14)} ${num(a.tasksDecided, 7)} ${num(a.onTime, 7)} ${num(a.breaches, 8)} ${pct(a.onTimeRate)} ${num(a.openOverdue, 8)} ${num(a.medianBusinessHours)} ${num(a.p90BusinessHours)} ${num(a.escalations)} ${num(a.deemedGrants, 7)}`,
    );
  });
  lines.push('');
  lines.push(`Offices, worst first (${Math.min(officeRows, r.offices.offices.length)} of ${r.offices.offices.length}):`);
  lines.push('  #  office                       recv closed hand-off  field  rate   overdue');
  r.offices.offices.slice(0, officeRows).forEach((x, i) => {
    lines.push(
      `${String(i + 1).padStart(3)}  ${x.office.padEnd(27)} ${num(x.handOff.received, 5)} ${num(x.handOff.closed, 6)} ${pct(x.handOff.onTimeRate)} ${pct(x.fieldSteps.onTimeRate)} ${pct(x.onTimeRate)} ${num(x.openOverdue, 6)}`,
    );
  });
  return lines.join('\n');
}

const refusedText = (r: Record<string, number>) => (Object.keys(r).length === 0 ? '' : `: ${Object.entries(r).map(([k, n]) => `${n} ${k}`).join(', ')}`);

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function intArg(name: string, fallback: number): number {
  const raw = argValue(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${raw}`);
  return n;
}

async function main(): Promise<void> {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // installed already
  }
  const opts: SimulationOptions = {
    days: intArg('days', 30),
    applications: intArg('applications', 10_000),
    seed: intArg('seed', 1),
    slowAgency: argValue('slow-agency'),
    start: argValue('start'),
    concurrency: intArg('concurrency', 64),
    shards: intArg('shards', 4),
    progress: (line) => process.stderr.write(`[simulate] ${line}\n`),
  };
  const out = argValue('out');
  const result = await simulate(opts);
  const { timing, ...tables } = result;
  process.stdout.write(`${formatTables(result)}\n\n`);
  process.stdout.write(
    `${result.simulation.submitted} applications over ${opts.days} days (${result.simulation.decisions} decisions, ${result.simulation.resubmissions} resubmissions, ` +
      `${result.simulation.withdrawals} withdrawals, ${result.simulation.refused} refused${refusedText(result.simulation.refusals)}) in ${timing.seconds} s; largest clock lag: ${timing.maxFilingLagMs} ms at filing, ${timing.maxSlotLagMs} ms at a decision slot\n`,
  );
  if (timing.maxFilingLagMs >= 40_000) process.stderr.write('[simulate] warning: a filing lagged 40 s or more: figures may differ from another run with this seed\n');
  if (out) {
    fs.writeFileSync(out, `${JSON.stringify(tables, null, 2)}\n`);
    process.stdout.write(`tables written to ${out}\n`);
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
