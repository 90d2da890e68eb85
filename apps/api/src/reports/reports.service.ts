import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusinessCalendar } from '../../../../libs/calendar';
import { DEFINITIONS } from '../../../../workflows/permits';
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
}

export const DEFAULT_REPORT_OPTIONS: ReportOptions = {
  maxRangeDays: DEFAULT_REPORT_LIMITS.maxRangeDays,
  targetWaitMinutes: 15,
  defaultServiceMinutes: 20,
  minObservedDecisions: 20,
  openingCoverage: 0.9,
  openingMinPerDay: 1,
  mergeBelowPerWorkingDay: 2,
};

/** One officer-working-day of the civil service, in business minutes (7.5 h). */
const WORKING_DAY_MINUTES = 450;

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
   * The step measures grouped by agency or by holding office. Five independent queries, run in parallel
   * on the pool; each is a range scan on its own partial index (docs/reports.md shows the plans).
   */
  private async stepMeasures(by: 'agency' | 'office_id', range: ReportRange, asOf: Date, permitType: string | null): Promise<Map<string, StepMeasures>> {
    const params = [range.from, range.to, permitType];
    const typeFilter = `($3::text IS NULL OR permit_type = $3)`;
    const [closed, open, oldest, escalations] = await Promise.all([
      this.db.query(
        `SELECT ${by} AS key,
           count(*) FILTER (WHERE status IN ${OFFICER_STATUSES}) AS decided,
           count(*) FILTER (WHERE status IN ${OFFICER_STATUSES} AND NOT breached) AS on_time,
           count(*) FILTER (WHERE breached) AS breaches,
           count(*) FILTER (WHERE status = 'deemed') AS deemed,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY ceil(attempt_minutes)) AS p50,
           percentile_disc(0.9) WITHIN GROUP (ORDER BY ceil(attempt_minutes)) AS p90
         FROM task
         WHERE status <> 'open' AND decided_at >= $1 AND decided_at < $2 AND ${typeFilter}
         GROUP BY ${by}`,
        params,
      ),
      this.db.query(
        `SELECT ${by} AS key, count(*) AS n FROM task
         WHERE status = 'open' AND due_at < $1 AND ($2::text IS NULL OR permit_type = $2) GROUP BY ${by}`,
        [asOf, permitType],
      ),
      this.db.query(
        `SELECT o.*, a.tracking_code FROM (
           SELECT DISTINCT ON (${by}) ${by} AS key, id, application_id, step_id, agency, office_id, assigned_at, due_at FROM task
           WHERE status = 'open' AND due_at < $1 AND ($2::text IS NULL OR permit_type = $2)
           ORDER BY ${by}, due_at, id) o
         LEFT JOIN application a ON a.id = o.application_id`,
        [asOf, permitType],
      ),
      this.db.query(
        permitType === null
          ? `SELECT ${by} AS key, rung, count(*) AS n FROM escalation WHERE at >= $1 AND at < $2 GROUP BY ${by}, rung`
          : `SELECT e.${by} AS key, e.rung, count(*) AS n FROM escalation e JOIN application a ON a.id = e.application_id
             WHERE e.at >= $1 AND e.at < $2 AND a.permit_type = $3 GROUP BY e.${by}, e.rung`,
        permitType === null ? [range.from, range.to] : params,
      ),
    ]);
    const out = new Map<string, StepMeasures>();
    const get = (key: string) => {
      let m = out.get(key);
      if (!m) out.set(key, (m = emptyMeasures()));
      return m;
    };
    for (const r of closed as Array<Record<string, unknown>>) {
      const m = get(String(r.key));
      m.tasksDecided = num(r.decided);
      m.onTime = num(r.on_time);
      m.breaches = num(r.breaches);
      m.deemedGrants = num(r.deemed);
      m.onTimeRate = rate(m.onTime, m.breaches);
      m.medianBusinessHours = hours(r.p50);
      m.p90BusinessHours = hours(r.p90);
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
      m.escalations += n;
      m.escalationsByRung[String(r.rung)] = (m.escalationsByRung[String(r.rung)] ?? 0) + n;
    }
    return out;
  }

  // ---- the office league table --------------------------------------------------------------------

  async offices(q: { range: ReportRange; permitType?: string | null; asOf?: Date }): Promise<OfficeReport> {
    const asOf = q.asOf ?? new Date();
    const permitType = q.permitType ?? null;
    const params = [q.range.from, q.range.to, permitType];
    const typeFilter = `($3::text IS NULL OR permit_type = $3)`;
    const [fieldSteps, handOff, received, openApps, meta] = await Promise.all([
      this.stepMeasures('office_id', q.range, asOf, permitType),
      this.db.query(
        `SELECT receiving_office_id AS office,
           count(*) FILTER (WHERE status IN ('issued','rejected')) AS closed,
           count(*) FILTER (WHERE status IN ('issued','rejected') AND NOT deemed_granted AND business_minutes_used <= legal_deadline_minutes) AS on_time,
           count(*) FILTER (WHERE status IN ('issued','rejected') AND (deemed_granted OR business_minutes_used > legal_deadline_minutes)) AS breaches,
           count(*) FILTER (WHERE deemed_granted) AS deemed,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY CASE WHEN deemed_granted THEN legal_deadline_minutes ELSE ceil(business_minutes_used) END)
             FILTER (WHERE status IN ('issued','rejected')) AS p50,
           percentile_disc(0.9) WITHIN GROUP (ORDER BY CASE WHEN deemed_granted THEN legal_deadline_minutes ELSE ceil(business_minutes_used) END)
             FILTER (WHERE status IN ('issued','rejected')) AS p90
         FROM application
         WHERE decided_at >= $1 AND decided_at < $2 AND ${typeFilter}
         GROUP BY receiving_office_id`,
        params,
      ),
      this.db.query(
        `SELECT receiving_office_id AS office, count(*) AS n FROM application
         WHERE submitted_at >= $1 AND submitted_at < $2 AND ${typeFilter} GROUP BY receiving_office_id`,
        params,
      ),
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
    for (const r of handOff as Array<Record<string, unknown>>) {
      const h = getHand(String(r.office));
      h.closed = num(r.closed);
      h.onTime = num(r.on_time);
      h.breaches = num(r.breaches);
      h.deemedGrants = num(r.deemed);
      h.onTimeRate = rate(h.onTime, h.breaches);
      h.medianBusinessHours = hours(r.p50);
      h.p90BusinessHours = hours(r.p90);
    }
    for (const r of received as Array<Record<string, unknown>>) getHand(String(r.office)).received = num(r.n);
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
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${key} AS key, min(agency) AS agency, array_agg(DISTINCT office_id ORDER BY office_id) AS offices,
         count(*) AS steps, count(*) FILTER (WHERE late_minutes = 0) AS on_time, sum(points) AS points
       FROM points
       WHERE awarded_at >= $1 AND awarded_at < $2 AND ($3::text IS NULL OR agency = $3) AND ($4::text IS NULL OR office_id = $4)
       GROUP BY ${key}
       ORDER BY sum(points) DESC, ${key}
       LIMIT $5 OFFSET $6`,
      [q.range.from, q.range.to, q.agency ?? null, q.office ?? null, q.limit + 1, q.offset],
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
    const [meta, counts] = await Promise.all([
      this.officeMeta(),
      this.db.query(
        `SELECT receiving_office_id AS office, count(*)::int AS n FROM application WHERE submitted_at >= $1 AND submitted_at < $2 GROUP BY 1`,
        [q.range.from, q.range.to],
      ),
    ]);
    const byOffice = new Map((counts as Array<{ office: string; n: number }>).map((r) => [r.office, r.n]));
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
    const [rows, received, meta] = await Promise.all([
      this.db.query(
        `SELECT office_id AS office, category, channel, count(*)::int AS n FROM complaint
         WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2, 3`,
        [q.range.from, q.range.to],
      ),
      this.db.query(
        `SELECT receiving_office_id AS office, count(*)::int AS n FROM application WHERE submitted_at >= $1 AND submitted_at < $2 GROUP BY 1`,
        [q.range.from, q.range.to],
      ),
      this.officeMeta(),
    ]);
    const apps = new Map((received as Array<{ office: string; n: number }>).map((r) => [r.office, r.n]));
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
