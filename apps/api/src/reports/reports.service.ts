import { DataSource } from 'typeorm';
import { BusinessCalendar } from '../../../../libs/calendar';
import { ComplaintReportRepository } from './complaints/complaint-report.repository';
import { ComplaintReportService } from './complaints/complaint-report.service';
import type { ComplaintReportDto } from './complaints/dto/complaint-report.dto';
import type { OpenStepsDto } from './open-steps/dto/open-steps.dto';
import { OpenStepsRepository } from './open-steps/open-steps.repository';
import { OpenStepsService } from './open-steps/open-steps.service';
import type { PointsReportDto } from './points/dto/points.dto';
import { PointsQuery, PointsService } from './points/points.service';
import { PointsRepository } from './points/points.repository';
import { ReportOptions, resolveReportOptions } from './report-options';
import { DirectoryRepository } from './shared/directory.repository';
import { ReportPeriods } from './shared/report-periods';
import type { ReportRange } from './shared/report-range';
import type { AgencyReportDto, OfficeReportDto, WeeklyReportDto } from './sla/dto/sla.dto';
import { SlaRepository } from './sla/sla.repository';
import { SlaQuery, SlaService } from './sla/sla.service';
import type { LoadReportDto, MergeCandidatesDto } from './staffing/dto/staffing.dto';
import { StaffingRepository } from './staffing/staffing.repository';
import { LoadQuery, StaffingService } from './staffing/staffing.service';

/**
 * Every report over one DataSource, for callers outside the API's dependency injection: the simulator
 * (scripts/simulate.ts), the bench (scripts/bench-reports.ts) and the report tests. The API injects the
 * report services themselves (reports.providers.ts); both run the same code.
 */
export class ReportsService {
  readonly options: ReportOptions;
  private readonly sla: SlaService;
  private readonly pointsReport: PointsService;
  private readonly staffing: StaffingService;
  private readonly complaintReport: ComplaintReportService;
  private readonly openStepCounts: OpenStepsService;

  constructor(db: DataSource, options?: Partial<ReportOptions>, calendar: BusinessCalendar = new BusinessCalendar()) {
    this.options = resolveReportOptions(options);
    const directory = new DirectoryRepository(db);
    const periods = new ReportPeriods(this.options);
    this.sla = new SlaService(new SlaRepository(db), directory, periods);
    this.pointsReport = new PointsService(new PointsRepository(db), directory, periods);
    this.staffing = new StaffingService(new StaffingRepository(db), directory, this.options, periods, calendar);
    this.complaintReport = new ComplaintReportService(new ComplaintReportRepository(db), directory, periods);
    this.openStepCounts = new OpenStepsService(new OpenStepsRepository(db, this.options));
  }

  agencies(q: SlaQuery): Promise<AgencyReportDto> {
    return this.sla.agencies(q);
  }

  offices(q: SlaQuery): Promise<OfficeReportDto> {
    return this.sla.offices(q);
  }

  openSteps(q: { permitType?: string | null; version?: number | null } = {}): Promise<OpenStepsDto> {
    return this.openStepCounts.counts(q.permitType ?? null, q.version ?? null);
  }

  weekly(q: { range: ReportRange; agency?: string | null; office?: string | null; permitType?: string | null }): Promise<WeeklyReportDto> {
    return this.sla.weekly({ range: q.range, agency: q.agency ?? null, office: q.office ?? null, permitType: q.permitType ?? null });
  }

  points(q: PointsQuery): Promise<PointsReportDto> {
    return this.pointsReport.report(q);
  }

  officeLoad(q: LoadQuery): Promise<LoadReportDto> {
    return this.staffing.officeLoad(q);
  }

  mergeCandidates(q: { range: ReportRange }): Promise<MergeCandidatesDto> {
    return this.staffing.mergeCandidates(q);
  }

  complaints(q: { range: ReportRange }): Promise<ComplaintReportDto> {
    return this.complaintReport.report(q);
  }
}
