import { ANY_YEAR, localDateProblem } from './local-date';

describe(localDateProblem.name, () => {
  it('takes days that exist, leap days of leap years only', () => {
    for (const day of ['2026-12-31', '2028-02-29', '2000-02-29', '2100-12-31']) expect(localDateProblem(day)).toBeUndefined();
    for (const day of ['2026-02-29', '2100-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00']) {
      expect(localDateProblem(day)).toBe('is not a calendar date');
    }
  });

  it('refuses a year outside the range, year 0 even where any year is taken (PostgreSQL has none)', () => {
    expect(localDateProblem('1999-12-31')).toBe('must be a day of the years 2000-2100');
    expect(localDateProblem('1999-12-31', ANY_YEAR)).toBeUndefined();
    expect(localDateProblem('0000-01-01', ANY_YEAR)).toBe('must be a day of the years 1-9999');
  });

  it('refuses what is not YYYY-MM-DD', () => {
    for (const value of ['2026-1-1', '20261201', ' 2026-12-01', '2026-12-01T00:00:00Z', 'January']) expect(localDateProblem(value)).toBe('must be a date YYYY-MM-DD');
  });
});
