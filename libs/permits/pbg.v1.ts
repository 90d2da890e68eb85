// PBG — Persetujuan Bangunan Gedung (building approval), version 1.
// Source: UU 28/2002 tentang Bangunan Gedung as amended by UU 6/2023 (Cipta Kerja) and its implementing
// PP 16/2021; the split of the deciding office by building size and the requirement list follow the
// DPMPTSP DKI Jakarta PBG service standard as published on the DPMPTSP DKI service catalogue
// (pelayanan.jakarta.go.id): houses of up to two floors at the kecamatan, buildings up to eight floors at
// the administrative city, taller buildings at the province with fire-safety and environmental review.
//
// Deadline: 28 working days end to end, the technical-consultation-to-approval period we read in
// PP 16/2021 for PBG; every route below fits in it (kecamatan 9, city 17, province 17 working days).
// Policy: 'escalate', not 'deem-granted'. A deemed approval of a building nobody has reviewed is a
// structural and fire risk, and the policy is per definition, so the high-rise route decides it for all.
// Fee: the retribusi PBG is not a flat fee. It is assessed separately (SKRD) from floor area, building
// indices and the unit price set in Perda DKI Jakarta 1/2024 once the technical review is done, and is
// collected as regional revenue before the approval is handed over. The application itself costs Rp 0.
import { definePermit } from '../permit-dsl/define';
import { APPLICANT_KTP, applicationData, deadlines, documents, noFee, parallel, sequence, step, weigh } from './parts';

export const pbgV1 = definePermit({
  code: 'PBG',
  version: 1,
  name: {
    id: 'Persetujuan Bangunan Gedung',
    en: 'Building Approval',
  },
  category: 'perizinan',
  description:
    'Approval to build, extend or alter a building, checked against the spatial plan and building technical standards. ' +
    'Houses of at most two floors go to the kecamatan, buildings of up to eight floors to the city, taller ones to the province.',
  source:
    'UU 28/2002 tentang Bangunan Gedung jo. UU 6/2023; PP 16/2021; DPMPTSP DKI Jakarta PBG service standard, ' +
    'as published on the DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id)',
  fee: noFee(
    'Retribusi PBG dihitung terpisah (SKRD) dari luas bangunan, indeks bangunan dan harga satuan menurut ' +
      'Perda DKI Jakarta No. 1 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah; permohonan tidak dikenai biaya tetap',
  ),
  requiredDocuments: documents({
    ...APPLICANT_KTP,
    bukti_hak_tanah: 'Bukti kepemilikan hak atas tanah (sertifikat) atau perjanjian pemanfaatan tanah',
    kkpr: 'Konfirmasi/Persetujuan Kesesuaian Kegiatan Pemanfaatan Ruang (KKPR)',
    sppt_pbb: 'SPPT PBB tahun berjalan',
    gambar_arsitektur: 'Gambar rencana arsitektur',
    gambar_struktur: 'Gambar rencana dan perhitungan struktur',
    gambar_utilitas: 'Gambar rencana mekanikal, elektrikal dan plambing (MEP)',
    data_perencana: 'Data penyedia jasa perencanaan dan sertifikat kompetensi perencana',
    dokumen_lingkungan: 'Dokumen lingkungan (SPPL, UKL-UPL atau AMDAL sesuai skala)',
  }),
  dataSchema: applicationData(
    ['function', 'floors', 'basements', 'buildingAreaM2', 'landAreaM2', 'heightM', 'landTitle', 'workType'],
    {
      function: {
        type: 'string',
        description: 'Fungsi bangunan gedung (PP 16/2021); campuran for mixed use',
        enum: ['hunian', 'keagamaan', 'usaha', 'sosial_budaya', 'khusus', 'campuran'],
      },
      floors: { type: 'integer', minimum: 1, maximum: 150, description: 'Floors above ground' },
      basements: { type: 'integer', minimum: 0, maximum: 15 },
      buildingAreaM2: { type: 'number', exclusiveMinimum: 0, maximum: 2000000, description: 'Total floor area, m²' },
      landAreaM2: { type: 'number', exclusiveMinimum: 0, maximum: 10000000 },
      heightM: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
      workType: {
        type: 'string',
        description: 'What the approval is for (PP 16/2021): build new, alter, extend, reduce or maintain',
        enum: ['membangun_baru', 'mengubah', 'memperluas', 'mengurangi', 'merawat'],
      },
      landTitle: { type: 'string', minLength: 3, maxLength: 200, description: 'Land title reference, e.g. SHM No. 1234/Menteng' },
      kkprNumber: { type: 'string', minLength: 3, maxLength: 100 },
      plannerName: { type: 'string', minLength: 2, maxLength: 200 },
    },
    [
      {
        function: 'hunian',
        floors: 2,
        basements: 0,
        buildingAreaM2: 180,
        landAreaM2: 120,
        heightM: 8.5,
        workType: 'membangun_baru',
        landTitle: 'SHM No. 2417/Cipete Utara',
        kkprNumber: 'KKPR-3174-2024-000123',
      },
      {
        function: 'campuran',
        floors: 24,
        basements: 3,
        buildingAreaM2: 48000,
        landAreaM2: 6500,
        heightM: 98,
        workType: 'membangun_baru',
        landTitle: 'SHGB No. 812/Karet Kuningan',
        kkprNumber: 'PKKPR-3171-2024-000045',
        plannerName: 'PT Rancang Kota Nusantara',
      },
    ],
  ),
  flow: {
    kind: 'choice',
    id: 'pbg_authority',
    name: 'Kewenangan penerbitan menurut fungsi dan jumlah lantai',
    branches: [
      {
        label: 'Rumah tinggal sampai 2 lantai: kecamatan',
        when: {
          all: [
            { field: 'function', op: 'eq', value: 'hunian' },
            { field: 'floors', op: 'lte', value: 2 },
          ],
        },
        then: sequence([
          step('kecamatan_technical_review', 'Pemeriksaan teknis rumah tinggal', 'KECAMATAN', 'kecamatan', 'officer', { days: 7 }, weigh('technical', "a house's drawings and site checked against the building technical standard")),
          step('kecamatan_approval', 'Persetujuan camat', 'KECAMATAN', 'kecamatan', 'head', { days: 2 }, weigh('sign', 'the camat approves the reviewed house')),
        ]),
      },
      {
        label: 'Sampai 8 lantai: kota administrasi',
        when: { field: 'floors', op: 'lte', value: 8 },
        then: sequence([
          step('city_technical_consultation', 'Konsultasi teknis (Tim Profesi Ahli / Tim Penilai Teknis) suku dinas', 'DCKTRP', 'city', 'officer', { days: 14 }, weigh('technical', 'architecture, structure and MEP of a building up to 8 floors assessed with the expert team')),
          step('city_approval', 'Persetujuan kepala suku dinas', 'DCKTRP', 'city', 'head', { days: 3 }, weigh('sign', 'the head of the suku dinas approves what the technical consultation found')),
        ]),
      },
    ],
    otherwise: sequence([
      parallel('province_reviews', [
        step('province_technical_consultation', 'Konsultasi teknis Tim Profesi Ahli (arsitektur, struktur, MEP)', 'DCKTRP', 'province', 'officer', { days: 14 }, weigh('technical', 'architecture, structure and MEP of a high-rise assessed with the expert team')),
        step('fire_safety_review', 'Kajian sistem proteksi kebakaran', 'DPKP', 'province', 'officer', { days: 10 }, weigh('technical', 'the fire-protection system of a high-rise assessed against the fire code')),
        step('environment_review', 'Kajian persetujuan lingkungan', 'DLH', 'province', 'officer', { days: 10 }, weigh('technical', "the building's environmental document (UKL-UPL or AMDAL) assessed")),
      ]),
      step('province_approval', 'Persetujuan kepala dinas', 'DCKTRP', 'province', 'head', { days: 3 }, weigh('sign', 'the head of the dinas approves a high-rise after three technical reviews')),
    ]),
  },
  // Revised drawings take an architect time: 14 working days before the application lapses.
  ...deadlines({ days: 28 }, 'escalate', { days: 14 }),
});
