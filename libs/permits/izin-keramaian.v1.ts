// IZIN_KERAMAIAN — Rekomendasi Penyelenggaraan Keramaian (crowd / public event recommendation), version 1.
// Source: the provincial event-recommendation service as published on the DPMPTSP DKI service catalogue
// (pelayanan.jakarta.go.id); Perda DKI Jakarta 8/2007 tentang Ketertiban Umum (public order, kept by Satpol
// PP); UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan (use of roads for events other than traffic needs
// a traffic management plan). The crowd permit itself (izin keramaian) is issued by the police (Polri,
// Polda Metro Jaya) and is outside the Pemprov's remit: this service issues the province's recommendation
// that the organiser attaches to the police application. Demonstrations are not covered (UU 9/1998 only
// asks for a notice to the police).
//
// Flow: Satpol PP reviews public order and, for a crowd of 1,000 or more or an event on a public road,
// DISHUB reviews the traffic plan, in parallel; DPMPTSP then issues the recommendation.
// Deadline: 5 working days (UU 30/2014 art. 53 as amended by UU 6/2023, default). Longest path 3 + 1 = 4.
// Policy: 'escalate': a crowd event must not be recommended by default; the public-safety review has to happen.
// Applicant deadline: 3 working days, since the event date does not move.
// Fee: none.
import { definePermit } from '../permit-dsl/define';
import { applicationData, deadlines, documents, EVENT_DAYS, EVENT_ORGANIZER_DOCUMENTS, EVENT_ORGANIZER, eventNameAndType, noFee, NOT_A_RETRIBUSI_OBJECT, onlyWhen, parallel, sequence, step, weigh } from './parts';

export const izinKeramaianV1 = definePermit({
  code: 'IZIN_KERAMAIAN',
  version: 1,
  name: {
    id: 'Rekomendasi Penyelenggaraan Keramaian',
    en: 'Public Event (Crowd) Recommendation',
  },
  category: 'perizinan',
  description:
    "The province's recommendation for a public event (concert, sports, festival, exhibition...), attached to the police crowd permit.",
  source:
    'Perda DKI Jakarta No. 8 Tahun 2007 tentang Ketertiban Umum; UU No. 22 Tahun 2009 tentang LLAJ; provincial event ' +
    'recommendation service as published on the DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id)',
  fee: noFee(NOT_A_RETRIBUSI_OBJECT),
  requiredDocuments: documents({
    ...EVENT_ORGANIZER_DOCUMENTS,
    persetujuan_pengelola_tempat: 'Persetujuan pemilik atau pengelola tempat kegiatan',
    denah_lokasi: 'Denah lokasi, jalur evakuasi dan titik kumpul',
    rencana_pengamanan: 'Rencana pengamanan dan penanganan kesehatan/kedaruratan',
    pernyataan_penanggung_jawab: 'Surat pernyataan tanggung jawab atas ketertiban, kebersihan dan kerusakan',
  }),
  dataSchema: applicationData(
    ['eventName', 'eventType', 'startDate', 'endDate', 'expectedAttendance', 'venueType', 'usesPublicRoad', 'organizerName'],
    {
      ...eventNameAndType(['konser_musik', 'olahraga', 'keagamaan', 'pameran', 'festival_budaya', 'pawai', 'lainnya']),
      ...EVENT_DAYS,
      expectedAttendance: { type: 'integer', minimum: 1, maximum: 5000000 },
      venueType: { type: 'string', enum: ['gedung', 'lapangan_terbuka', 'taman_kota', 'ruas_jalan'] },
      usesPublicRoad: { type: 'boolean', description: 'Closes or occupies a public road (pawai, car free day, street festival)' },
      ...EVENT_ORGANIZER,
    },
    [
      {
        eventName: 'Festival Kuliner Betawi',
        eventType: 'festival_budaya',
        startDate: '2025-08-16',
        endDate: '2025-08-17',
        expectedAttendance: 3000,
        venueType: 'lapangan_terbuka',
        usesPublicRoad: false,
        organizerName: 'Paguyuban Pedagang Setu Babakan',
      },
      {
        eventName: 'Pengajian Akbar RW 05',
        eventType: 'keagamaan',
        startDate: '2025-09-06',
        endDate: '2025-09-06',
        expectedAttendance: 400,
        venueType: 'gedung',
        usesPublicRoad: false,
        organizerName: 'Pengurus Masjid Al-Ikhlas',
      },
    ],
  ),
  flow: sequence([
    parallel('keramaian_reviews', [
      step('public_order_review', 'Kajian ketertiban umum', 'SATPOLPP', 'province', 'officer', { days: 3 }, weigh('review', 'the event plan, venue and expected crowd read against public-order rules, with the police recommendation')),
      onlyWhen(
        'traffic_plan_needed',
        'Perlu kajian manajemen lalu lintas?',
        'Pengunjung 1.000 orang atau lebih, atau memakai jalan umum',
        {
          any: [
            { field: 'expectedAttendance', op: 'gte', value: 1000 },
            { field: 'usesPublicRoad', op: 'eq', value: true },
          ],
        },
        step('traffic_plan_review', 'Kajian rencana manajemen lalu lintas', 'DISHUB', 'province', 'officer', { days: 3 }, weigh('technical', 'a traffic-management plan checked on the map: closures, diversions, parking, marshals')),
      ),
    ]),
    step('recommendation_issuance', 'Penerbitan rekomendasi', 'DPMPTSP', 'province', 'head', { days: 1 }, weigh('sign', 'the head signs the recommendation the reviews prepared')),
  ]),
  ...deadlines({ days: 5 }, 'escalate', { days: 3 }),
});
