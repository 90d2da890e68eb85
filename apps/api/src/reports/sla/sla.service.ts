import { Injectable } from '@nestjs/common';
import { DirectoryRepository, kecamatanOf } from '../shared/directory.repository';
import { ReportPeriods } from '../shared/report-periods';
import { DAY_MS, JAKARTA_OFFSET_MS } from '../shared/jakarta-month';
import { onTimeRate } from '../shared/percentiles';
import { rungColumns, worstFirst } from '../shared/ranking';
import { rangeFields, ReportRange } from '../shared/report-range';
import { AgencyReportDto, AgencyRowDto, HandOffDto, OfficeReportDto, OfficeRowDto, StepMeasuresDto, WeeklyReportDto } from './dto/sla.dto';
import { ClosureTally } from './closure-tally';
import { SlaRepository, StepGrouping } from './sla.repository';

export interface SlaQuery {
  range: ReportRange;
  permitType?: string | null;
  /** The instant "open overdue" is counted at; now unless told. */
  asOf?: Date;
}

const emptyMeasures = (): StepMeasuresDto => ({
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
});

const emptyHandOff = (): HandOffDto => ({
  received: 0,
  closed: 0,
  onTime: 0,
  breaches: 0,
  onTimeRate: null,
  openOverdue: 0,
  medianBusinessHours: null,
  p90BusinessHours: null,
  deemedGrants: 0,
});

/**
 * The league tables: agencies and offices ranked by missed deadlines, worst first. docs/reports.md
 * defines every figure; the SQL is in SlaRepository.
 */
@Injectable()
export class SlaService {
  constructor(
    private readonly sla: SlaRepository,
    private readonly directory: DirectoryRepository,
    private readonly periods: ReportPeriods,
  ) {}

  async agencies(q: SlaQuery): Promise<AgencyReportDto> {
    const asOf = q.asOf ?? new Date();
    const permitType = q.permitType ?? null;
    const [measures, names] = await Promise.all([this.stepMeasures('agency', q.range, asOf, permitType), this.directory.agencyNames()]);
    const rows: AgencyRowDto[] = [...measures.entries()].map(([agency, m]) => ({ agency, name: names.get(agency) ?? null, ...m }));
    return {
      ...rangeFields(q.range),
      asOf: asOf.toISOString(),
      permitType,
      agencies: worstFirst(rows, (r) => r.breaches, (r) => r.agency),
    };
  }

  async offices(q: SlaQuery): Promise<OfficeReportDto> {
    const asOf = q.asOf ?? new Date();
    const permitType = q.permitType ?? null;
    const split = this.periods.split(q.range);
    // Each tally reads its percentiles as soon as its own closures are in, beside the other queries.
    const handOff = this.sla.handOffClosures(split, permitType).then(async (closures) => {
      const tally = new ClosureTally(emptyHandOff);
      for (const r of closures) tally.add(r).closed = r.total;
      await tally.rate((picks) => this.sla.handOffPercentiles(picks, q.range, permitType));
      return tally;
    });
    const [fieldSteps, hand, received, openApps, offices, outside] = await Promise.all([
      this.stepMeasures('office_id', q.range, asOf, permitType),
      handOff,
      this.directory.receivedByOffice(split, permitType),
      this.sla.openApplicationsOverdue(asOf, permitType),
      this.directory.offices(),
      this.sla.filedOutsideOpeningHours(q.range, permitType),
    ]);
    const outsideBy = new Map(outside.map((r) => [r.office, r.n]));
    for (const [office, n] of received) if (n > 0) hand.get(office).received = n;
    for (const r of openApps) hand.get(r.office).openOverdue = r.n;

    const ids = new Set([...hand.rows.keys(), ...fieldSteps.keys(), ...outsideBy.keys()]);
    const rows: OfficeRowDto[] = [...ids].map((id) => {
      const o = offices.get(id);
      const h = hand.get(id);
      const f = fieldSteps.get(id) ?? emptyMeasures();
      return {
        office: id,
        name: o?.name ?? id,
        type: o?.type ?? 'unknown',
        parentId: o?.parent_id ?? null,
        kecamatan: kecamatanOf(id, offices),
        handOff: h,
        fieldSteps: f,
        onTimeRate: onTimeRate(h.onTime + f.onTime, h.breaches + f.breaches),
        openOverdue: h.openOverdue + f.openOverdue,
        filedOutsideOpeningHours: outsideBy.get(id) ?? 0,
      };
    });
    return {
      ...rangeFields(q.range),
      asOf: asOf.toISOString(),
      permitType,
      offices: worstFirst(rows, (r) => r.handOff.breaches + r.fieldSteps.breaches, (r) => r.office),
    };
  }

  /** On-time rate per Jakarta week of the period: the SLA wall's chart. */
  async weekly(q: { range: ReportRange; agency: string | null; office: string | null; permitType: string | null }): Promise<WeeklyReportDto> {
    const rows = await this.sla.weekly(q.range, q, JAKARTA_OFFSET_MS / 1000);
    const byWeek = new Map(rows.map((r) => [r.week, r]));
    const weekOf = (ms: number) => Math.floor((Math.floor((ms + JAKARTA_OFFSET_MS) / DAY_MS) - 4) / 7);
    const weeks = [];
    for (let w = weekOf(q.range.from.getTime()); w <= weekOf(q.range.to.getTime() - 1); w++) {
      const r = byWeek.get(w);
      weeks.push({
        weekStart: new Date((4 + 7 * w) * DAY_MS - JAKARTA_OFFSET_MS).toISOString(),
        tasksDecided: r?.decided ?? 0,
        onTime: r?.on_time ?? 0,
        breaches: r?.breaches ?? 0,
        onTimeRate: onTimeRate(r?.on_time ?? 0, r?.breaches ?? 0),
      });
    }
    return { ...rangeFields(q.range), agency: q.agency, office: q.office, permitType: q.permitType, weeks };
  }

  /**
   * The step measures grouped by agency or by holding office: closures and escalations from the monthly
   * rollups plus the rows at the period's ends, open steps live, percentiles read exactly from the one
   * bucket each falls in. Independent queries run in parallel on the pool.
   */
  private async stepMeasures(by: StepGrouping, range: ReportRange, asOf: Date, permitType: string | null): Promise<Map<string, StepMeasuresDto>> {
    const split = this.periods.split(range);
    const tallied = this.sla.closures(by, split, permitType).then(async (closed) => {
      const tally = new ClosureTally(emptyMeasures);
      for (const r of closed) tally.add(r).tasksDecided = r.total;
      await tally.rate((picks) => this.sla.stepPercentiles(by, picks, range, permitType));
      return tally;
    });
    const [out, open, oldest, escalations] = await Promise.all([
      tallied,
      this.sla.openOverdue(by, asOf, permitType),
      this.sla.oldestOverdue(by, asOf, permitType),
      this.sla.escalations(by, split, permitType),
    ]);
    for (const r of open) out.get(r.key).openOverdue = r.n;
    for (const r of oldest) {
      out.get(r.key).oldestOverdue = {
        taskId: r.id,
        applicationId: r.application_id,
        trackingCode: r.tracking_code ?? null,
        stepId: r.step_id,
        agency: r.agency,
        officeId: r.office_id,
        assignedAt: r.assigned_at.toISOString(),
        dueAt: r.due_at.toISOString(),
        daysOverdue: Math.floor((asOf.getTime() - r.due_at.getTime()) / DAY_MS),
      };
    }
    for (const r of escalations) {
      const m = out.get(r.key);
      if (r.n === 0) continue;
      m.escalations += r.n;
      m.escalationsByRung[r.rung] = (m.escalationsByRung[r.rung] ?? 0) + r.n;
    }
    // Rungs in ladder order whatever order the rows came in: the same data gives the same document.
    for (const m of out.rows.values()) m.escalationsByRung = Object.fromEntries(rungColumns([m]).map((k) => [k, m.escalationsByRung[k]]));
    return out.rows;
  }
}
