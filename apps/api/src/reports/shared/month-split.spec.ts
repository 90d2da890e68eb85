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

  it('reads a whole Jakarta year from the yearly rollups', () => {
    expect(splitByMonth(range('2026-01-01T00:00', '2027-01-01T00:00'))).toMatchObject({ monthFrom: '2026-01-01', monthTo: '2027-01-01', yearFrom: '2026-01-01', yearTo: '2027-01-01' });
    expect(splitByMonth({ from: new Date('2025-12-31T17:00:00Z'), to: new Date('2026-12-31T17:00:00Z') })).toMatchObject({ yearFrom: '2026-01-01', yearTo: '2027-01-01' });
  });

  it('keeps the months around whole years monthly: October 2025 to March 2028 holds 2026 and 2027', () => {
    expect(splitByMonth(range('2025-10-15T00:00', '2028-03-15T00:00'))).toMatchObject({ monthFrom: '2025-11-01', monthTo: '2028-03-01', yearFrom: '2026-01-01', yearTo: '2028-01-01' });
  });

  it('has no year, and reads every month monthly, when no whole year fits', () => {
    for (const [from, to] of [['2026-02-01T00:00', '2027-01-01T00:00'], ['2026-01-01T00:00', '2026-12-01T00:00'], ['2026-03-15T00:00', '2027-09-15T00:00']]) {
      const sut = splitByMonth(range(from, to));
      expect(sut.yearFrom).toBe(sut.monthTo);
      expect(sut.yearTo).toBe(sut.monthTo);
    }
    const none = splitByMonth(range('2026-01-01T00:00', '2027-01-01T00:00'), false);
    expect([none.yearFrom, none.yearTo]).toEqual([none.monthTo, none.monthTo]);
  });
});

describe('jakartaMonthOf', () => {
  it('is the Jakarta month of the instant: 30 June 20:00 UTC is already July in Jakarta', () => {
    expect(jakartaMonthOf(new Date('2026-06-30T20:00:00Z'))).toEqual({ from: wib('2026-07-01T00:00'), to: wib('2026-08-01T00:00') });
    expect(jakartaMonthOf(wib('2026-12-31T23:59'))).toEqual({ from: wib('2026-12-01T00:00'), to: wib('2027-01-01T00:00') });
  });
});
