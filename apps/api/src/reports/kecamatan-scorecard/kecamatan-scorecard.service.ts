import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../../../libs/auth/token';
import { ForbiddenError, UnprocessableError, ValidationError } from '../../common/errors';
import { jakartaMonthStart, JAKARTA_OFFSET_MS, nextJakartaMonth } from '../shared/jakarta-month';
import { KecamatanScorecardDto, ScorecardFiguresDto, ScorecardOfficeDto } from './dto/kecamatan-scorecard.dto';
import { KecamatanScorecardRepository } from './kecamatan-scorecard.repository';

const rate = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 1000) / 1000 : null);

function figures(f: Omit<ScorecardFiguresDto, 'answeredOnTimeRate' | 'stepsOnTimeRate'>): ScorecardFiguresDto {
  return { ...f, answeredOnTimeRate: rate(f.answeredOnTime, f.complaintsReceived), stepsOnTimeRate: rate(f.stepsOnTime, f.stepsDecided) };
}

/** The Jakarta month `YYYY-MM` as instants; the current one when absent. */
export function monthRange(month: string | undefined, now = Date.now()): { month: string; from: Date; to: Date } {
  let start: number;
  if (month === undefined) start = jakartaMonthStart(now);
  else {
    const m = /^(\d{4})-(\d{2})$/.exec(month);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new ValidationError([{ field: 'month', message: 'must be a month as YYYY-MM, for example 2026-11' }]);
    start = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) - JAKARTA_OFFSET_MS;
  }
  return { month: new Date(start + JAKARTA_OFFSET_MS).toISOString().slice(0, 7), from: new Date(start), to: new Date(nextJakartaMonth(start)) };
}

/**
 * A camat's scorecard: for the kecamatan office and each of its kelurahan (and outlets), side by side,
 * the complaints about it and how they were answered, the illegal-fee reports, and how its permit steps
 * kept their deadlines. docs/reports.md.
 */
@Injectable()
export class KecamatanScorecardService {
  constructor(private readonly repository: KecamatanScorecardRepository) {}

  async scorecard(principal: Principal, q: { kecamatan: string; month?: string }): Promise<KecamatanScorecardDto> {
    const range = monthRange(q.month);
    const kecamatan = await this.repository.office(q.kecamatan);
    if (!kecamatan || kecamatan.type !== 'kecamatan') {
      throw new UnprocessableError('unknown-office', `"${q.kecamatan.slice(0, 60)}" is not a kecamatan office: GET /v1/offices lists them (type kecamatan, ids kec-…).`, [
        { field: 'kecamatan', message: 'not a kecamatan office' },
      ]);
    }
    const offices = await this.repository.offices(kecamatan.id);
    const ids = offices.map((o) => o.id);
    if (principal.role === 'approver' && !(principal.office && ids.includes(principal.office))) {
      throw new ForbiddenError(`Approvers read the scorecard of their own kecamatan; your token names ${principal.office ?? 'no office'}.`);
    }
    const [complaints, overdue, steps] = await Promise.all([
      this.repository.complaints(ids, range.from, range.to),
      this.repository.openOverdue(ids, range.to),
      this.repository.steps(ids, range.from, range.to),
    ]);
    const rows: ScorecardOfficeDto[] = offices.map((o) => {
      const c = complaints.find((r) => r.office === o.id);
      const s = steps.find((r) => r.office === o.id);
      return {
        office: o.id,
        name: o.name,
        type: o.type,
        ...figures({
          complaintsReceived: c?.received ?? 0,
          answeredOnTime: c?.answered_on_time ?? 0,
          openOverdue: overdue.find((r) => r.office === o.id)?.n ?? 0,
          illegalFeeReports: c?.illegal_fee ?? 0,
          stepsDecided: s?.decided ?? 0,
          stepsOnTime: s?.on_time ?? 0,
        }),
      };
    });
    const sum = (k: 'complaintsReceived' | 'answeredOnTime' | 'openOverdue' | 'illegalFeeReports' | 'stepsDecided' | 'stepsOnTime') => rows.reduce((n, r) => n + r[k], 0);
    return {
      month: range.month,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      kecamatan: kecamatan.id,
      name: kecamatan.name,
      total: figures({
        complaintsReceived: sum('complaintsReceived'),
        answeredOnTime: sum('answeredOnTime'),
        openOverdue: sum('openOverdue'),
        illegalFeeReports: sum('illegalFeeReports'),
        stepsDecided: sum('stepsDecided'),
        stepsOnTime: sum('stepsOnTime'),
      }),
      offices: rows,
    };
  }
}
