// SKDU — Surat Keterangan Domisili Usaha (business domicile letter), version 2.
//
// What changed from version 1 (libs/permits/skdu.v1.ts, which stays registered for the letters
// filed under it, see docs/versions.md): the kelurahan now visits the business premises (peninjauan
// lokasi) before the lurah signs, instead of relying on the RT/RW cover letter and a photo alone. The
// visit runs alongside the document check, so the three-working-day standard still holds: documents and
// site (1 day each, side by side), then the lurah's signature (1 day). Everything else is as in v1.
// Source: the kelurahan domicile-letter service of the DPMPTSP DKI Jakarta PTSP units, as published on the
// DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id). It is a statement of fact (a surat keterangan),
// not a licence, hence category 'non-perizinan'; since PP 5/2021 (OSS-RBA) it is no longer a precondition
// for an NIB but is still asked for by banks, landlords and tenders.
//
// Deadline: 3 working days; the kelurahan officer verifies the documents while another visits the site
// (1 day each, in parallel), the lurah signs (1 day).
// Policy: 'deem-granted' (fiktif positif, UU 30/2014 art. 53 as amended by UU 6/2023): a low-risk letter
// whose facts are the applicant's own declaration backed by the RT/RW cover letter.
// Fee: none (Perda DKI Jakarta 1/2024 levies no retribusi on kelurahan letters).
import { definePermit } from '../permit-dsl/define';
import { DEFAULT_LADDER } from './ladders';

export const skduV2 = definePermit({
  code: 'SKDU',
  version: 2,
  name: { id: 'Surat Keterangan Domisili Usaha', en: 'Business Domicile Letter' },
  category: 'non-perizinan',
  description: 'Letter from the kelurahan stating that a business operates at an address in its area.',
  source: 'Kelurahan domicile-letter service of the PTSP units, as published on the DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id)',
  fee: {
    amount: 0,
    currency: 'IDR',
    legalBasis: 'Tidak dipungut biaya: bukan objek retribusi menurut Perda DKI Jakarta No. 1 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah',
  },
  requiredDocuments: [
    { type: 'ktp', name: 'KTP pemohon' },
    { type: 'pengantar_rt_rw', name: 'Surat pengantar RT/RW' },
    { type: 'bukti_tempat_usaha', name: 'Bukti kepemilikan atau perjanjian sewa tempat usaha' },
    { type: 'sppt_pbb', name: 'SPPT PBB tempat usaha tahun berjalan' },
    { type: 'foto_tempat_usaha', name: 'Foto tempat usaha tampak depan' },
  ],
  dataSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    required: ['businessName', 'businessType', 'employees'],
    properties: {
      businessName: { type: 'string', minLength: 2, maxLength: 200 },
      businessType: {
        type: 'string',
        description: 'Legal form of the business',
        enum: ['perorangan', 'cv', 'firma', 'pt', 'koperasi', 'yayasan'],
      },
      employees: { type: 'integer', minimum: 0, maximum: 100000 },
    },
    examples: [{ businessName: 'Warung Makan Bu Sari', businessType: 'perorangan', employees: 3 }],
  },
  flow: {
    kind: 'sequence',
    steps: [
      {
        kind: 'parallel',
        id: 'kelurahan_checks',
        branches: [
          {
            kind: 'step',
            id: 'kelurahan_verification',
            name: 'Verifikasi data dan dokumen',
            agency: 'KELURAHAN',
            jurisdiction: 'kelurahan',
            role: 'officer',
            deadline: { days: 1 },
          },
          {
            kind: 'step',
            id: 'site_visit',
            name: 'Peninjauan lokasi usaha',
            agency: 'KELURAHAN',
            jurisdiction: 'kelurahan',
            role: 'officer',
            deadline: { days: 1 },
          },
        ],
      },
      {
        kind: 'step',
        id: 'lurah_signature',
        name: 'Penandatanganan oleh lurah',
        agency: 'KELURAHAN',
        jurisdiction: 'kelurahan',
        role: 'head',
        deadline: { days: 1 },
      },
    ],
  },
  deadline: { days: 3 },
  onHardDeadline: 'deem-granted',
  applicantDeadline: { days: 10 },
  escalation: DEFAULT_LADDER,
});
