import { Inject, Injectable, Optional } from '@nestjs/common';
import { REPORT_OPTIONS, ReportOptions, resolveReportOptions } from '../report-options';
import { DirectoryRepository, kecamatanOf } from '../shared/directory.repository';
import { DAY_MS } from '../shared/jakarta-month';
import { splitByMonth } from '../shared/month-split';
import { BucketCount, byKey, hoursOf, onTimeRate, percentilePicks } from '../shared/percentiles';
import { rungColumns, worstFirst } from '../shared/ranking';
import type { ReportRange } from '../shared/report-range';
import { AgencyReportDto, AgencyRowDto, HandOffDto, OfficeReportDto, OfficeRowDto, StepMeasuresDto } from './dto/sla.dto';
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

/** A map that makes the entry of a key it does not hold yet. */
function entries<T>(make: () => T): { map: Map<string, T>; get(key: string): T } {
  const map = new Map<string, T>();
  return {
    map,
    get(key) {
      let v = map.get(key);
      if (v === undefined) map.set(key, (v = make()));
      return v;
    },
  };
}

/**
 * The league tables: agencies and offices ranked by missed deadlines, worst first. docs/reports.md
 * defines every figure; the SQL is in SlaRepository.
 */
@Injectable()
export class SlaService {
  private readonly options: ReportOptions;

  constructor(
    private readonly sla: SlaRepository,
    private readonly directory: DirectoryRepository,
    @Optional() @Inject(REPORT_OPTIONS) options?: Partial<ReportOptions>,
  ) {
    this.options = resolveReportOptions(options);
  }

  async agencies(q: SlaQuery): Promise<AgencyReportDto> {
    const asOf = q.asOf ?? new Date();
    const permitType = q.permitType ?? null;
    const [measures, names] = await Promise.all([this.stepMeasures('agency', q.range, asOf, permitType), this.directory.agencyNames()]);
    const rows: AgencyRowDto[] = [...measures.entries()].map(([agency, m]) => ({ agency, name: names.get(agency) ?? null, ...m }));
    return {
      from: q.range.from.toISOString(),
      to: q.range.to.toISOString(),
      asOf: asOf.toISOString(),
      permitType,
      agencies: worstFirst(rows, (r) => r.breaches, (r) => r.agency),
    };
  }

  async offices(q: SlaQuery): Promise<OfficeReportDto> {
    const asOf = q.asOf ?? new Date();
    const permitType = q.permitType ?? null;
    const split = splitByMonth(q.range, this.options.useRollups);
    const [fieldSteps, closures, received, openApps, offices] = await Promise.all([
      this.stepMeasures('office_id', q.range, asOf, permitType),
      this.sla.handOffClosures(split, permitType),
      this.directory.receivedByOffice(split, permitType),
      this.sla.openApplicationsOverdue(asOf, permitType),
      this.directory.offices(),
    ]);
    const hand = entries(emptyHandOff);
    const buckets = new Map<string, BucketCount[]>();
    for (const r of closures) {
      const h = hand.get(r.office);
      h.closed += r.closed;
      h.onTime += r.on_time;
      h.breaches += r.breaches;
      h.deemedGrants += r.deemed;
      buckets.set(r.office, [...(buckets.get(r.office) ?? []), { bucket: r.bucket, n: r.closed }]);
    }
    const percentiles = byKey(await this.sla.handOffPercentiles(percentilePicks(buckets), q.range, permitType));
    for (const [office, h] of hand.map) {
      h.onTimeRate = onTimeRate(h.onTime, h.breaches);
      h.medianBusinessHours = hoursOf(percentiles.get(office)?.p50);
      h.p90BusinessHours = hoursOf(percentiles.get(office)?.p90);
    }
    for (const [office, n] of received) if (n > 0) hand.get(office).received = n;
    for (const r of openApps) hand.get(r.office).openOverdue = r.n;

    const ids = new Set([...hand.map.keys(), ...fieldSteps.keys()]);
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

  /**
   * The step measures grouped by agency or by holding office: closures and escalations from the monthly
   * rollups plus the rows at the period's ends, open steps live, percentiles read exactly from the one
   * bucket each falls in. Independent queries run in parallel on the pool.
   */
  private async stepMeasures(by: StepGrouping, range: ReportRange, asOf: Date, permitType: string | null): Promise<Map<string, StepMeasuresDto>> {
    const split = splitByMonth(range, this.options.useRollups);
    const [closed, open, oldest, escalations] = await Promise.all([
      this.sla.closures(by, split, permitType),
      this.sla.openOverdue(by, asOf, permitType),
      this.sla.oldestOverdue(by, asOf, permitType),
      this.sla.escalations(by, split, range, permitType),
    ]);
    const out = entries(emptyMeasures);
    const buckets = new Map<string, BucketCount[]>();
    for (const r of closed) {
      const m = out.get(r.key);
      m.tasksDecided += r.decided;
      m.onTime += r.on_time;
      m.breaches += r.breaches;
      m.deemedGrants += r.deemed;
      buckets.set(r.key, [...(buckets.get(r.key) ?? []), { bucket: r.bucket, n: r.decided }]);
    }
    const percentiles = byKey(await this.sla.stepPercentiles(by, percentilePicks(buckets), range, permitType));
    for (const [key, m] of out.map) {
      m.onTimeRate = onTimeRate(m.onTime, m.breaches);
      m.medianBusinessHours = hoursOf(percentiles.get(key)?.p50);
      m.p90BusinessHours = hoursOf(percentiles.get(key)?.p90);
    }
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
    for (const m of out.map.values()) m.escalationsByRung = Object.fromEntries(rungColumns([m]).map((k) => [k, m.escalationsByRung[k]]));
    return out.map;
  }
}
