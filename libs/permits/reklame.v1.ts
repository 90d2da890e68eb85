// REKLAME — Izin Penyelenggaraan Reklame (advertisement / billboard permit), version 1.
// Source: Perda DKI Jakarta 9/2014 tentang Penyelenggaraan Reklame and its implementing Pergub on reklame
// (placement on the city's reklame master plan, construction and insurance requirements); pajak reklame
// under Perda DKI Jakarta 1/2024 tentang Pajak Daerah dan Retribusi Daerah; requirement list and service
// time as published on the DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id).
//
// Flow: DCKTRP checks the placement against the spatial plan and the construction while BAPENDA assesses
// the advertisement tax, in parallel; DPMPTSP then issues. 5 + 2 = 7 working days on the longest path,
// inside a 10-working-day legal deadline (the service standard we model for permanent advertisements).
// Policy: 'escalate': a deemed permit would leave the tax unassessed and a structure in public view unchecked.
// Fee: the permit itself carries no retribusi. Pajak reklame is a tax assessed by BAPENDA in the flow (by
// size, type, location and duration) and paid on its own assessment, so the fee here is Rp 0.
import { definePermit } from '../permit-dsl/define';
import { applicationData, deadlines, documents, noFee, parallel, sequence, step, weigh } from './parts';

export const reklameV1 = definePermit({
  code: 'REKLAME',
  version: 1,
  name: {
    id: 'Izin Penyelenggaraan Reklame',
    en: 'Advertisement (Billboard) Permit',
  },
  category: 'perizinan',
  description: 'Permit to put up an advertisement (billboard, videotron, banner...) at a given location for a given period.',
  source:
    'Perda DKI Jakarta No. 9 Tahun 2014 tentang Penyelenggaraan Reklame and its implementing Pergub; Perda DKI Jakarta ' +
    'No. 1 Tahun 2024 (pajak reklame); as published on the DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id)',
  fee: noFee(
    'Izin tidak dikenai retribusi; pajak reklame ditetapkan BAPENDA dan dibayar terpisah menurut Perda DKI Jakarta ' +
      'No. 1 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah',
  ),
  requiredDocuments: documents({
    ktp: 'KTP pemohon / penanggung jawab',
    npwp: 'NPWP pemohon atau perusahaan',
    nib: 'Nomor Induk Berusaha (NIB) perusahaan penyelenggara reklame',
    persetujuan_pemilik_lokasi: 'Persetujuan pemilik atau pengelola lahan/bangunan lokasi reklame',
    desain_reklame: 'Desain dan materi reklame beserta ukurannya',
    foto_lokasi: 'Foto lokasi dan denah/titik koordinat penempatan',
    gambar_konstruksi: 'Gambar dan perhitungan konstruksi (reklame permanen)',
    polis_asuransi: 'Polis asuransi tanggung gugat pihak ketiga',
  }),
  dataSchema: applicationData(
    ['reklameType', 'widthM', 'heightM', 'faces', 'illuminated', 'startDate', 'durationMonths', 'content'],
    {
      reklameType: {
        type: 'string',
        enum: ['papan_billboard', 'videotron_megatron', 'kain', 'melekat_stiker', 'berjalan_kendaraan', 'udara'],
      },
      widthM: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
      heightM: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
      faces: { type: 'integer', minimum: 1, maximum: 4, description: 'Number of display faces' },
      illuminated: { type: 'boolean' },
      onPublicLand: { type: 'boolean', description: 'Placed on city land or infrastructure rather than a private plot' },
      startDate: { type: 'string', format: 'date' },
      durationMonths: { type: 'integer', minimum: 1, maximum: 60 },
      content: { type: 'string', minLength: 3, maxLength: 500, description: 'What the advertisement shows' },
      latitude: { type: 'number', minimum: -6.5, maximum: -5.0 },
      longitude: { type: 'number', minimum: 106.3, maximum: 107.1 },
    },
    [
      {
        reklameType: 'papan_billboard',
        widthM: 8,
        heightM: 4,
        faces: 2,
        illuminated: true,
        onPublicLand: false,
        startDate: '2025-07-01',
        durationMonths: 12,
        content: 'Iklan produk minuman kemasan',
        latitude: -6.2297,
        longitude: 106.8295,
      },
    ],
  ),
  flow: sequence([
    parallel('reklame_reviews', [
      step('placement_review', 'Kajian titik, tata ruang dan konstruksi reklame', 'DCKTRP', 'province', 'officer', { days: 5 }, weigh('technical', "the billboard's point, spatial plan and construction checked")),
      step('tax_assessment', 'Penetapan pajak reklame', 'BAPENDA', 'province', 'officer', { days: 5 }, weigh('review', 'the advertisement tax assessed from size, location and duration')),
    ]),
    step('reklame_issuance', 'Penerbitan izin penyelenggaraan reklame', 'DPMPTSP', 'province', 'head', { days: 2 }, weigh('sign', 'the head signs the permit after placement and tax are settled')),
  ]),
  ...deadlines({ days: 10 }, 'escalate', { days: 10 }),
});
