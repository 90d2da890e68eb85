// SLF — Sertifikat Laik Fungsi (certificate of a building's fitness for use), version 1.
// Source: UU 28/2002 tentang Bangunan Gedung as amended by UU 6/2023 and PP 16/2021 (SLF for a new building
// once construction ends, renewed every 20 years for houses and every 5 years for other buildings); the
// requirement list follows the DPMPTSP DKI Jakarta SLF service standard as published on the DPMPTSP DKI
// service catalogue (pelayanan.jakarta.go.id).
//
// Deadline: 15 working days. PP 16/2021 has the certificate follow within days of the technical
// assessor's statement of fitness (surat pernyataan kelaikan fungsi); the DCKTRP field inspection adds to
// that. Steps: document check 2 + field inspection 7 + approval 3 = 12 working days, inside the 15.
// Policy: 'escalate': a building must not be deemed safe to occupy because a clock ran out.
// Fee: none. UU 1/2022 (HKPD) and Perda DKI Jakarta 1/2024 levy a retribusi on the PBG only, not on the SLF.
import { definePermit } from '../permit-dsl/define';
import { APPLICANT_KTP, applicationData, deadlines, documents, noFee, sequence, step, weigh } from './parts';

export const slfV1 = definePermit({
  code: 'SLF',
  version: 1,
  name: {
    id: 'Sertifikat Laik Fungsi',
    en: 'Certificate of Fitness for Use',
  },
  category: 'perizinan',
  description:
    'Certifies that a finished building matches its PBG and is fit for use; required before occupation and renewed periodically.',
  source:
    'UU 28/2002 tentang Bangunan Gedung jo. UU 6/2023; PP 16/2021; DPMPTSP DKI Jakarta SLF service standard, ' +
    'as published on the DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id)',
  fee: noFee(
    'Tidak dipungut retribusi: UU No. 1 Tahun 2022 tentang HKPD dan Perda DKI Jakarta No. 1 Tahun 2024 tentang ' +
      'Pajak Daerah dan Retribusi Daerah hanya menetapkan retribusi atas PBG',
  ),
  requiredDocuments: documents({
    ...APPLICANT_KTP,
    pbg: 'Persetujuan Bangunan Gedung (PBG/IMB) beserta lampiran gambar',
    bukti_hak_tanah: 'Bukti kepemilikan hak atas tanah',
    surat_pernyataan_kelaikan: 'Surat pernyataan kelaikan fungsi dari pengkaji teknis',
    laporan_pemeriksaan: 'Laporan pemeriksaan kelaikan fungsi bangunan gedung',
    gambar_terbangun: 'Gambar terbangun (as-built drawings)',
    foto_bangunan: 'Foto bangunan tampak depan, samping dan belakang',
  }),
  dataSchema: applicationData(
    ['slfType', 'pbgNumber', 'function', 'floors', 'buildingAreaM2', 'completionDate', 'assessorName'],
    {
      slfType: { type: 'string', enum: ['baru', 'perpanjangan'], description: 'First certificate or renewal' },
      pbgNumber: { type: 'string', minLength: 3, maxLength: 100, description: 'Number of the PBG (or former IMB)' },
      function: { type: 'string', enum: ['hunian', 'keagamaan', 'usaha', 'sosial_budaya', 'khusus', 'campuran'] },
      floors: { type: 'integer', minimum: 1, maximum: 150 },
      buildingAreaM2: { type: 'number', exclusiveMinimum: 0, maximum: 2000000 },
      completionDate: { type: 'string', format: 'date', description: 'When construction (or the last renewal period) ended' },
      assessorName: { type: 'string', minLength: 2, maxLength: 200, description: 'Pengkaji teknis: firm or certified individual' },
      assessorCertificate: { type: 'string', minLength: 3, maxLength: 100 },
    },
    [
      {
        slfType: 'baru',
        pbgNumber: 'SK-PBG-317404-12062024-001',
        function: 'usaha',
        floors: 4,
        buildingAreaM2: 1250,
        completionDate: '2025-02-28',
        assessorName: 'CV Laik Teknik Mandiri',
        assessorCertificate: 'SKK-KONSTRUKSI-7.1-0012345',
      },
    ],
  ),
  flow: sequence([
    step('slf_document_check', 'Pemeriksaan kelengkapan dan kesesuaian dokumen', 'DCKTRP', 'city', 'officer', { days: 2 }, weigh('check', 'the file checked for completeness and against the PBG')),
    step('slf_field_inspection', 'Pemeriksaan lapangan kesesuaian bangunan dengan PBG', 'DCKTRP', 'city', 'officer', { days: 7 }, weigh('technical', 'the finished building inspected on site against its PBG')),
    step('slf_approval', 'Penetapan SLF oleh kepala suku dinas', 'DCKTRP', 'city', 'head', { days: 3 }, weigh('sign', 'the head of the suku dinas signs the certificate after the inspection')),
  ]),
  ...deadlines({ days: 15 }, 'escalate', { days: 14 }),
});
