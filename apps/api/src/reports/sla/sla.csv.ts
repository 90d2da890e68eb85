import { CsvValue, toCsv } from '../shared/csv';
import { rungColumns } from '../shared/ranking';
import type { AgencyReportDto, OfficeReportDto } from './dto/sla.dto';

const MEASURE_COLUMNS = ['tasksDecided', 'onTime', 'breaches', 'onTimeRate', 'openOverdue', 'oldestOverdueDueAt', 'oldestOverdueTask', 'medianBusinessHours', 'p90BusinessHours', 'escalations', 'deemedGrants'];

/** One row per agency in rank order, an `escalations_<rung>` column for each rung present. */
export function agencyCsv(report: AgencyReportDto): string {
  const rungs = rungColumns(report.agencies);
  const rows: CsvValue[][] = report.agencies.map((a, i) => [
    i + 1,
    a.agency,
    a.name,
    a.tasksDecided,
    a.onTime,
    a.breaches,
    a.onTimeRate,
    a.openOverdue,
    a.oldestOverdue?.dueAt,
    a.oldestOverdue?.taskId,
    a.medianBusinessHours,
    a.p90BusinessHours,
    a.escalations,
    a.deemedGrants,
    ...rungs.map((r) => a.escalationsByRung[r] ?? 0),
  ]);
  return toCsv(['rank', 'agency', 'name', ...MEASURE_COLUMNS, ...rungs.map((r) => `escalations_${r}`)], rows);
}

/** One row per office in rank order: its hand-off figures, then its field steps'. */
export function officeCsv(report: OfficeReportDto): string {
  const rows: CsvValue[][] = report.offices.map((o, i) => [
    i + 1,
    o.office,
    o.name,
    o.type,
    o.kecamatan,
    o.onTimeRate,
    o.openOverdue,
    o.handOff.received,
    o.handOff.closed,
    o.handOff.onTime,
    o.handOff.breaches,
    o.handOff.onTimeRate,
    o.handOff.openOverdue,
    o.handOff.medianBusinessHours,
    o.handOff.p90BusinessHours,
    o.handOff.deemedGrants,
    o.fieldSteps.tasksDecided,
    o.fieldSteps.onTime,
    o.fieldSteps.breaches,
    o.fieldSteps.onTimeRate,
    o.fieldSteps.openOverdue,
    o.fieldSteps.medianBusinessHours,
    o.fieldSteps.p90BusinessHours,
    o.fieldSteps.escalations,
    o.filedOutsideOpeningHours,
  ]);
  return toCsv(
    [
      'rank', 'office', 'name', 'type', 'kecamatan', 'onTimeRate', 'openOverdue',
      'handOffReceived', 'handOffClosed', 'handOffOnTime', 'handOffBreaches', 'handOffOnTimeRate', 'handOffOpenOverdue', 'handOffMedianBusinessHours', 'handOffP90BusinessHours', 'handOffDeemedGrants',
      'fieldStepsDecided', 'fieldStepsOnTime', 'fieldStepsBreaches', 'fieldStepsOnTimeRate', 'fieldStepsOpenOverdue', 'fieldStepsMedianBusinessHours', 'fieldStepsP90BusinessHours', 'fieldStepsEscalations',
      'filedOutsideOpeningHours',
    ],
    rows,
  );
}
