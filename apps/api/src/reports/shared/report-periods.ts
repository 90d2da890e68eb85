import { Inject, Injectable } from '@nestjs/common';
import { REPORT_OPTIONS, ReportOptions } from '../report-options';
import { MonthSplit, splitByMonth } from './month-split';
import { parseReportRange, ReportRange } from './report-range';

/** A report's period with the configured options: read from `from` and `to`, split for the rollups. */
@Injectable()
export class ReportPeriods {
  constructor(@Inject(REPORT_OPTIONS) private readonly options: ReportOptions) {}

  parse(from: string | undefined, to: string | undefined): ReportRange {
    return parseReportRange(from, to, { maxRangeDays: this.options.maxRangeDays });
  }

  /** The whole months from the rollup tables (unless rollups are off), the edges from the rows. */
  split(range: ReportRange): MonthSplit {
    return splitByMonth(range, this.options.useRollups);
  }
}
