// TDUP — Tanda Daftar Usaha Pariwisata (tourism business registration), version 1.
// Source: UU 10/2009 tentang Kepariwisataan (the thirteen kinds of tourism business, art. 14);
// PP 5/2021 (risk-based licensing through OSS) and Permenparekraf 4/2021 on the business standards of the
// tourism sector; requirement list as published on the DPMPTSP DKI service catalogue
// (pelayanan.jakarta.go.id). Since PP 5/2021 the NIB issued by OSS registers a low-risk tourism business;
// this definition models the province's part: the city-level DISPAREKRAF office verifies the business
// against the sector standard and DPMPTSP records the registration.
//
// Deadline: 5 working days (UU 30/2014 art. 53 as amended by UU 6/2023, default when no other is set).
// Steps: 3 + 1 = 4 working days.
// Policy: 'deem-granted' (fiktif positif): a registration of a low-risk business already holding an NIB.
// Fee: none (no retribusi under UU 1/2022 and Perda DKI Jakarta 1/2024).
import { definePermit } from '../permit-dsl/define';
import { applicationData, deadlines, documents, noFee, sequence, step, weigh } from './parts';

export const tdupV1 = definePermit({
  code: 'TDUP',
  version: 1,
  name: {
    id: 'Tanda Daftar Usaha Pariwisata',
    en: 'Tourism Business Registration',
  },
  category: 'perizinan',
  description: 'Registration of a tourism business (accommodation, food and drink, travel, recreation...) with the tourism office.',
  source:
    'UU No. 10 Tahun 2009 tentang Kepariwisataan; PP No. 5 Tahun 2021; Permenparekraf No. 4 Tahun 2021; ' +
    'as published on the DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id)',
  fee: noFee(
    'Tidak dipungut biaya: bukan objek retribusi menurut UU No. 1 Tahun 2022 tentang HKPD dan Perda DKI Jakarta ' +
      'No. 1 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah',
  ),
  requiredDocuments: documents({
    ktp: 'KTP penanggung jawab usaha',
    nib: 'Nomor Induk Berusaha (NIB)',
    npwp: 'NPWP badan usaha atau perorangan',
    akta_pendirian: 'Akta pendirian badan usaha dan pengesahannya (bagi badan usaha)',
    bukti_tempat_usaha: 'Bukti kepemilikan atau sewa tempat usaha',
    dokumen_lingkungan: 'Dokumen lingkungan (SPPL atau UKL-UPL)',
    foto_usaha: 'Foto tempat usaha',
  }),
  dataSchema: applicationData(
    ['businessName', 'businessField', 'kbli', 'nib', 'employees'],
    {
      businessName: { type: 'string', minLength: 2, maxLength: 200 },
      businessField: {
        type: 'string',
        description: 'Kind of tourism business (UU 10/2009 art. 14)',
        enum: [
          'daya_tarik_wisata',
          'kawasan_pariwisata',
          'jasa_transportasi_wisata',
          'jasa_perjalanan_wisata',
          'jasa_makanan_minuman',
          'penyediaan_akomodasi',
          'kegiatan_hiburan_rekreasi',
          'mice',
          'jasa_informasi_pariwisata',
          'jasa_konsultan_pariwisata',
          'jasa_pramuwisata',
          'wisata_tirta',
          'spa',
        ],
      },
      kbli: { type: 'string', pattern: '^[0-9]{5}$', description: 'Five-digit KBLI code' },
      nib: { type: 'string', pattern: '^[0-9]{13}$', description: 'Thirteen-digit NIB from OSS' },
      employees: { type: 'integer', minimum: 0, maximum: 100000 },
      capacity: { type: 'integer', minimum: 0, maximum: 100000, description: 'Rooms, seats or visitors, as fits the field' },
    },
    [
      {
        businessName: 'Kedai Kopi Kota Tua',
        businessField: 'jasa_makanan_minuman',
        kbli: '56303',
        nib: '9120001234567',
        employees: 8,
        capacity: 40,
      },
    ],
  ),
  flow: sequence([
    step('disparekraf_verification', 'Verifikasi pemenuhan standar usaha pariwisata', 'DISPAREKRAF', 'city', 'officer', { days: 3 }, weigh('review', 'the tourism business checked against the standards of its kind')),
    step('tdup_issuance', 'Penerbitan tanda daftar usaha pariwisata', 'DPMPTSP', 'city', 'head', { days: 1 }, weigh('sign', 'the head signs the registration the verification prepared')),
  ]),
  ...deadlines({ days: 5 }, 'deem-granted', { days: 10 }),
});
