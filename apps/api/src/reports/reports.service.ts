import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusinessCalendar } from '../../../../libs/calendar';
import { JAKARTA_UTC_OFFSET_MS as JAKARTA_OFFSET_MS, MINUTES_PER_BUSINESS_DAY as WORKING_DAY_MINUTES } from '../../../../libs/domain';
import { DEFINITIONS } from '../../../../libs/permits';
import { problems } from '../common/problem';
import { expectedWaitMinutes } from './erlang';
import { DEFAULT_REPORT_LIMITS, ReportRange } from './report-range';
import { hourLoads, HourLoad, jakartaDates, OpeningSuggestion, suggestOpeningHours, weekdayOccurrences, WEEKDAYS } from './staffing';

export const REPORT_OPTIONS = Symbol('REPORT_OPTIONS');

export interface ReportOptions {
  /** The widest period one report may cover, in days. */
  maxRangeDays: number;
  /** The expected counter wait the staffing recommendation keeps under, in minutes. */
  targetWaitMinutes: number;
  /** Service time per application when the office has too few decisions to observe one, in minutes. */
  defaultServiceMinutes: number;
  /** Decisions needed in the period before the office's own service time is used. */
  minObservedDecisions: number;
  /** Share of a weekday's arrivals the suggested opening hours must cover. */
  openingCoverage: number;
  /** A weekday with fewer arrivals than this on average is suggested closed. */
  openingMinPerDay: number;
  /** Offices receiving fewer applications than this per working day are merge candidates. */
  mergeBelowPerWorkingDay: number;
  /** Read whole months from the rollup tables (false: every figure from the rows; the same answers, slower). */
  useRollups: boolean;
}

export const DEFAULT_REPORT_OPTIONS: ReportOptions = {
  maxRangeDays: DEFAULT_REPORT_LIMITS.maxRangeDays,
  targetWaitMinutes: 15,
  defaultServiceMinutes: 20,
  minObservedDecisions: 20,
  openingCoverage: 0.9,
  openingMinPerDay: 1,
  mergeBelowPerWorkingDay: 2,
  useRollups: true,
};


export interface OverdueTask {
  taskId: string;
  applicationId: string;
  trackingCode: string | null;
  stepId: string;
  agency: string;
  officeId: string;
  assignedAt: string;
  dueAt: string;
  /** Whole days (24 h) since the due instant, at the report's `asOf`. */
  daysOverdue: number;
}

/** The step measures shared by the agency table and an office's field steps. */
export interface StepMeasures {
  /** Step attempts an officer decided in the period (approve, reject, request revision). */
  tasksDecided: number;
  /** Of those, decided with the step clock within the step deadline. */
  onTime: number;
  /** Attempts closed late in the period: officers' late decisions, and steps the system closed after their due instant (deemed grants, cancellations). */
  breaches: number;
  /** onTime / (onTime + breaches), 4 decimals; null when nothing closed. */
  onTimeRate: number | null;
  /** Steps open now (at `asOf`) past their due instant, whatever the period. */
  openOverdue: number;
  oldestOverdue: OverdueTask | null;
  /** Median and 90th percentile (nearest rank) of the business time officers took per decided attempt, in hours. */
  medianBusinessHours: number | null;
  p90BusinessHours: number | null;
  /** Escalation rungs that fired in the period, and per rung. */
  escalations: number;
  escalationsByRung: Record<string, number>;
  /** Steps closed in the period because the application was deemed granted (fiktif positif) while they were open. */
  deemedGrants: number;
}

export interface AgencyRow extends StepMeasures {
  agency: string;
  name: string | null;
}

export interface AgencyReport {
  from: string;
  to: string;
  asOf: string;
  permitType: string | null;
  agencies: AgencyRow[];
}

export interface HandOffMeasures {
  /** Applications received here in the period. */
  received: number;
  /** Applications received here that closed (issued or rejected) in the period. */
  closed: number;
  /** Closed within the legal deadline on the application's clock (applicant waits left out), not deemed. */
  onTime: number;
  /** Closed past the legal deadline, or deemed granted. */
  breaches: number;
  onTimeRate: number | null;
  /** Applications in review now past their legal deadline. */
  openOverdue: number;
  /** Intake to hand-off in business hours (a deemed grant counts as the full legal deadline). */
  medianBusinessHours: number | null;
  p90BusinessHours: number | null;
  deemedGrants: number;
}

export interface OfficeRow {
  office: string;
  name: string;
  type: string;
  parentId: string | null;
  kecamatan: string | null;
  handOff: HandOffMeasures;
  fieldSteps: StepMeasures;
  /** (handOff.onTime + fieldSteps.onTime) / the same plus both breaches; null when nothing closed. */
  onTimeRate: number | null;
  openOverdue: number;
}

export interface OfficeReport {
  from: string;
  to: string;
  asOf: string;
  permitType: string | null;
  offices: OfficeRow[];
}

export type PointsBy = 'officer' | 'office' | 'agency';

export interface PointsRow {
  key: string;
  name: string | null;
  agency: string | null;
  offices: string[];
  steps: number;
  onTime: number;
  late: number;
  points: number;
}

export interface PointsReport {
  from: string;
  to: string;
  by: PointsBy;
  items: PointsRow[];
  nextCursor: string | null;
}

export interface LoadReport {
  office: { id: string; name: string; type: string; parentId: string | null; schedule: unknown };
  from: string;
  to: string;
  arrivals: number;
  workingDays: number;
  arrivalsPerWorkingDay: number;
  serviceMinutes: number;
  serviceMinutesSource: 'query' | 'observed' | 'default';
  targetWaitMinutes: number;
  /** Arrivals by weekday (Monday first) and hour of the day, Asia/Jakarta: 7 rows of 24. */
  arrivalsByWeekdayHour: Record<string, number[]>;
  weekdays: Array<{ weekday: string; occurrences: number; arrivals: number; suggestedHours: OpeningSuggestion | null; hours: HourLoad[] }>;
  mergeCandidate: boolean;
  mergeReason: string | null;
}

export interface MergeCandidate {
  office: string;
  name: string;
  type: string;
  parentId: string | null;
  arrivals: number;
  arrivalsPerWorkingDay: number;
}

export interface ComplaintOfficeRow {
  office: string;
  name: string;
  kecamatan: string | null;
  complaints: number;
  illegalFee: number;
  byCategory: Record<string, number>;
  byChannel: Record<string, number>;
  applicationsReceived: number;
  /** Complaints per 100 applications received in the period; null without applications. */
  per100Applications: number | null;
}

export interface ComplaintKecamatanRow {
  kecamatan: string;
  name: string;
  complaints: number;
  illegalFee: number;
  offices: number;
}

export interface ComplaintReport {
  from: string;
  to: string;
  total: number;
  offices: ComplaintOfficeRow[];
  kecamatan: ComplaintKecamatanRow[];
}

interface OfficeMeta {
  id: string;
  name: string;
  type: string;
  parent_id: string | null;
  schedule: unknown;
}

const OFFICER_STATUSES = `('approved','rejected','revision_requested')`;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const rate = (onTime: number, breaches: number): number | null => (onTime + breaches === 0 ? null : Math.round((onTime / (onTime + breaches)) * 10000) / 10000);
const hours = (minutes: unknown): number | null => (minutes === null || minutes === undefined ? null : Math.round((Number(minutes) / 60) * 100) / 100);

/** Rung order on the default ladder; other rungs follow by name. */
const RUNG_ORDER = ['reminder', 'section_head', 'agency_head', 'governor', 'legal-deadline'];
export function rungColumns(rows: ReadonlyArray<{ escalationsByRung: Record<string, number> }>): string[] {
  const seen = new Set(rows.flatMap((r) => Object.keys(r.escalationsByRung)));
  const known = RUNG_ORDER.filter((r) => seen.has(r));
  return [...known, ...[...seen].filter((r) => !RUNG_ORDER.includes(r)).sort()];
}

/**
 * Worst first: by on-time rate, lowest first. Nothing closed in the period but work overdue now ranks
 * first of all (it met no deadline and missed some); nothing closed and nothing overdue ranks last.
 * Ties: more breaches, then more open overdue, then the code.
 */
export function worstFirst<T extends { onTimeRate: number | null; openOverdue: number }>(rows: T[], breachesOf: (r: T) => number, keyOf: (r: T) => string): T[] {
  const rank = (r: T) => (r.onTimeRate !== null ? r.onTimeRate : r.openOverdue > 0 ? -1 : 2);
  return rows.sort((a, b) => rank(a) - rank(b) || breachesOf(b) - breachesOf(a) || b.openOverdue - a.openOverdue || (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

function emptyMeasures(): StepMeasures {
  return {
    tasksDecided: 0,
    onTime: 0,
    breaches: 0,
    onTimeRate: null,
    openOverdue: 0,
    oldestOverdue: null,
    medianBusinessHours: null,
    p90BusinessHours: null,
    escalations: 0,
    escalationsByRung: {},
    deemedGrants: 0,
  };
}

/** A Jakarta month's first instant, and the next one's. */
function jakartaMonthStart(ms: number): number {
  const local = new Date(ms + JAKARTA_OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - JAKARTA_OFFSET_MS;
}
function nextJakartaMonth(monthStart: number): number {
  const local = new Date(monthStart + JAKARTA_OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - JAKARTA_OFFSET_MS;
}
const monthDate = (monthStart: number) => new Date(monthStart + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);

/**
 * A period split for the rollups: the whole Jakarta months inside it (`months`, as first days, half
 * open) come from the monthly rollup tables; the rest, before `edgeA` and from `edgeB`, from the rows.
 */
export interface MonthSplit {
  from: Date;
  to: Date;
  monthFrom: string;
  monthTo: string;
  edgeA: Date;
  edgeB: Date;
}

export function splitByMonth(range: ReportRange, useRollups = true): MonthSplit {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const first = jakartaMonthStart(from) === from ? from : nextJakartaMonth(jakartaMonthStart(from));
  const last = jakartaMonthStart(to);
  if (!useRollups || first >= last) return { from: range.from, to: range.to, monthFrom: '1970-01-01', monthTo: '1970-01-01', edgeA: range.to, edgeB: range.to };
  return { from: range.from, to: range.to, monthFrom: monthDate(first), monthTo: monthDate(last), edgeA: new Date(first), edgeB: new Date(last) };
}

/** The parameters $1..$6 every rollup query takes, in this order. */
const splitParams = (s: MonthSplit) => [s.from, s.to, s.monthFrom, s.monthTo, s.edgeA, s.edgeB];
/** Rows of the period outside the whole months, on the given instant column. */
const edges = (column: string) => `((${column} >= $1 AND ${column} < $5) OR (${column} >= $6 AND ${column} < $2))`;
const inMonths = `(month >= $3::date AND month < $4::date)`;

/**
 * Decision times are rolled up per bucket of whole business minutes: bucket b (1-based, as PostgreSQL's
 * width_bucket) holds the minutes from MINUTE_BUCKETS[b − 1] up to, not including, MINUTE_BUCKETS[b].
 * The same thresholds as the database function minutes_bucket (migration 1795400000001).
 */
export const MINUTE_BUCKETS: ReadonlyArray<number> = [
  0, 1, 2, 4, 8, 15, 30, 45, 60, 90, 120, 180, 240, 300, 360, 450, 600, 750, 900, 1125, 1350, 1800, 2250, 2700, 3150, 3600, 4500, 5400, 6300,
  7650, 9000, 10800, 12600, 15750, 18000, 22500, 27000, 36000, 45000, 67500, 90000,
];
/** The whole minutes bucket b holds: [lo, hi), hi null for the last. */
export function bucketBounds(b: number): { lo: number; hi: number | null } {
  return { lo: MINUTE_BUCKETS[b - 1], hi: b < MINUTE_BUCKETS.length ? MINUTE_BUCKETS[b] : null };
}

/**
 * Where the nearest-rank percentiles of a distribution fall, from its counts per bucket: the bucket and
 * the position inside it. Nearest rank (percentile_disc): the p-th percentile of N values is the value
 * at position ⌈p·N⌉, computed in integers (⌈N/2⌉ and ⌈9N/10⌉).
 */
export function percentilePositions(counts: ReadonlyArray<{ bucket: number; n: number }>): Array<{ which: 'p50' | 'p90'; bucket: number; pos: number }> {
  const sorted = counts.filter((c) => c.bucket >= 1 && c.n > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((s, c) => s + c.n, 0);
  if (total === 0) return [];
  const ranks: Array<['p50' | 'p90', number]> = [
    ['p50', Math.floor((total + 1) / 2)],
    ['p90', Math.floor((9 * total + 9) / 10)],
  ];
  return ranks.map(([which, rank]) => {
    let before = 0;
    for (const c of sorted) {
      if (before + c.n >= rank) return { which, bucket: c.bucket, pos: rank - before };
      before += c.n;
    }
    throw new Error('unreachable: rank beyond the total');
  });
}

/**
 * The accountability reports. Reads only the read model in PostgreSQL (never Temporal), so the API,
 * the simulator (scripts/simulate.ts) and the bench (scripts/bench-reports.ts) all run this same code.
 * docs/reports.md defines every figure.
 */
@Injectable()
export class ReportsService {
  readonly options: ReportOptions;

  constructor(
    private readonly db: DataSource,
    @Optional() @Inject(REPORT_OPTIONS) options?: Partial<ReportOptions>,
    @Optional() private readonly calendar: BusinessCalendar = new BusinessCalendar(),
  ) {
    const given = Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined));
    this.options = { ...DEFAULT_REPORT_OPTIONS, ...given };
  }

  // ---- input checks shared by the controllers --------------------------------------------------------

  requirePermitType(code: string | undefined): string | null {
    if (code === undefined || code === '') return null;
    if (!DEFINITIONS.some((d) => d.code === code)) {
      throw problems.unprocessable('unknown-permit-type', 'Unknown permit type', `There is no permit type "${code}": GET /v1/permit-types lists them.`, [
        { field: 'permitType', message: 'unknown permit type' },
      ]);
    }
    return code;
  }

  async requireAgency(code: string | undefined): Promise<string | null> {
    if (code === undefined || code === '') return null;
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM agency WHERE code = $1`, [code]);
    if (rows.length === 0) throw problems.validation([{ field: 'agency', message: `unknown agency "${code.slice(0, 40)}": use an agency code such as DCKTRP or KELURAHAN` }]);
    return code;
  }

  async requireOffice(id: string | undefined, field = 'office'): Promise<string | null> {
    if (id === undefined || id === '') return null;
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM office WHERE id = $1`, [id]);
    if (rows.length === 0) {
      throw problems.unprocessable('unknown-office', 'Unknown office', `There is no office "${id.slice(0, 60)}": GET /v1/offices lists the PTSP offices and outlets.`, [
        { field, message: 'unknown office' },
      ]);
    }
    return id;
  }

  // ---- the agency league table --------------------------------------------------------------------

  async agencies(q: { range: ReportRange; permitType?: string | null; asOf?: Date }): Promise<AgencyReport> {
    const asOf = q.asOf ?? new Date();
    const permitType = q.permitType ?? null;
    const [measures, names] = await Promise.all([this.stepMeasures('agency', q.range, asOf, permitType), this.db.query(`SELECT code, name FROM agency`)]);
    const nameOf = new Map((names as Array<{ code: string; name: string }>).map((r) => [r.code, r.name]));
    const rows: AgencyRow[] = [...measures.entries()].map(([agency, m]) => ({ agency, name: nameOf.get(agency) ?? null, ...m }));
    return {
      from: q.range.from.toISOString(),
      to: q.range.to.toISOString(),
      asOf: asOf.toISOString(),
      permitType,
      agencies: worstFirst(rows, (r) => r.breaches, (r) => r.agency),
    };
  }

  /**
   * The step measures grouped by agency or by holding office: closures and escalations from the monthly
   * rollups plus the rows at the period's ends, open steps live from the partial index on open tasks,
   * percentiles read exactly from the one bucket each falls in. Independent queries run in parallel.
   */
  private async stepMeasures(by: 'agency' | 'office_id', range: ReportRange, asOf: Date, permitType: string | null): Promise<Map<string, StepMeasures>> {
    const split = splitByMonth(range, this.options.useRollups);
    const rollup = by === 'agency' ? 'task_month_agency' : 'task_month_office';
    const typeFilter = `($7::text IS NULL OR permit_type = $7)`;
    const params = [...splitParams(split), permitType];
    const [closed, open, oldest, escalations] = await Promise.all([
      this.db.query(
        `SELECT key, bucket, sum(decided)::int AS decided, sum(on_time)::int AS on_time, sum(breaches)::int AS breaches, sum(deemed)::int AS deemed
         FROM (
           SELECT ${by} AS key, bucket, decided, on_time, breaches, deemed FROM ${rollup} WHERE ${inMonths} AND ${typeFilter}
           UNION ALL
           SELECT ${by}, CASE WHEN status IN ${OFFICER_STATUSES} AND attempt_minutes IS NOT NULL THEN minutes_bucket(ceil(attempt_minutes)::int) ELSE -1 END,
             (status IN ${OFFICER_STATUSES})::int, (status IN ${OFFICER_STATUSES} AND NOT coalesce(breached, false))::int,
             coalesce(breached, false)::int, (status = 'deemed')::int
           FROM task WHERE status <> 'open' AND ${edges('decided_at')} AND ${typeFilter}
         ) parts
         GROUP BY key, bucket`,
        params,
      ),
      this.db.query(
        `SELECT ${by} AS key, count(*) AS n FROM task
         WHERE status = 'open' AND due_at < $1 AND ($2::text IS NULL OR permit_type = $2) GROUP BY ${by}`,
        [asOf, permitType],
      ),
      // The oldest overdue step of each agency or office: its first due minute, then the task id (steps
      // due in the same minute are not told apart by milliseconds). Two short index descents per key.
      this.db.query(
        `SELECT k.key, o.*, a.tracking_code
         FROM (SELECT ${by === 'agency' ? 'code FROM agency' : 'id FROM office'}) AS k(key)
         CROSS JOIN LATERAL (SELECT date_trunc('minute', min(due_at)) AS first FROM task
           WHERE status = 'open' AND ${by} = k.key AND due_at < $1 AND ($2::text IS NULL OR permit_type = $2)) f
         CROSS JOIN LATERAL (SELECT id, application_id, step_id, agency, office_id, assigned_at, due_at FROM task
           WHERE status = 'open' AND ${by} = k.key AND due_at >= f.first AND due_at < least(f.first + interval '1 minute', $1)
             AND ($2::text IS NULL OR permit_type = $2)
           ORDER BY id LIMIT 1) o
         LEFT JOIN application a ON a.id = o.application_id`,
        [asOf, permitType],
      ),
      this.db.query(
        permitType === null
          ? `SELECT key, rung, sum(n)::int AS n FROM (
               SELECT ${by} AS key, rung, n FROM escalation_month WHERE ${inMonths}
               UNION ALL
               SELECT ${by}, rung, 1 FROM escalation WHERE ${edges('at')}
             ) parts GROUP BY key, rung`
          : `SELECT e.${by} AS key, e.rung, count(*)::int AS n FROM escalation e JOIN application a ON a.id = e.application_id
             WHERE e.at >= $1 AND e.at < $2 AND a.permit_type = $3 GROUP BY e.${by}, e.rung`,
        permitType === null ? splitParams(split) : [range.from, range.to, permitType],
      ),
    ]);
    const out = new Map<string, StepMeasures>();
    const get = (key: string) => {
      let m = out.get(key);
      if (!m) out.set(key, (m = emptyMeasures()));
      return m;
    };
    const buckets = new Map<string, Array<{ bucket: number; n: number }>>();
    for (const r of closed as Array<{ key: string; bucket: number; decided: number; on_time: number; breaches: number; deemed: number }>) {
      const m = get(r.key);
      m.tasksDecided += r.decided;
      m.onTime += r.on_time;
      m.breaches += r.breaches;
      m.deemedGrants += r.deemed;
      buckets.set(r.key, [...(buckets.get(r.key) ?? []), { bucket: r.bucket, n: r.decided }]);
    }
    const percentiles = await this.exactPercentiles(
      buckets,
      `SELECT ceil(t.attempt_minutes)::int AS minutes FROM task t
       WHERE t.${by} = r.key AND t.status IN ${OFFICER_STATUSES}
         AND t.attempt_minutes > r.lo - 1 AND (r.hi IS NULL OR t.attempt_minutes <= r.hi - 1)
         AND t.decided_at >= $2 AND t.decided_at < $3 AND ($4::text IS NULL OR t.permit_type = $4)
       ORDER BY t.attempt_minutes OFFSET r.pos - 1 LIMIT 1`,
      [range.from, range.to, permitType],
    );
    for (const [key, m] of out) {
      m.onTimeRate = rate(m.onTime, m.breaches);
      m.medianBusinessHours = hours(percentiles.get(key)?.p50);
      m.p90BusinessHours = hours(percentiles.get(key)?.p90);
    }
    for (const r of open as Array<Record<string, unknown>>) get(String(r.key)).openOverdue = num(r.n);
    for (const r of oldest as Array<Record<string, unknown>>) {
      const due = r.due_at as Date;
      get(String(r.key)).oldestOverdue = {
        taskId: String(r.id),
        applicationId: String(r.application_id),
        trackingCode: (r.tracking_code as string | null) ?? null,
        stepId: String(r.step_id),
        agency: String(r.agency),
        officeId: String(r.office_id),
        assignedAt: (r.assigned_at as Date).toISOString(),
        dueAt: due.toISOString(),
        daysOverdue: Math.floor((asOf.getTime() - due.getTime()) / 86_400_000),
      };
    }
    for (const r of escalations as Array<Record<string, unknown>>) {
      const m = get(String(r.key));
      const n = num(r.n);
      if (n === 0) continue;
      m.escalations += n;
      m.escalationsByRung[String(r.rung)] = (m.escalationsByRung[String(r.rung)] ?? 0) + n;
    }
    // Rungs in ladder order whatever order the rows came in: the same data gives the same document.
    for (const m of out.values()) m.escalationsByRung = Object.fromEntries(rungColumns([m]).map((k) => [k, m.escalationsByRung[k]]));
    return out;
  }

  /**
   * The exact nearest-rank median and 90th percentile of each key's whole-minute distribution: the
   * bucket counts say which bucket holds each rank and where inside it; `pick` reads that one value
   * (`$1` the positions as JSON: `r.key`, `r.pos`, and the bucket's whole minutes `r.lo` to `r.hi`,
   * `r.hi` null for the last; its own parameters from `$2`).
   */
  private async exactPercentiles(buckets: Map<string, Array<{ bucket: number; n: number }>>, pick: string, params: unknown[]): Promise<Map<string, { p50?: number; p90?: number }>> {
    const wanted = [...buckets.entries()].flatMap(([key, counts]) => percentilePositions(counts).map((p) => ({ key, ...p, ...bucketBounds(p.bucket) })));
    const out = new Map<string, { p50?: number; p90?: number }>();
    if (wanted.length === 0) return out;
    const rows: Array<{ key: string; which: 'p50' | 'p90'; minutes: number }> = await this.db.query(
      `SELECT r.key, r.which, m.minutes FROM jsonb_to_recordset($1::jsonb) AS r(key text, which text, bucket int, pos int, lo int, hi int)
       CROSS JOIN LATERAL (${pick}) m`,
      [JSON.stringify(wanted), ...params],
    );
    for (const r of rows) out.set(r.key, { ...out.get(r.key), [r.which]: r.minutes });
    return out;
  }

  // ---- the office league table --------------------------------------------------------------------

  async offices(q: { range: ReportRange; permitType?: string | null; asOf?: Date }): Promise<OfficeReport> {
    const asOf = q.asOf ?? new Date();
    const permitType = q.permitType ?? null;
    const split = splitByMonth(q.range, this.options.useRollups);
    const params = [...splitParams(split), permitType];
    const typeFilter = `($7::text IS NULL OR permit_type = $7)`;
    const [fieldSteps, handOff, received, openApps, meta] = await Promise.all([
      this.stepMeasures('office_id', q.range, asOf, permitType),
      this.db.query(
        `SELECT office, bucket, sum(closed)::int AS closed, sum(on_time)::int AS on_time, sum(breaches)::int AS breaches, sum(deemed)::int AS deemed
         FROM (
           SELECT office_id AS office, bucket, closed, on_time, breaches, deemed FROM application_month_closed WHERE ${inMonths} AND ${typeFilter}
           UNION ALL
           SELECT receiving_office_id, coalesce(minutes_bucket(handoff_minutes), -1), (status IN ('issued','rejected'))::int,
             coalesce((status IN ('issued','rejected') AND NOT deemed_granted AND business_minutes_used <= legal_deadline_minutes)::int, 0),
             coalesce((status IN ('issued','rejected') AND (deemed_granted OR business_minutes_used > legal_deadline_minutes))::int, 0),
             deemed_granted::int
           FROM application WHERE ${edges('decided_at')} AND ${typeFilter}
         ) parts
         GROUP BY office, bucket`,
        params,
      ),
      this.receivedByOffice(q.range, permitType),
      this.db.query(
        `SELECT receiving_office_id AS office, count(*) AS n FROM application
         WHERE status = 'in_review' AND due_at < $1 AND ($2::text IS NULL OR permit_type = $2) GROUP BY receiving_office_id`,
        [asOf, permitType],
      ),
      this.officeMeta(),
    ]);
    const hand = new Map<string, HandOffMeasures>();
    const getHand = (office: string) => {
      let h = hand.get(office);
      if (!h) {
        h = { received: 0, closed: 0, onTime: 0, breaches: 0, onTimeRate: null, openOverdue: 0, medianBusinessHours: null, p90BusinessHours: null, deemedGrants: 0 };
        hand.set(office, h);
      }
      return h;
    };
    const buckets = new Map<string, Array<{ bucket: number; n: number }>>();
    for (const r of handOff as Array<{ office: string; bucket: number; closed: number; on_time: number; breaches: number; deemed: number }>) {
      const h = getHand(r.office);
      h.closed += r.closed;
      h.onTime += r.on_time;
      h.breaches += r.breaches;
      h.deemedGrants += r.deemed;
      buckets.set(r.office, [...(buckets.get(r.office) ?? []), { bucket: r.bucket, n: r.closed }]);
    }
    const percentiles = await this.exactPercentiles(
      buckets,
      `SELECT a.handoff_minutes AS minutes FROM application a
       WHERE a.receiving_office_id = r.key AND a.handoff_minutes IS NOT NULL
         AND a.handoff_minutes >= r.lo AND (r.hi IS NULL OR a.handoff_minutes < r.hi)
         AND a.decided_at >= $2 AND a.decided_at < $3 AND ($4::text IS NULL OR a.permit_type = $4)
       ORDER BY a.handoff_minutes OFFSET r.pos - 1 LIMIT 1`,
      [q.range.from, q.range.to, permitType],
    );
    for (const [office, h] of hand) {
      h.onTimeRate = rate(h.onTime, h.breaches);
      h.medianBusinessHours = hours(percentiles.get(office)?.p50);
      h.p90BusinessHours = hours(percentiles.get(office)?.p90);
    }
    for (const [office, n] of received) if (n > 0) getHand(office).received = n;
    for (const r of openApps as Array<Record<string, unknown>>) getHand(String(r.office)).openOverdue = num(r.n);

    const ids = new Set([...hand.keys(), ...fieldSteps.keys()]);
    const rows: OfficeRow[] = [...ids].map((id) => {
      const o = meta.get(id);
      const h = hand.get(id) ?? getHand(id);
      const f = fieldSteps.get(id) ?? emptyMeasures();
      return {
        office: id,
        name: o?.name ?? id,
        type: o?.type ?? 'unknown',
        parentId: o?.parent_id ?? null,
        kecamatan: this.kecamatanOf(id, meta),
        handOff: h,
        fieldSteps: f,
        onTimeRate: rate(h.onTime + f.onTime, h.breaches + f.breaches),
        openOverdue: h.openOverdue + f.openOverdue,
      };
    });
    return {
      from: q.range.from.toISOString(),
      to: q.range.to.toISOString(),
      asOf: asOf.toISOString(),
      permitType,
      offices: worstFirst(rows, (r) => r.handOff.breaches + r.fieldSteps.breaches, (r) => r.office),
    };
  }

  /** Applications received per office in the period (by submission instant). */
  private async receivedByOffice(range: ReportRange, permitType: string | null): Promise<Map<string, number>> {
    const rows: Array<{ office: string; n: number }> = await this.db.query(
      `SELECT office, sum(n)::int AS n FROM (
         SELECT office_id AS office, n FROM application_month_received WHERE ${inMonths} AND ($7::text IS NULL OR permit_type = $7)
         UNION ALL
         SELECT receiving_office_id, 1 FROM application WHERE ${edges('submitted_at')} AND ($7::text IS NULL OR permit_type = $7)
       ) parts GROUP BY office`,
      [...splitParams(splitByMonth(range, this.options.useRollups)), permitType],
    );
    return new Map(rows.map((r) => [r.office, r.n]));
  }

  private async officeMeta(): Promise<Map<string, OfficeMeta>> {
    const rows: OfficeMeta[] = await this.db.query(`SELECT id, name, type, parent_id, schedule FROM office`);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The kecamatan an office belongs to: itself, its parent (kelurahan), or its parent's (an outlet in a kelurahan). */
  private kecamatanOf(id: string, meta: Map<string, OfficeMeta>): string | null {
    let o = meta.get(id);
    for (let hops = 0; o && hops < 3; hops++) {
      if (o.type === 'kecamatan') return o.id;
      if (o.type === 'city' || o.type === 'regency' || o.type === 'province') return null;
      o = o.parent_id ? meta.get(o.parent_id) : undefined;
    }
    return null;
  }

  // ---- points --------------------------------------------------------------------------------------

  async points(q: { range: ReportRange; by: PointsBy; agency?: string | null; office?: string | null; limit: number; offset: number }): Promise<PointsReport> {
    const key = q.by === 'officer' ? 'officer' : q.by === 'office' ? 'office_id' : 'agency';
    const filter = `($7::text IS NULL OR agency = $7) AND ($8::text IS NULL OR office_id = $8)`;
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${key} AS key, min(agency) AS agency, array_agg(DISTINCT office_id ORDER BY office_id) AS offices,
         sum(steps)::int AS steps, sum(on_time)::int AS on_time, sum(points) AS points
       FROM (
         SELECT officer, agency, office_id, steps, on_time, points FROM points_month WHERE ${inMonths} AND ${filter}
         UNION ALL
         SELECT officer, agency, office_id, 1, (late_minutes = 0)::int, points FROM points WHERE ${edges('awarded_at')} AND ${filter}
       ) parts
       GROUP BY ${key}
       HAVING sum(steps) <> 0
       ORDER BY sum(points) DESC, ${key}
       LIMIT $9 OFFSET $10`,
      [...splitParams(splitByMonth(q.range, this.options.useRollups)), q.agency ?? null, q.office ?? null, q.limit + 1, q.offset],
    );
    const names = new Map<string, string>();
    if (q.by !== 'officer') {
      const table = q.by === 'office' ? `SELECT id AS key, name FROM office` : `SELECT code AS key, name FROM agency`;
      for (const r of (await this.db.query(table)) as Array<{ key: string; name: string }>) names.set(r.key, r.name);
    }
    const page = rows.slice(0, q.limit);
    return {
      from: q.range.from.toISOString(),
      to: q.range.to.toISOString(),
      by: q.by,
      items: page.map((r) => ({
        key: String(r.key),
        name: names.get(String(r.key)) ?? null,
        agency: q.by === 'agency' ? String(r.key) : ((r.agency as string | null) ?? null),
        offices: (r.offices as string[]) ?? [],
        steps: num(r.steps),
        onTime: num(r.on_time),
        late: num(r.steps) - num(r.on_time),
        points: Math.round(Number(r.points) * 100) / 100,
      })),
      nextCursor: rows.length > q.limit ? Buffer.from(String(q.offset + q.limit)).toString('base64url') : null,
    };
  }

  // ---- staffing and opening hours ------------------------------------------------------------------

  private workingDays(range: ReportRange): number {
    return jakartaDates(range.from, range.to).filter((d) => this.calendar.closedDay(d) === undefined).length;
  }

  async officeLoad(q: { officeId: string; range: ReportRange; serviceMinutes?: number; targetWaitMinutes?: number }): Promise<LoadReport> {
    const meta = await this.officeMeta();
    const office = meta.get(q.officeId);
    if (!office) throw problems.notFound('Office', `No office ${q.officeId.slice(0, 60)}: GET /v1/offices lists the PTSP offices and outlets.`);
    const [cells, observed] = await Promise.all([
      this.db.query(
        `SELECT extract(isodow FROM submitted_at AT TIME ZONE 'Asia/Jakarta')::int AS dow,
                extract(hour FROM submitted_at AT TIME ZONE 'Asia/Jakarta')::int AS hour, count(*)::int AS n
         FROM application WHERE receiving_office_id = $1 AND submitted_at >= $2 AND submitted_at < $3
         GROUP BY 1, 2`,
        [q.officeId, q.range.from, q.range.to],
      ),
      // The office's officers' throughput: decisions per officer-day. An officer-day is a Jakarta date on
      // which an officer decided at least one of the office's steps.
      this.db.query(
        `SELECT count(*)::int AS decisions,
                count(DISTINCT (decided_by, (decided_at AT TIME ZONE 'Asia/Jakarta')::date))::int AS officer_days
         FROM task WHERE office_id = $1 AND status IN ${OFFICER_STATUSES} AND decided_at >= $2 AND decided_at < $3`,
        [q.officeId, q.range.from, q.range.to],
      ),
    ]);
    const grid: Record<string, number[]> = Object.fromEntries(WEEKDAYS.map((d) => [d, new Array<number>(24).fill(0)]));
    let arrivals = 0;
    for (const c of cells as Array<{ dow: number; hour: number; n: number }>) {
      grid[WEEKDAYS[c.dow - 1]][c.hour] += c.n;
      arrivals += c.n;
    }
    const { decisions, officer_days } = (observed as Array<{ decisions: number; officer_days: number }>)[0];
    let serviceMinutes: number;
    let source: LoadReport['serviceMinutesSource'];
    if (q.serviceMinutes !== undefined) {
      serviceMinutes = q.serviceMinutes;
      source = 'query';
    } else if (decisions >= this.options.minObservedDecisions && officer_days > 0) {
      serviceMinutes = Math.round(((officer_days * WORKING_DAY_MINUTES) / decisions) * 100) / 100;
      source = 'observed';
    } else {
      serviceMinutes = this.options.defaultServiceMinutes;
      source = 'default';
    }
    const target = q.targetWaitMinutes ?? this.options.targetWaitMinutes;
    const occurrences = weekdayOccurrences(q.range.from, q.range.to);
    const workingDays = this.workingDays(q.range);
    const perWorkingDay = workingDays > 0 ? Math.round((arrivals / workingDays) * 100) / 100 : 0;
    const merge = this.isMergeCandidate(office.type, perWorkingDay);
    return {
      office: { id: office.id, name: office.name, type: office.type, parentId: office.parent_id, schedule: office.schedule ?? null },
      from: q.range.from.toISOString(),
      to: q.range.to.toISOString(),
      arrivals,
      workingDays,
      arrivalsPerWorkingDay: perWorkingDay,
      serviceMinutes,
      serviceMinutesSource: source,
      targetWaitMinutes: target,
      arrivalsByWeekdayHour: grid,
      weekdays: WEEKDAYS.map((d, i) => ({
        weekday: d,
        occurrences: occurrences[i],
        arrivals: grid[d].reduce((s, n) => s + n, 0),
        suggestedHours: suggestOpeningHours(grid[d], occurrences[i], this.options.openingCoverage, this.options.openingMinPerDay),
        hours: hourLoads(grid[d], occurrences[i], serviceMinutes, target, (c, perHour) => expectedWaitMinutes(c, perHour, serviceMinutes)),
      })),
      mergeCandidate: merge,
      mergeReason: merge
        ? `${perWorkingDay} applications per working day, below ${this.options.mergeBelowPerWorkingDay}: a candidate to merge into ${office.parent_id ?? 'its parent office'}`
        : null,
    };
  }

  /** Only the offices that could close or merge: kelurahan, kecamatan and outlets, never a city or the province. */
  private isMergeCandidate(type: string, perWorkingDay: number): boolean {
    return ['kelurahan', 'kecamatan', 'outlet'].includes(type) && perWorkingDay < this.options.mergeBelowPerWorkingDay;
  }

  async mergeCandidates(q: { range: ReportRange }): Promise<{ from: string; to: string; workingDays: number; threshold: number; offices: MergeCandidate[] }> {
    const [meta, byOffice] = await Promise.all([this.officeMeta(), this.receivedByOffice(q.range, null)]);
    const workingDays = this.workingDays(q.range);
    const offices = [...meta.values()]
      .map((o) => {
        const arrivals = byOffice.get(o.id) ?? 0;
        return { office: o.id, name: o.name, type: o.type, parentId: o.parent_id, arrivals, arrivalsPerWorkingDay: workingDays > 0 ? Math.round((arrivals / workingDays) * 100) / 100 : 0 };
      })
      .filter((o) => this.isMergeCandidate(o.type, o.arrivalsPerWorkingDay))
      .sort((a, b) => a.arrivals - b.arrivals || (a.office < b.office ? -1 : 1));
    return { from: q.range.from.toISOString(), to: q.range.to.toISOString(), workingDays, threshold: this.options.mergeBelowPerWorkingDay, offices };
  }

  // ---- complaints ----------------------------------------------------------------------------------

  async complaints(q: { range: ReportRange }): Promise<ComplaintReport> {
    const [rows, apps, meta] = await Promise.all([
      this.db.query(
        `SELECT office_id AS office, category, channel, count(*)::int AS n FROM complaint
         WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2, 3`,
        [q.range.from, q.range.to],
      ),
      this.receivedByOffice(q.range, null),
      this.officeMeta(),
    ]);
    const offices = new Map<string, ComplaintOfficeRow>();
    let total = 0;
    for (const r of rows as Array<{ office: string; category: string; channel: string; n: number }>) {
      let o = offices.get(r.office);
      if (!o) {
        o = {
          office: r.office,
          name: meta.get(r.office)?.name ?? r.office,
          kecamatan: this.kecamatanOf(r.office, meta),
          complaints: 0,
          illegalFee: 0,
          byCategory: {},
          byChannel: {},
          applicationsReceived: apps.get(r.office) ?? 0,
          per100Applications: null,
        };
        offices.set(r.office, o);
      }
      o.complaints += r.n;
      total += r.n;
      if (r.category === 'illegal_fee') o.illegalFee += r.n;
      o.byCategory[r.category] = (o.byCategory[r.category] ?? 0) + r.n;
      o.byChannel[r.channel] = (o.byChannel[r.channel] ?? 0) + r.n;
    }
    const kec = new Map<string, ComplaintKecamatanRow>();
    for (const o of offices.values()) {
      o.per100Applications = o.applicationsReceived > 0 ? Math.round((o.complaints / o.applicationsReceived) * 10000) / 100 : null;
      if (!o.kecamatan) continue;
      let k = kec.get(o.kecamatan);
      if (!k) kec.set(o.kecamatan, (k = { kecamatan: o.kecamatan, name: meta.get(o.kecamatan)?.name ?? o.kecamatan, complaints: 0, illegalFee: 0, offices: 0 }));
      k.complaints += o.complaints;
      k.illegalFee += o.illegalFee;
      k.offices++;
    }
    const most = <T extends { complaints: number; illegalFee: number }>(key: (r: T) => string) => (a: T, b: T) =>
      b.complaints - a.complaints || b.illegalFee - a.illegalFee || (key(a) < key(b) ? -1 : 1);
    return {
      from: q.range.from.toISOString(),
      to: q.range.to.toISOString(),
      total,
      offices: [...offices.values()].sort(most((r) => r.office)),
      kecamatan: [...kec.values()].sort(most((r) => r.kecamatan)),
    };
  }
}
