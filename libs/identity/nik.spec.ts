import { checkNik, isValidNik } from './nik';

describe('checkNik', () => {
  it('accepts a man born 15 May 1990 in Gambir (31.71.01) and reads the parts', () => {
    const r = checkNik('3171011505900001');
    expect(r).toEqual({
      valid: true,
      parts: { provinceCode: '31', regencyCode: '71', districtCode: '01', sex: 'male', birthDay: 15, birthMonth: 5, birthYear2: 90, serial: '0001' },
    });
  });

  it('reads a woman from the day plus 40: 45 means the 5th', () => {
    const r = checkNik('3273024508020003');
    expect(r.valid && r.parts).toMatchObject({ sex: 'female', birthDay: 5, birthMonth: 8, birthYear2: 2 });
  });

  it('accepts every province code from Aceh (11) to Papua Barat Daya (96)', () => {
    for (const p of ['11', '21', '36', '53', '65', '76', '82', '91', '96']) expect(isValidNik(`${p}01011505900001`)).toBe(true);
  });

  it('accepts 29 February when the two-digit year is a leap year in some century (00 is 2000)', () => {
    expect(isValidNik('3171012902000001')).toBe(true);
    expect(isValidNik('3171016902040001')).toBe(true);
    expect(checkNik('3171012902010001')).toMatchObject({ valid: false, problem: 'birth-date' });
  });

  it.each([
    ['not 16 digits', '317101150590001', 'format'],
    ['letters', '31710115059000A1', 'format'],
    ['a number, not a string', 3171011505900001, 'format'],
    ['province 00', '0071011505900001', 'province'],
    ['province 10 (no such province)', '1071011505900001', 'province'],
    ['province 20', '2071011505900001', 'province'],
    ['province 97', '9771011505900001', 'province'],
    ['province 99', '9971011505900001', 'province'],
    ['regency 00', '3100011505900001', 'regency'],
    ['regency 70', '3170011505900001', 'regency'],
    ['regency 85', '3185011505900001', 'regency'],
    ['kecamatan 00', '3171001505900001', 'district'],
    ['day 00', '3171010005900001', 'birth-date'],
    ['day 32 (neither a man nor a woman)', '3171013205900001', 'birth-date'],
    ['day 40', '3171014005900001', 'birth-date'],
    ['day 72 (a woman born on the 32nd)', '3171017205900001', 'birth-date'],
    ['month 00', '3171011500900001', 'birth-date'],
    ['month 13', '3171011513900001', 'birth-date'],
    ['31 April', '3171013104900001', 'birth-date'],
    ['30 February for a woman', '3171017002900001', 'birth-date'],
    ['serial 0000', '3171011505900000', 'serial'],
  ])('refuses %s', (_what, nik, problem) => {
    const r = checkNik(nik);
    expect(r).toMatchObject({ valid: false, problem });
  });

  it('says what is wrong in words a caller can act on', () => {
    const r = checkNik('3171013205900001');
    expect(!r.valid && r.message).toMatch(/birth date DDMMYY \(women add 40 to the day\)/);
  });
});
