import { Inject, Injectable } from '@nestjs/common';
import { REPORT_OPTIONS, ReportOptions } from '../report-options';
import { parseReportRange, ReportRange } from './report-range';

/** Reads a report's `from` and `to` with the configured widest period. */
@Injectable()
export class ReportPeriods {
  constructor(@Inject(REPORT_OPTIONS) private readonly options: ReportOptions) {}

  parse(from: string | undefined, to: string | undefined): ReportRange {
    return parseReportRange(from, to, { maxRangeDays: this.options.maxRangeDays });
  }
}
