// SIP_DOKTER — Surat Izin Praktik Dokter (doctor's practice licence), version 1.
// Source: UU 17/2023 tentang Kesehatan and PP 28/2024 (SIP issued by the city/regency government for each
// practice place, with a lifetime STR; the professional association's recommendation is no longer a
// requirement), Permenkes 2052/2011 tentang Izin Praktik dan Pelaksanaan Praktik Kedokteran (at most three
// practice places) where not superseded; requirement list as published on the DPMPTSP DKI service
// catalogue (pelayanan.jakarta.go.id). In Jakarta the city-level health office (suku dinas kesehatan)
// verifies and the city-level DPMPTSP office issues.
//
// Deadline: 5 working days, the default time limit for a government decision in UU 30/2014 art. 53 as
// amended by UU 6/2023 when the sector regulation sets none. Steps: 3 + 1 = 4 working days.
// Policy: 'deem-granted' (fiktif positif, UU 30/2014 art. 53 as amended by UU 6/2023): the doctor's
// competence is already attested by the STR, and the verification is of documents.
// Fee: none: neither UU 1/2022 (HKPD) nor Perda DKI Jakarta 1/2024 levies a retribusi on practice licences.
import { definePermit } from '../permit-dsl/define';
import { APPLICANT_KTP, applicationData, deadlines, documents, noFee, sequence, step, weigh } from './parts';

export const sipDokterV1 = definePermit({
  code: 'SIP_DOKTER',
  version: 1,
  name: {
    id: 'Surat Izin Praktik Dokter',
    en: "Doctor's Practice Licence",
  },
  category: 'perizinan',
  description: 'Licence for a physician or dentist to practise at one named place (a health facility or a private practice).',
  source:
    'UU No. 17 Tahun 2023 tentang Kesehatan; PP No. 28 Tahun 2024; Permenkes No. 2052 Tahun 2011; ' +
    'as published on the DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id)',
  fee: noFee(
    'Tidak dipungut biaya: SIP tidak termasuk objek retribusi dalam UU No. 1 Tahun 2022 tentang HKPD dan ' +
      'Perda DKI Jakarta No. 1 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah',
  ),
  requiredDocuments: documents({
    ...APPLICANT_KTP,
    str: 'Surat Tanda Registrasi (STR) yang berlaku',
    ijazah: 'Ijazah dokter / dokter spesialis / dokter gigi',
    pas_foto: 'Pas foto berwarna terbaru',
    surat_keterangan_fasyankes: 'Surat keterangan dari pimpinan fasilitas pelayanan kesehatan tempat praktik',
    pernyataan_tempat_praktik: 'Surat pernyataan jumlah tempat praktik (paling banyak tiga)',
  }),
  dataSchema: applicationData(
    ['profession', 'strNumber', 'practiceKind', 'facilityName', 'practicePlaceNumber'],
    {
      profession: { type: 'string', enum: ['dokter', 'dokter_spesialis', 'dokter_gigi', 'dokter_gigi_spesialis'] },
      specialty: { type: 'string', minLength: 2, maxLength: 100, description: 'For specialists, e.g. Sp.A, Sp.PD' },
      strNumber: { type: 'string', minLength: 6, maxLength: 40 },
      practiceKind: { type: 'string', enum: ['fasyankes', 'mandiri'], description: 'At a health facility or a private practice' },
      facilityName: { type: 'string', minLength: 2, maxLength: 200 },
      practicePlaceNumber: { type: 'integer', minimum: 1, maximum: 3, description: 'Which of the (at most three) practice places this is' },
      practiceHours: { type: 'string', maxLength: 200, description: 'Schedule, e.g. Senin-Jumat 08.00-14.00' },
    },
    [
      {
        profession: 'dokter',
        strNumber: '3121100320145678',
        practiceKind: 'fasyankes',
        facilityName: 'Puskesmas Kecamatan Tebet',
        practicePlaceNumber: 1,
        practiceHours: 'Senin-Jumat 07.30-14.30',
      },
    ],
  ),
  flow: sequence([
    step('dinkes_verification', 'Verifikasi persyaratan oleh suku dinas kesehatan', 'DINKES', 'city', 'officer', { days: 3 }, weigh('review', "a doctor's STR, recommendation and practice place verified")),
    step('sip_issuance', 'Penerbitan SIP', 'DPMPTSP', 'city', 'head', { days: 1 }, weigh('sign', 'the head signs the practice licence the verification prepared')),
  ]),
  ...deadlines({ days: 5 }, 'deem-granted', { days: 10 }),
});
