import { ValidationError } from '../../common/errors';
import { parseReportRange } from './report-range';

const wib = (local: string) => new Date(`${local}+07:00`);

describe(parseReportRange.name, () => {
  it('reads date-only bounds as Jakarta days, `to` inclusive', () => {
    expect(parseReportRange('2027-08-01', '2027-08-31')).toEqual({ from: wib('2027-08-01T00:00'), to: wib('2027-09-01T00:00') });
  });

  it('defaults to the current Jakarta month when neither bound is given', () => {
    // 30 June 2026, 20:00 UTC is 1 July 03:00 in Jakarta: the report covers July.
    const now = new Date('2026-06-30T20:00:00Z');
    expect(parseReportRange(undefined, undefined, undefined, now)).toEqual({ from: wib('2026-07-01T00:00'), to: wib('2026-08-01T00:00') });
    expect(parseReportRange('', ' ', undefined, now)).toEqual({ from: wib('2026-07-01T00:00'), to: wib('2026-08-01T00:00') });
  });

  it('refuses one bound without the other: a half-open period would be unbounded', () => {
    expect(() => parseReportRange('2026-06-01', undefined)).toThrow(ValidationError);
    expect(() => parseReportRange(undefined, '2026-06-30')).toThrow(ValidationError);
  });

  it('refuses an inverted period and one over the maximum', () => {
    expect(() => parseReportRange('2026-06-30', '2026-06-01')).toThrow(ValidationError);
    expect(() => parseReportRange('2026-01-01', '2026-03-01', { maxRangeDays: 31 })).toThrow(ValidationError);
  });
});
