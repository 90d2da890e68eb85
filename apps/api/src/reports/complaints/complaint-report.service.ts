import { Injectable } from '@nestjs/common';
import { DirectoryRepository, kecamatanOf } from '../shared/directory.repository';
import { ReportPeriods } from '../shared/report-periods';
import { rangeFields, ReportRange } from '../shared/report-range';
import { ComplaintReportRepository } from './complaint-report.repository';
import { ComplaintKecamatanRowDto, ComplaintOfficeRowDto, ComplaintReportDto } from './dto/complaint-report.dto';

/** Most complaints first, then most illegal-fee complaints, then the key. */
const most =
  <T extends { complaints: number; illegalFee: number }>(key: (r: T) => string) =>
  (a: T, b: T) =>
    b.complaints - a.complaints || b.illegalFee - a.illegalFee || (key(a) < key(b) ? -1 : 1);

/** Citizens' complaints counted per office and per kecamatan (docs/reports.md). */
@Injectable()
export class ComplaintReportService {
  constructor(
    private readonly complaints: ComplaintReportRepository,
    private readonly directory: DirectoryRepository,
    private readonly periods: ReportPeriods,
  ) {}

  async report(q: { range: ReportRange }): Promise<ComplaintReportDto> {
    const [rows, received, offices] = await Promise.all([
      this.complaints.counts(q.range),
      this.directory.receivedByOffice(this.periods.split(q.range), null),
      this.directory.offices(),
    ]);
    const byOffice = new Map<string, ComplaintOfficeRowDto>();
    let total = 0;
    for (const r of rows) {
      let o = byOffice.get(r.office);
      if (!o) {
        o = {
          office: r.office,
          name: offices.get(r.office)?.name ?? r.office,
          kecamatan: kecamatanOf(r.office, offices),
          complaints: 0,
          illegalFee: 0,
          byCategory: {},
          byChannel: {},
          applicationsReceived: received.get(r.office) ?? 0,
          per100Applications: null,
        };
        byOffice.set(r.office, o);
      }
      o.complaints += r.n;
      total += r.n;
      if (r.category === 'illegal_fee') o.illegalFee += r.n;
      o.byCategory[r.category] = (o.byCategory[r.category] ?? 0) + r.n;
      o.byChannel[r.channel] = (o.byChannel[r.channel] ?? 0) + r.n;
    }
    const byKecamatan = new Map<string, ComplaintKecamatanRowDto>();
    for (const o of byOffice.values()) {
      o.per100Applications = o.applicationsReceived > 0 ? Math.round((o.complaints / o.applicationsReceived) * 10000) / 100 : null;
      if (!o.kecamatan) continue;
      let k = byKecamatan.get(o.kecamatan);
      if (!k) byKecamatan.set(o.kecamatan, (k = { kecamatan: o.kecamatan, name: offices.get(o.kecamatan)?.name ?? o.kecamatan, complaints: 0, illegalFee: 0, offices: 0 }));
      k.complaints += o.complaints;
      k.illegalFee += o.illegalFee;
      k.offices++;
    }
    return {
      ...rangeFields(q.range),
      total,
      offices: [...byOffice.values()].sort(most((r) => r.office)),
      kecamatan: [...byKecamatan.values()].sort(most((r) => r.kecamatan)),
    };
  }
}
