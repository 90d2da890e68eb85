import type { Provider, Type } from '@nestjs/common';
import { ComplaintReportController } from './complaints/complaint-report.controller';
import { ComplaintReportRepository } from './complaints/complaint-report.repository';
import { ComplaintReportService } from './complaints/complaint-report.service';
import { KecamatanScorecardController } from './kecamatan-scorecard/kecamatan-scorecard.controller';
import { KecamatanScorecardRepository } from './kecamatan-scorecard/kecamatan-scorecard.repository';
import { KecamatanScorecardService } from './kecamatan-scorecard/kecamatan-scorecard.service';
import { OpenStepsController } from './open-steps/open-steps.controller';
import { OpenStepsRepository } from './open-steps/open-steps.repository';
import { OpenStepsService } from './open-steps/open-steps.service';
import { PointsController } from './points/points.controller';
import { PointsRepository } from './points/points.repository';
import { PointsService } from './points/points.service';
import { REPORT_OPTIONS, ReportOptions, resolveReportOptions } from './report-options';
import { DirectoryRepository } from './shared/directory.repository';
import { ReportFilters } from './shared/report-filters';
import { ReportPeriods } from './shared/report-periods';
import { SlaController } from './sla/sla.controller';
import { SlaRepository } from './sla/sla.repository';
import { SlaService } from './sla/sla.service';
import { StaffingController } from './staffing/staffing.controller';
import { StaffingRepository } from './staffing/staffing.repository';
import { StaffingService } from './staffing/staffing.service';

/** The report endpoints, one controller a report. */
export const REPORT_CONTROLLERS: Type<unknown>[] = [SlaController, OpenStepsController, PointsController, StaffingController, ComplaintReportController, KecamatanScorecardController];

/** The report services and repositories; they read the DataSource the app provides. */
export function reportProviders(options: Partial<ReportOptions>): Provider[] {
  return [
    { provide: REPORT_OPTIONS, useValue: resolveReportOptions(options) },
    DirectoryRepository,
    ReportFilters,
    ReportPeriods,
    SlaRepository,
    SlaService,
    OpenStepsRepository,
    OpenStepsService,
    PointsRepository,
    PointsService,
    StaffingRepository,
    StaffingService,
    ComplaintReportRepository,
    ComplaintReportService,
    KecamatanScorecardRepository,
    KecamatanScorecardService,
  ];
}
