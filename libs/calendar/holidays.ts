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

/**
 * National holidays and cuti bersama per year, sorted by date. Holidays falling on a weekend are listed too
 * (they are in the decree; the office is closed anyway). Two holidays may share a date.
 */
export const HOLIDAYS: Readonly<Record<number, readonly HolidayEntry[]>> = {
  // SKB 1017/2024, 2/2024, 2/2024 as amended by SKB 933/2025, 1/2025, 3/2025.
  2025: [
    { date: '2025-01-01', name: 'Tahun Baru 2025 Masehi', kind: 'national' },
    { date: '2025-01-27', name: 'Isra Mikraj Nabi Muhammad SAW', kind: 'national' },
    { date: '2025-01-28', name: 'Cuti bersama Tahun Baru Imlek 2576 Kongzili', kind: 'cuti_bersama' },
    { date: '2025-01-29', name: 'Tahun Baru Imlek 2576 Kongzili', kind: 'national' },
    { date: '2025-03-28', name: 'Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1947)', kind: 'cuti_bersama' },
    { date: '2025-03-29', name: 'Hari Suci Nyepi (Tahun Baru Saka 1947)', kind: 'national' },
    { date: '2025-03-31', name: 'Idul Fitri 1446 Hijriah', kind: 'national' },
    { date: '2025-04-01', name: 'Idul Fitri 1446 Hijriah', kind: 'national' },
    { date: '2025-04-02', name: 'Cuti bersama Idul Fitri 1446 Hijriah', kind: 'cuti_bersama' },
    { date: '2025-04-03', name: 'Cuti bersama Idul Fitri 1446 Hijriah', kind: 'cuti_bersama' },
    { date: '2025-04-04', name: 'Cuti bersama Idul Fitri 1446 Hijriah', kind: 'cuti_bersama' },
    { date: '2025-04-07', name: 'Cuti bersama Idul Fitri 1446 Hijriah', kind: 'cuti_bersama' },
    { date: '2025-04-18', name: 'Wafat Yesus Kristus', kind: 'national' },
    { date: '2025-04-20', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: 'national' },
    { date: '2025-05-01', name: 'Hari Buruh Internasional', kind: 'national' },
    { date: '2025-05-12', name: 'Hari Raya Waisak 2569 BE', kind: 'national' },
    { date: '2025-05-13', name: 'Cuti bersama Hari Raya Waisak 2569 BE', kind: 'cuti_bersama' },
    { date: '2025-05-29', name: 'Kenaikan Yesus Kristus', kind: 'national' },
    { date: '2025-05-30', name: 'Cuti bersama Kenaikan Yesus Kristus', kind: 'cuti_bersama' },
    { date: '2025-06-01', name: 'Hari Lahir Pancasila', kind: 'national' },
    { date: '2025-06-06', name: 'Idul Adha 1446 Hijriah', kind: 'national' },
    { date: '2025-06-09', name: 'Cuti bersama Idul Adha 1446 Hijriah', kind: 'cuti_bersama' },
    { date: '2025-06-27', name: '1 Muharam Tahun Baru Islam 1447 Hijriah', kind: 'national' },
    { date: '2025-08-17', name: 'Proklamasi Kemerdekaan', kind: 'national' },
    // Added by the amending SKB 933/2025, 1/2025, 3/2025 (7 August 2025).
    { date: '2025-08-18', name: 'Cuti bersama HUT ke-80 Kemerdekaan RI', kind: 'cuti_bersama' },
    { date: '2025-09-05', name: 'Maulid Nabi Muhammad SAW', kind: 'national' },
    { date: '2025-12-25', name: 'Kelahiran Yesus Kristus', kind: 'national' },
    { date: '2025-12-26', name: 'Cuti bersama Kelahiran Yesus Kristus', kind: 'cuti_bersama' },
  ],

  // SKB 1497/2025, 2/2025, 5/2025.
  2026: [
    { date: '2026-01-01', name: 'Tahun Baru 2026 Masehi', kind: 'national' },
    { date: '2026-01-16', name: 'Isra Mikraj Nabi Muhammad SAW', kind: 'national' },
    { date: '2026-02-16', name: 'Cuti bersama Tahun Baru Imlek 2577 Kongzili', kind: 'cuti_bersama' },
    { date: '2026-02-17', name: 'Tahun Baru Imlek 2577 Kongzili', kind: 'national' },
    { date: '2026-03-18', name: 'Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1948)', kind: 'cuti_bersama' },
    { date: '2026-03-19', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)', kind: 'national' },
    { date: '2026-03-20', name: 'Cuti bersama Idul Fitri 1447 Hijriah', kind: 'cuti_bersama' },
    { date: '2026-03-21', name: 'Idul Fitri 1447 Hijriah', kind: 'national' },
    { date: '2026-03-22', name: 'Idul Fitri 1447 Hijriah', kind: 'national' },
    { date: '2026-03-23', name: 'Cuti bersama Idul Fitri 1447 Hijriah', kind: 'cuti_bersama' },
    { date: '2026-03-24', name: 'Cuti bersama Idul Fitri 1447 Hijriah', kind: 'cuti_bersama' },
    { date: '2026-04-03', name: 'Wafat Yesus Kristus', kind: 'national' },
    { date: '2026-04-05', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: 'national' },
    { date: '2026-05-01', name: 'Hari Buruh Internasional', kind: 'national' },
    { date: '2026-05-14', name: 'Kenaikan Yesus Kristus', kind: 'national' },
    { date: '2026-05-15', name: 'Cuti bersama Kenaikan Yesus Kristus', kind: 'cuti_bersama' },
    { date: '2026-05-27', name: 'Idul Adha 1447 Hijriah', kind: 'national' },
    { date: '2026-05-28', name: 'Cuti bersama Idul Adha 1447 Hijriah', kind: 'cuti_bersama' },
    { date: '2026-05-31', name: 'Hari Raya Waisak 2570 BE', kind: 'national' },
    { date: '2026-06-01', name: 'Hari Lahir Pancasila', kind: 'national' },
    { date: '2026-06-16', name: '1 Muharam Tahun Baru Islam 1448 Hijriah', kind: 'national' },
    { date: '2026-08-17', name: 'Proklamasi Kemerdekaan', kind: 'national' },
    { date: '2026-08-25', name: 'Maulid Nabi Muhammad SAW', kind: 'national' },
    { date: '2026-12-24', name: 'Cuti bersama Kelahiran Yesus Kristus', kind: 'cuti_bersama' },
    { date: '2026-12-25', name: 'Kelahiran Yesus Kristus', kind: 'national' },
  ],

  // PROVISIONAL: no SKB yet (see HOLIDAY_SOURCES[2027]). No cuti bersama until the SKB is published.
  2027: [
    { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'national' },
    { date: '2027-01-05', name: 'Isra Mikraj Nabi Muhammad SAW (perkiraan)', kind: 'national' },
    { date: '2027-02-06', name: 'Tahun Baru Imlek 2578 Kongzili', kind: 'national' },
    { date: '2027-03-08', name: 'Hari Suci Nyepi (Tahun Baru Saka 1949)', kind: 'national' },
    // Expected: Ramadan 1448 H runs 8 Feb - 9 Mar (30 days; the conjunction on 8 Mar is too close to
    // sunset for the hilal to be seen that evening), so 1 Syawal is 10 Mar.
    { date: '2027-03-10', name: 'Idul Fitri 1448 Hijriah (perkiraan)', kind: 'national' },
    { date: '2027-03-11', name: 'Idul Fitri 1448 Hijriah (perkiraan)', kind: 'national' },
    { date: '2027-03-26', name: 'Wafat Yesus Kristus', kind: 'national' },
    { date: '2027-03-28', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: 'national' },
    { date: '2027-05-01', name: 'Hari Buruh Internasional', kind: 'national' },
    { date: '2027-05-06', name: 'Kenaikan Yesus Kristus', kind: 'national' },
    { date: '2027-05-16', name: 'Idul Adha 1448 Hijriah (perkiraan)', kind: 'national' },
    { date: '2027-05-20', name: 'Hari Raya Waisak 2571 BE (perkiraan)', kind: 'national' },
    { date: '2027-06-01', name: 'Hari Lahir Pancasila', kind: 'national' },
    { date: '2027-06-06', name: '1 Muharam Tahun Baru Islam 1449 Hijriah (perkiraan)', kind: 'national' },
    { date: '2027-08-14', name: 'Maulid Nabi Muhammad SAW (perkiraan)', kind: 'national' },
    { date: '2027-08-17', name: 'Proklamasi Kemerdekaan', kind: 'national' },
    { date: '2027-12-25', name: 'Kelahiran Yesus Kristus', kind: 'national' },
    { date: '2027-12-25', name: 'Isra Mikraj Nabi Muhammad SAW 1449 Hijriah (perkiraan)', kind: 'national' },
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
