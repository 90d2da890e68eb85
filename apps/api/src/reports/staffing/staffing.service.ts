import { Inject, Injectable, Optional } from '@nestjs/common';
import { BusinessCalendar, MINUTES_PER_BUSINESS_DAY } from '../../../../../libs/calendar';
import { problems } from '../../common/problem';
import { minuteOf } from '../../offices/opening';
import { REPORT_OPTIONS, ReportOptions } from '../report-options';
import { DirectoryRepository } from '../shared/directory.repository';
import { ReportPeriods } from '../shared/report-periods';
import { rangeFields, ReportRange } from '../shared/report-range';
import { LoadReportDto, MergeCandidatesDto, Weekday, WEEKDAYS } from './dto/staffing.dto';
import { expectedWaitMinutes, officersNeeded } from './erlang';
import { hourLoads, jakartaDates, suggestOpeningHours, weekdayOccurrences } from './opening-hours';
import { StaffingRepository } from './staffing.repository';

export interface LoadQuery {
  officeId: string;
  range: ReportRange;
  serviceMinutes?: number;
  targetWaitMinutes?: number;
}

/** Offices that could close or merge: kelurahan, kecamatan and outlets, never a city or the province. */
const MERGEABLE = new Set(['kelurahan', 'kecamatan', 'outlet']);

const perDay = (n: number, days: number) => (days > 0 ? Math.round((n / days) * 100) / 100 : 0);

/** Staffing and opening hours from an office's real load, and the offices too quiet to keep (docs/reports.md). */
@Injectable()
export class StaffingService {
  constructor(
    private readonly staffing: StaffingRepository,
    private readonly directory: DirectoryRepository,
    @Inject(REPORT_OPTIONS) private readonly options: ReportOptions,
    private readonly periods: ReportPeriods,
    @Optional() private readonly calendar: BusinessCalendar = new BusinessCalendar(),
  ) {}

  async officeLoad(q: LoadQuery): Promise<LoadReportDto> {
    const office = (await this.directory.offices()).get(q.officeId);
    if (!office) throw problems.notFound('Office', `No office ${q.officeId.slice(0, 60)}: GET /v1/offices lists the PTSP offices and outlets.`);
    const outlet = office.type === 'outlet';
    const [cells, observed, sessions, outside] = await Promise.all([
      this.staffing.arrivals(q.officeId, q.range),
      this.staffing.throughput(q.officeId, q.range),
      outlet ? this.staffing.sessions(q.officeId, q.range) : Promise.resolve([]),
      outlet ? this.staffing.filedOutsideOpeningHours(q.officeId, q.range) : Promise.resolve(0),
    ]);
    const grid = Object.fromEntries(WEEKDAYS.map((d) => [d, new Array<number>(24).fill(0)])) as Record<Weekday, number[]>;
    let arrivals = 0;
    for (const c of cells) {
      grid[WEEKDAYS[c.dow - 1]][c.hour] += c.n;
      arrivals += c.n;
    }
    const { serviceMinutes, source } = this.serviceMinutes(q.serviceMinutes, observed);
    const target = q.targetWaitMinutes ?? this.options.targetWaitMinutes;
    const occurrences = weekdayOccurrences(q.range.from, q.range.to);
    const workingDays = this.workingDays(q.range);
    const perWorkingDay = perDay(arrivals, workingDays);
    const merge = this.isMergeCandidate(office.type, perWorkingDay);
    return {
      office: { id: office.id, name: office.name, type: office.type, parentId: office.parent_id, schedule: (office.schedule as Record<string, string[][]> | null) ?? null },
      ...rangeFields(q.range),
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
      sessions: sessions.map((s) => {
        const hours = (minuteOf(s.closes) - minuteOf(s.opens)) / 60;
        const perHour = Math.round((s.arrivals / hours) * 1000) / 1000;
        return { ...s, arrivalsPerHour: perHour, officers: officersNeeded(perHour, serviceMinutes, target) };
      }),
      arrivalsOutsideOpeningHours: outside,
      mergeCandidate: merge,
      mergeReason: merge
        ? `${perWorkingDay} applications per working day, below ${this.options.mergeBelowPerWorkingDay}: a candidate to merge into ${office.parent_id ?? 'its parent office'}`
        : null,
    };
  }

  async mergeCandidates(q: { range: ReportRange }): Promise<MergeCandidatesDto> {
    const [offices, received] = await Promise.all([this.directory.offices(), this.directory.receivedByOffice(this.periods.split(q.range), null)]);
    const workingDays = this.workingDays(q.range);
    const candidates = [...offices.values()]
      .map((o) => {
        const arrivals = received.get(o.id) ?? 0;
        return { office: o.id, name: o.name, type: o.type, parentId: o.parent_id, arrivals, arrivalsPerWorkingDay: perDay(arrivals, workingDays) };
      })
      .filter((o) => this.isMergeCandidate(o.type, o.arrivalsPerWorkingDay))
      .sort((a, b) => a.arrivals - b.arrivals || (a.office < b.office ? -1 : 1));
    return { ...rangeFields(q.range), workingDays, threshold: this.options.mergeBelowPerWorkingDay, offices: candidates };
  }

  /**
   * S: as asked; else the office's own officers' throughput when they decided enough in the period
   * (an officer-day of business minutes per decision: an upper bound, officers are not busy all day);
   * else the configured default.
   */
  private serviceMinutes(asked: number | undefined, observed: { decisions: number; officerDays: number }): { serviceMinutes: number; source: LoadReportDto['serviceMinutesSource'] } {
    if (asked !== undefined) return { serviceMinutes: asked, source: 'query' };
    if (observed.decisions >= this.options.minObservedDecisions && observed.officerDays > 0) {
      return { serviceMinutes: Math.round(((observed.officerDays * MINUTES_PER_BUSINESS_DAY) / observed.decisions) * 100) / 100, source: 'observed' };
    }
    return { serviceMinutes: this.options.defaultServiceMinutes, source: 'default' };
  }

  private workingDays(range: ReportRange): number {
    return jakartaDates(range.from, range.to).filter((d) => this.calendar.closedDay(d) === undefined).length;
  }

  private isMergeCandidate(type: string, perWorkingDay: number): boolean {
    return MERGEABLE.has(type) && perWorkingDay < this.options.mergeBelowPerWorkingDay;
  }
}
