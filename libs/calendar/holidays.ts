// Static calendar tables for the Jakarta civil service (Pemprov DKI Jakarta follows the national calendar).
//
// This file is plain data on purpose: the business calendar must not change behaviour when a library's
// rules change, and it must be importable from deterministic (workflow) code. The `date-holidays` package
// is only used by the unit spec, to review this table against it (see DATE_HOLIDAYS_REVIEW below).
//
// How the dates are set in Indonesia:
// - National holidays (hari libur nasional) and collective leave (cuti bersama) are fixed each year by an
//   SKB (Surat Keputusan Bersama, joint decree) of the Minister of Religious Affairs (Menteri Agama), the
//   Minister of Manpower (Menteri Ketenagakerjaan) and the Minister of State Apparatus Empowerment and
//   Bureaucratic Reform (Menteri PANRB), on the basis of Keppres 8/2024 on public holidays.
// - Cuti bersama days close government offices (they count against civil servants' annual leave); the
//   `date-holidays` package does not know them at all.
// - Islamic dates in the SKB come from the Ministry of Religious Affairs' hijri calendar and can still
//   move after the isbat session; when that happens the SKB is amended and this table must follow.

export type HolidayKind = 'national' | 'cuti_bersama';

export interface HolidayEntry {
  /** Local (Asia/Jakarta) calendar date, 'YYYY-MM-DD'. */
  date: string;
  name: string;
  kind: HolidayKind;
}

export interface HolidayYearSource {
  /** 'decreed': copied from the SKB; 'provisional': projected, no SKB yet. */
  status: 'decreed' | 'provisional';
  basis: string;
}

export const HOLIDAY_SOURCES: Readonly<Record<number, HolidayYearSource>> = {
  2025: {
    status: 'decreed',
    basis:
      'SKB Menag, Menaker, MenPANRB Nomor 1017 Tahun 2024, Nomor 2 Tahun 2024, Nomor 2 Tahun 2024 ' +
      '(17 national days, 10 cuti bersama), amended by SKB Nomor 933 Tahun 2025, Nomor 1 Tahun 2025, ' +
      'Nomor 3 Tahun 2025 of 7 August 2025 (cuti bersama 18 August 2025, 80th Independence Day)',
  },
  2026: {
    status: 'decreed',
    basis:
      'SKB Menag, Menaker, MenPANRB Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 ' +
      '(announced 19 September 2025: 17 national days, 8 cuti bersama)',
  },
  2027: {
    status: 'provisional',
    basis:
      'No SKB for 2027 yet. National holidays projected from Keppres 8/2024 (fixed dates, Easter-based ' +
      'dates, the date-holidays lunar/lunisolar dates, and Idul Fitri after the expected Ramadan 1448 H ' +
      'range below). Cuti bersama unknown: left empty, add them (and correct the lunar dates) when the SKB ' +
      'is published, or pass them as extraClosedDays in the meantime.',
  },
};

/** A national holiday (hari libur nasional). */
const holiday = (date: string, name: string): HolidayEntry => ({ date, name, kind: 'national' });

/** A day of collective leave (cuti bersama): government offices are closed. */
const cutiBersama = (date: string, name: string): HolidayEntry => ({ date, name, kind: 'cuti_bersama' });

/**
 * National holidays and cuti bersama per year, sorted by date. Holidays falling on a weekend are listed too
 * (they are in the decree; the office is closed anyway). Two holidays may share a date.
 */
export const HOLIDAYS: Readonly<Record<number, readonly HolidayEntry[]>> = {
  // SKB 1017/2024, 2/2024, 2/2024 as amended by SKB 933/2025, 1/2025, 3/2025.
  2025: [
    holiday('2025-01-01', 'Tahun Baru 2025 Masehi'),
    holiday('2025-01-27', 'Isra Mikraj Nabi Muhammad SAW'),
    cutiBersama('2025-01-28', 'Cuti bersama Tahun Baru Imlek 2576 Kongzili'),
    holiday('2025-01-29', 'Tahun Baru Imlek 2576 Kongzili'),
    cutiBersama('2025-03-28', 'Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1947)'),
    holiday('2025-03-29', 'Hari Suci Nyepi (Tahun Baru Saka 1947)'),
    holiday('2025-03-31', 'Idul Fitri 1446 Hijriah'),
    holiday('2025-04-01', 'Idul Fitri 1446 Hijriah'),
    cutiBersama('2025-04-02', 'Cuti bersama Idul Fitri 1446 Hijriah'),
    cutiBersama('2025-04-03', 'Cuti bersama Idul Fitri 1446 Hijriah'),
    cutiBersama('2025-04-04', 'Cuti bersama Idul Fitri 1446 Hijriah'),
    cutiBersama('2025-04-07', 'Cuti bersama Idul Fitri 1446 Hijriah'),
    holiday('2025-04-18', 'Wafat Yesus Kristus'),
    holiday('2025-04-20', 'Kebangkitan Yesus Kristus (Paskah)'),
    holiday('2025-05-01', 'Hari Buruh Internasional'),
    holiday('2025-05-12', 'Hari Raya Waisak 2569 BE'),
    cutiBersama('2025-05-13', 'Cuti bersama Hari Raya Waisak 2569 BE'),
    holiday('2025-05-29', 'Kenaikan Yesus Kristus'),
    cutiBersama('2025-05-30', 'Cuti bersama Kenaikan Yesus Kristus'),
    holiday('2025-06-01', 'Hari Lahir Pancasila'),
    holiday('2025-06-06', 'Idul Adha 1446 Hijriah'),
    cutiBersama('2025-06-09', 'Cuti bersama Idul Adha 1446 Hijriah'),
    holiday('2025-06-27', '1 Muharam Tahun Baru Islam 1447 Hijriah'),
    holiday('2025-08-17', 'Proklamasi Kemerdekaan'),
    // Added by the amending SKB 933/2025, 1/2025, 3/2025 (7 August 2025).
    cutiBersama('2025-08-18', 'Cuti bersama HUT ke-80 Kemerdekaan RI'),
    holiday('2025-09-05', 'Maulid Nabi Muhammad SAW'),
    holiday('2025-12-25', 'Kelahiran Yesus Kristus'),
    cutiBersama('2025-12-26', 'Cuti bersama Kelahiran Yesus Kristus'),
  ],

  // SKB 1497/2025, 2/2025, 5/2025.
  2026: [
    holiday('2026-01-01', 'Tahun Baru 2026 Masehi'),
    holiday('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW'),
    cutiBersama('2026-02-16', 'Cuti bersama Tahun Baru Imlek 2577 Kongzili'),
    holiday('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili'),
    cutiBersama('2026-03-18', 'Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1948)'),
    holiday('2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'),
    cutiBersama('2026-03-20', 'Cuti bersama Idul Fitri 1447 Hijriah'),
    holiday('2026-03-21', 'Idul Fitri 1447 Hijriah'),
    holiday('2026-03-22', 'Idul Fitri 1447 Hijriah'),
    cutiBersama('2026-03-23', 'Cuti bersama Idul Fitri 1447 Hijriah'),
    cutiBersama('2026-03-24', 'Cuti bersama Idul Fitri 1447 Hijriah'),
    holiday('2026-04-03', 'Wafat Yesus Kristus'),
    holiday('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)'),
    holiday('2026-05-01', 'Hari Buruh Internasional'),
    holiday('2026-05-14', 'Kenaikan Yesus Kristus'),
    cutiBersama('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus'),
    holiday('2026-05-27', 'Idul Adha 1447 Hijriah'),
    cutiBersama('2026-05-28', 'Cuti bersama Idul Adha 1447 Hijriah'),
    holiday('2026-05-31', 'Hari Raya Waisak 2570 BE'),
    holiday('2026-06-01', 'Hari Lahir Pancasila'),
    holiday('2026-06-16', '1 Muharam Tahun Baru Islam 1448 Hijriah'),
    holiday('2026-08-17', 'Proklamasi Kemerdekaan'),
    holiday('2026-08-25', 'Maulid Nabi Muhammad SAW'),
    cutiBersama('2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus'),
    holiday('2026-12-25', 'Kelahiran Yesus Kristus'),
  ],

  // PROVISIONAL: no SKB yet (see HOLIDAY_SOURCES[2027]). No cuti bersama until the SKB is published.
  2027: [
    holiday('2027-01-01', 'Tahun Baru 2027 Masehi'),
    holiday('2027-01-05', 'Isra Mikraj Nabi Muhammad SAW (perkiraan)'),
    holiday('2027-02-06', 'Tahun Baru Imlek 2578 Kongzili'),
    holiday('2027-03-08', 'Hari Suci Nyepi (Tahun Baru Saka 1949)'),
    // Expected: Ramadan 1448 H runs 8 Feb - 9 Mar (30 days; the conjunction on 8 Mar is too close to
    // sunset for the hilal to be seen that evening), so 1 Syawal is 10 Mar.
    holiday('2027-03-10', 'Idul Fitri 1448 Hijriah (perkiraan)'),
    holiday('2027-03-11', 'Idul Fitri 1448 Hijriah (perkiraan)'),
    holiday('2027-03-26', 'Wafat Yesus Kristus'),
    holiday('2027-03-28', 'Kebangkitan Yesus Kristus (Paskah)'),
    holiday('2027-05-01', 'Hari Buruh Internasional'),
    holiday('2027-05-06', 'Kenaikan Yesus Kristus'),
    holiday('2027-05-16', 'Idul Adha 1448 Hijriah (perkiraan)'),
    holiday('2027-05-20', 'Hari Raya Waisak 2571 BE (perkiraan)'),
    holiday('2027-06-01', 'Hari Lahir Pancasila'),
    holiday('2027-06-06', '1 Muharam Tahun Baru Islam 1449 Hijriah (perkiraan)'),
    holiday('2027-08-14', 'Maulid Nabi Muhammad SAW (perkiraan)'),
    holiday('2027-08-17', 'Proklamasi Kemerdekaan'),
    holiday('2027-12-25', 'Kelahiran Yesus Kristus'),
    holiday('2027-12-25', 'Isra Mikraj Nabi Muhammad SAW 1449 Hijriah (perkiraan)'),
  ],
};

/**
 * Dates that `new Holidays('ID').getHolidays(year)` (date-holidays 3.37) reports as 'public' but that are
 * deliberately NOT in HOLIDAYS, each with the reason. The spec checks that every library date is either in
 * HOLIDAYS or here, so a library update that adds or moves a date fails the review test.
 *
 * Also noted (date right, name wrong, so no entry needed): the library calls 27 Rajab "Maulid Nabi
 * Muhammad"; that day is Isra Mikraj (the table uses the SKB's name).
 */
export const DATE_HOLIDAYS_REVIEW: ReadonlyArray<{ date: string; libraryName: string; reason: string }> = [
  {
    date: '2025-03-30',
    libraryName: 'Hari Raya Idul Fitri',
    reason: 'The library puts 1 Syawal 1446 H a day early; the SKB has Idul Fitri on 31 Mar - 1 Apr 2025 (a Sunday anyway).',
  },
  {
    date: '2025-06-26',
    libraryName: 'Tahun Baru Islam',
    reason: 'The library puts 1 Muharam 1447 H a day early; the SKB has 27 Jun 2025. 26 Jun 2025 was a working Thursday.',
  },
  {
    date: '2027-03-09',
    libraryName: 'Hari Raya Idul Fitri',
    reason:
      'Provisional year. The library puts 1 Syawal 1448 H on 9 Mar 2027; the expected Ramadan 1448 H shipped here runs to 9 Mar, ' +
      'so Idul Fitri is expected on 10-11 Mar. Re-check against the 2027 SKB.',
  },
];

/**
 * Ramadan ranges (inclusive local dates) during which the reduced Ramadan working hours apply.
 * These are the EXPECTED dates; each year the government sets the actual start and end (sidang isbat of the
 * Ministry of Religious Affairs), and the reduced hours themselves are set by circular each year. Extra or
 * corrected ranges can be passed to the BusinessCalendar constructor (they are merged with these).
 */
export const DEFAULT_RAMADAN: ReadonlyArray<{ from: string; to: string; hijriYear: number }> = [
  { from: '2025-03-01', to: '2025-03-30', hijriYear: 1446 },
  { from: '2026-02-18', to: '2026-03-19', hijriYear: 1447 },
  { from: '2027-02-08', to: '2027-03-09', hijriYear: 1448 },
];
