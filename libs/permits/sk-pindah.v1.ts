// SK_PINDAH — Surat Keterangan Pindah WNI (SKPWNI, certificate of moving out), version 1. A non-permit service.
// Source: UU 23/2006 tentang Administrasi Kependudukan as amended by UU 24/2013 (art. 79A: population
// documents are issued free of charge); Perpres 96/2018 tentang Persyaratan dan Tata Cara Pendaftaran
// Penduduk dan Pencatatan Sipil and Permendagri 108/2019 implementing it (moving out needs only the KK and
// the moving form); as published on the DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id). We
// model the Dukcapil service officer at the kelurahan verifying and the city-level Dukcapil office
// (suku dinas) signing.
//
// Deadline: 1 working day, after Dukcapil's same-day service commitment for moving out as we read the
// published standard (to be confirmed with DUKCAPIL); steps 3 h + 3 h.
// Policy: 'escalate': population records must not change because a clock ran out.
// Fee: none (UU 24/2013 art. 79A).
import { definePermit } from '../permit-dsl/define';
import { applicationData, deadlines, documents, noFee, sequence, step, weigh } from './parts';

export const skPindahV1 = definePermit({
  code: 'SK_PINDAH',
  version: 1,
  name: {
    id: 'Surat Keterangan Pindah WNI',
    en: 'Certificate of Moving Out (Change of Residence)',
  },
  category: 'non-perizinan',
  description: 'Certificate a resident needs to move their registered residence out of their kelurahan, to elsewhere in Jakarta or another region.',
  source:
    'UU No. 23 Tahun 2006 jo. UU No. 24 Tahun 2013 tentang Administrasi Kependudukan; Perpres No. 96 Tahun 2018; ' +
    'Permendagri No. 108 Tahun 2019; as published on the DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id)',
  fee: noFee('Tidak dipungut biaya: Pasal 79A UU No. 24 Tahun 2013 tentang Perubahan atas UU No. 23 Tahun 2006 tentang Administrasi Kependudukan'),
  requiredDocuments: documents({
    kk: 'Kartu Keluarga (KK)',
    ktp: 'KTP-el pemohon',
    formulir_pindah: 'Formulir pendaftaran perpindahan penduduk (F-1.03)',
  }),
  dataSchema: applicationData(
    ['kkNumber', 'movingType', 'reason', 'destinationAddress', 'destinationRegion', 'membersMoving'],
    {
      kkNumber: { type: 'string', pattern: '^[0-9]{16}$', description: 'Sixteen-digit family card number' },
      movingType: {
        type: 'string',
        enum: ['antar_kelurahan', 'antar_kecamatan', 'antar_kota_dalam_provinsi', 'antar_provinsi'],
      },
      movingScope: {
        type: 'string',
        description: 'Who moves: the whole family, the head with part of it, or members only',
        enum: ['seluruh_keluarga', 'kepala_keluarga_dan_sebagian', 'anggota_keluarga'],
      },
      reason: { type: 'string', enum: ['pekerjaan', 'pendidikan', 'keamanan', 'kesehatan', 'perumahan', 'keluarga', 'lainnya'] },
      destinationAddress: { type: 'string', minLength: 5, maxLength: 300 },
      destinationRegion: { type: 'string', minLength: 2, maxLength: 200, description: 'Destination kelurahan/desa, kecamatan, city/regency, province' },
      membersMoving: { type: 'integer', minimum: 1, maximum: 30 },
    },
    [
      {
        kkNumber: '3174011203150004',
        movingType: 'antar_provinsi',
        movingScope: 'seluruh_keluarga',
        reason: 'pekerjaan',
        destinationAddress: 'Jl. Merdeka No. 12 RT 003 RW 007',
        destinationRegion: 'Kel. Babakan Ciamis, Kec. Sumur Bandung, Kota Bandung, Jawa Barat',
        membersMoving: 4,
      },
    ],
  ),
  flow: sequence([
    step('dukcapil_verification', 'Verifikasi data kependudukan', 'DUKCAPIL', 'kelurahan', 'officer', { hours: 3 }, weigh('check', 'population data checked against the civil registry')),
    step('skpwni_signature', 'Penandatanganan SKPWNI', 'DUKCAPIL', 'city', 'head', { hours: 3 }, weigh('sign', 'the head signs the moving letter from verified registry data')),
  ]),
  ...deadlines({ days: 1 }, 'escalate', { days: 5 }),
});
