// IZIN_TAMAN: Izin Penggunaan Taman (permit to use a city park for an event), version 1.
// An organiser (a community group, a school, a company) asks to hold an event in a public park managed by
// the Dinas Pertamanan dan Hutan Kota (DISTAMHUT): a bazaar, a wedding photo session, a fun run, a
// cultural show. The suku dinas of the park's administrative city decides and issues the permit.
// Source: the park-use service of the Dinas Pertamanan dan Hutan Kota through the PTSP, as published on the
// DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id); Perda DKI Jakarta No. 8 Tahun 2007 tentang
// Ketertiban Umum (order in parks and green belts, kept by Satpol PP); Perda DKI Jakarta No. 1 Tahun 2024
// tentang Pajak Daerah dan Retribusi Daerah (the retribusi for using regional assets).
//
// Flow: the suku dinas checks the park's calendar, capacity and the area asked for; for a crowd of 500 or
// more Satpol PP reviews public order beside it; the head of the suku dinas then issues the permit.
// Deadline: 5 working days (UU 30/2014 art. 53 as amended by UU 6/2023, the default for a decision).
// Longest path 2 + 1 = 3.
// Policy: 'escalate': a park booked by default could be booked twice, or for a crowd nobody reviewed.
// Applicant deadline: 3 working days, since the event date does not move.
// Fee: the application costs nothing; the retribusi for using the park is assessed separately (SKRD) from
// the area and the days of use under Perda DKI Jakarta 1/2024 and is paid before the permit is handed over.
import { definePermit } from '../permit-dsl/define';
import { applicationData, deadlines, documents, EVENT_DAYS, EVENT_ORGANIZER_DOCUMENTS, EVENT_ORGANIZER, eventNameAndType, noFee, onlyWhen, parallel, sequence, step, weigh } from './parts';

export const izinTamanV1 = definePermit({
  code: 'IZIN_TAMAN',
  version: 1,
  name: { id: 'Izin Penggunaan Taman', en: 'Park Use Permit' },
  category: 'perizinan',
  description: 'Permit to hold an event in a public park of the city (bazaar, sports, cultural show, photo session), with the area and dates of use.',
  source:
    'Perda DKI Jakarta No. 8 Tahun 2007 tentang Ketertiban Umum; Perda DKI Jakarta No. 1 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah; ' +
    'park-use service of the Dinas Pertamanan dan Hutan Kota as published on the DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id)',
  fee: noFee(
    'Retribusi pemakaian taman dihitung terpisah (SKRD) dari luas dan lama pemakaian menurut Perda DKI Jakarta No. 1 Tahun 2024 ' +
      'tentang Pajak Daerah dan Retribusi Daerah; permohonan tidak dikenai biaya tetap',
  ),
  requiredDocuments: documents({
    ...EVENT_ORGANIZER_DOCUMENTS,
    denah_area: 'Denah area taman yang dipakai, tenda, panggung dan jalur pengunjung',
    pernyataan_kebersihan: 'Surat pernyataan menjaga kebersihan dan mengganti kerusakan taman',
  }),
  dataSchema: applicationData(
    ['eventName', 'eventType', 'parkName', 'startDate', 'endDate', 'areaM2', 'expectedAttendance', 'organizerName'],
    {
      ...eventNameAndType(['bazar', 'olahraga', 'seni_budaya', 'keagamaan', 'sosial', 'foto_video', 'lainnya']),
      parkName: { type: 'string', minLength: 3, maxLength: 200, description: 'The park as the Dinas names it, e.g. Taman Langsat' },
      ...EVENT_DAYS,
      areaM2: { type: 'number', exclusiveMinimum: 0, maximum: 200000, description: 'Area of the park used, m²' },
      expectedAttendance: { type: 'integer', minimum: 1, maximum: 100000 },
      usesStage: { type: 'boolean', description: 'A stage, tent or sound system is set up' },
      ...EVENT_ORGANIZER,
    },
    [
      {
        eventName: 'Bazar UMKM Kebayoran',
        eventType: 'bazar',
        parkName: 'Taman Langsat',
        startDate: '2027-02-13',
        endDate: '2027-02-14',
        areaM2: 800,
        expectedAttendance: 1200,
        usesStage: true,
        organizerName: 'Koperasi Pedagang Kebayoran Baru',
      },
      {
        eventName: 'Senam Pagi Lansia RW 03',
        eventType: 'olahraga',
        parkName: 'Taman Situ Lembang',
        startDate: '2027-03-07',
        endDate: '2027-03-07',
        areaM2: 150,
        expectedAttendance: 60,
        organizerName: 'Posyandu Lansia Mawar',
      },
    ],
  ),
  flow: sequence([
    parallel('park_reviews', [
      step('park_schedule_check', 'Pemeriksaan jadwal, daya tampung dan area taman', 'DISTAMHUT', 'city', 'officer', { days: 2 }, weigh('check', "the park's booking calendar, capacity and area checked for the requested days")),
      onlyWhen(
        'crowd_review_needed',
        'Perlu kajian ketertiban umum?',
        'Pengunjung 500 orang atau lebih',
        { field: 'expectedAttendance', op: 'gte', value: 500 },
        step('public_order_review', 'Kajian ketertiban umum', 'SATPOLPP', 'province', 'officer', { days: 2 }, weigh('review', 'a large event in a public park read against public-order rules')),
      ),
    ]),
    step('park_permit_issuance', 'Penerbitan izin oleh kepala suku dinas', 'DISTAMHUT', 'city', 'head', { days: 1 }, weigh('sign', 'the head of the suku dinas signs the permit the officers prepared')),
  ]),
  ...deadlines({ days: 5 }, 'escalate', { days: 3 }),
});
