import { jakartaMonthOf, splitByMonth } from './month-split';

const wib = (local: string) => new Date(`${local}+07:00`);
const range = (from: string, to: string) => ({ from: wib(from), to: wib(to) });

describe('splitByMonth', () => {
  it('reads a period of whole Jakarta months from the rollups alone: both edges empty', () => {
    const sut = splitByMonth(range('2026-06-01T00:00', '2026-08-01T00:00'));
    expect(sut).toMatchObject({ monthFrom: '2026-06-01', monthTo: '2026-08-01' });
    expect(sut.edgeA).toEqual(wib('2026-06-01T00:00'));
    expect(sut.edgeB).toEqual(wib('2026-08-01T00:00'));
  });

  it('takes the ragged ends from the rows: 15 March to 14 September holds April to August', () => {
    const sut = splitByMonth(range('2026-03-15T00:00', '2026-09-15T00:00'));
    expect(sut).toMatchObject({ monthFrom: '2026-04-01', monthTo: '2026-09-01' });
    expect(sut.edgeA).toEqual(wib('2026-04-01T00:00'));
    expect(sut.edgeB).toEqual(wib('2026-09-01T00:00'));
  });

  it('splits at Jakarta midnight, not UTC: 31 May 17:00 UTC is 1 June in Jakarta', () => {
    const sut = splitByMonth({ from: new Date('2026-05-31T17:00:00Z'), to: new Date('2026-06-30T17:00:00Z') });
    expect(sut).toMatchObject({ monthFrom: '2026-06-01', monthTo: '2026-07-01' });
  });

  it('reads everything from the rows when no whole month fits, or when the rollups are off', () => {
    for (const sut of [splitByMonth(range('2026-06-10T00:00', '2026-06-12T00:00')), splitByMonth(range('2026-06-01T00:00', '2026-07-01T00:00'), false)]) {
      expect(sut.monthFrom).toBe(sut.monthTo);
      expect(sut.edgeA).toEqual(sut.to);
      expect(sut.edgeB).toEqual(sut.to);
    }
  });

  it('crosses a year end', () => {
    expect(splitByMonth(range('2026-12-01T00:00', '2027-02-01T00:00'))).toMatchObject({ monthFrom: '2026-12-01', monthTo: '2027-02-01' });
  });
});

describe('jakartaMonthOf', () => {
  it('is the Jakarta month of the instant: 30 June 20:00 UTC is already July in Jakarta', () => {
    expect(jakartaMonthOf(new Date('2026-06-30T20:00:00Z'))).toEqual({ from: wib('2026-07-01T00:00'), to: wib('2026-08-01T00:00') });
    expect(jakartaMonthOf(wib('2026-12-31T23:59'))).toEqual({ from: wib('2026-12-01T00:00'), to: wib('2027-01-01T00:00') });
  });
});
