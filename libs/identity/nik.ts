// NIK (Nomor Induk Kependudukan), the 16-digit national identity number on every KTP.
// Layout: PP RR DD  DDMMYY  SSSS
//   PP    province code (Kemendagri), RR regency/city code, DD kecamatan code
//   DDMMYY birth date; women add 40 to the day (a woman born on the 5th has 45)
//   SSSS  a serial number, never 0000
// The checks are structural: a NIK that passes may still not exist, but one that fails cannot.

/** Province codes in use (Kemendagri), including the Papua provinces created in 2022. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36',
  '51', '52', '53',
  '61', '62', '63', '64', '65',
  '71', '72', '73', '74', '75', '76',
  '81', '82',
  '91', '92', '93', '94', '95', '96',
]);

export type NikProblem = 'format' | 'province' | 'regency' | 'district' | 'birth-date' | 'serial';

export interface NikParts {
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  sex: 'male' | 'female';
  birthDay: number;
  birthMonth: number;
  /** Two digits: the century is not in the NIK. */
  birthYear2: number;
  serial: string;
}

export type NikCheck = { valid: true; parts: NikParts } | { valid: false; problem: NikProblem; message: string };

function dateExists(day: number, month: number, year: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function checkNik(nik: unknown): NikCheck {
  if (typeof nik !== 'string' || !/^\d{16}$/.test(nik)) return { valid: false, problem: 'format', message: 'nik must be exactly 16 digits' };
  const provinceCode = nik.slice(0, 2);
  const regencyCode = nik.slice(2, 4);
  const districtCode = nik.slice(4, 6);
  if (!PROVINCE_CODES.has(provinceCode)) return { valid: false, problem: 'province', message: `nik starts with ${provinceCode}, which is not a province code` };
  // Regencies (kabupaten) are numbered from 01 (none above 29 today) and cities (kota) from 71 to 79.
  const regency = Number(regencyCode);
  if (regency === 0 || regency === 70 || regency > 79) return { valid: false, problem: 'regency', message: `digits 3-4 of nik (${regencyCode}) are not a regency or city code` };
  if (districtCode === '00') return { valid: false, problem: 'district', message: 'digits 5-6 of nik (00) are not a kecamatan code' };
  const dd = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const year2 = Number(nik.slice(10, 12));
  const female = dd > 40;
  const day = female ? dd - 40 : dd;
  // The century is unknown: the date must exist in the 1900s or the 2000s (29 February needs a leap year in one of them).
  const exists = day >= 1 && month >= 1 && month <= 12 && (dateExists(day, month, 1900 + year2) || dateExists(day, month, 2000 + year2));
  if (!exists) {
    return { valid: false, problem: 'birth-date', message: `digits 7-12 of nik (${nik.slice(6, 12)}) are not a birth date DDMMYY (women add 40 to the day)` };
  }
  const serial = nik.slice(12);
  if (serial === '0000') return { valid: false, problem: 'serial', message: 'the last 4 digits of nik (0000) are not a serial number' };
  return { valid: true, parts: { provinceCode, regencyCode, districtCode, sex: female ? 'female' : 'male', birthDay: day, birthMonth: month, birthYear2: year2, serial } };
}

export function isValidNik(nik: unknown): boolean {
  return checkNik(nik).valid;
}
