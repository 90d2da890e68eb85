import { Inject, Injectable, Optional } from '@nestjs/common';
import { REPORT_OPTIONS, ReportOptions, resolveReportOptions } from '../report-options';
import { parseReportRange, ReportRange } from './report-range';

/** Reads a report's `from` and `to` with the configured widest period. */
@Injectable()
export class ReportPeriods {
  private readonly options: ReportOptions;

  constructor(@Optional() @Inject(REPORT_OPTIONS) options?: Partial<ReportOptions>) {
    this.options = resolveReportOptions(options);
  }

  parse(from: string | undefined, to: string | undefined): ReportRange {
    return parseReportRange(from, to, { maxRangeDays: this.options.maxRangeDays });
  }
}
