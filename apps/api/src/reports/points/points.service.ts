import { Injectable } from '@nestjs/common';
import { DirectoryRepository } from '../shared/directory.repository';
import { ReportPeriods } from '../shared/report-periods';
import { rangeFields, ReportRange } from '../shared/report-range';
import { PointsBy, PointsReportDto } from './dto/points.dto';
import { decodePointsCursor, encodePointsCursor } from './points-cursor';
import { PointsRepository } from './points.repository';

export interface PointsQuery {
  range: ReportRange;
  by: PointsBy;
  agency?: string | null;
  office?: string | null;
  limit: number;
  /** The nextCursor of the previous page. */
  cursor?: string;
}

/** Points earned by deciding steps, by officer, office or agency, most first (docs/reports.md). */
@Injectable()
export class PointsService {
  constructor(
    private readonly points: PointsRepository,
    private readonly directory: DirectoryRepository,
    private readonly periods: ReportPeriods,
  ) {}

  async report(q: PointsQuery): Promise<PointsReportDto> {
    const after = q.cursor === undefined ? null : decodePointsCursor(q.cursor, q.by);
    const [rows, names] = await Promise.all([
      this.points.page({ by: q.by, split: this.periods.split(q.range), agency: q.agency ?? null, office: q.office ?? null, after, limit: q.limit + 1 }),
      q.by === 'office' ? this.directory.officeNames() : q.by === 'agency' ? this.directory.agencyNames() : Promise.resolve(new Map<string, string>()),
    ]);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      ...rangeFields(q.range),
      by: q.by,
      items: page.map((r) => ({
        key: r.key,
        name: names.get(r.key) ?? null,
        agency: q.by === 'agency' ? r.key : (r.agency ?? null),
        offices: r.offices ?? [],
        steps: r.steps,
        onTime: r.on_time,
        late: r.steps - r.on_time,
        points: Math.round(Number(r.points) * 100) / 100,
      })),
      nextCursor: rows.length > q.limit ? encodePointsCursor({ by: q.by, points: last.points, key: last.key }) : null,
    };
  }
}
