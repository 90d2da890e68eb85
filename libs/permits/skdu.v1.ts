// SKDU — Surat Keterangan Domisili Usaha (business domicile letter), version 1. The walking skeleton's
// permit: two steps at the kelurahan, a small schema, one example.
// Source: the kelurahan domicile-letter service of the DPMPTSP DKI Jakarta PTSP units, as published on the
// DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id). It is a statement of fact (a surat keterangan),
// not a licence, hence category 'non-perizinan'; since PP 5/2021 (OSS-RBA) it is no longer a precondition
// for an NIB but is still asked for by banks, landlords and tenders.
//
// Deadline: 3 working days; the kelurahan officer verifies (1 day), the lurah signs (1 day).
// Policy: 'deem-granted' (fiktif positif, UU 30/2014 art. 53 as amended by UU 6/2023): a low-risk letter
// whose facts are the applicant's own declaration backed by the RT/RW cover letter.
// Fee: none (Perda DKI Jakarta 1/2024 levies no retribusi on kelurahan letters).
import { definePermit } from '../permit-dsl/define';
import { APPLICANT_KTP, applicationData, deadlines, documents, noFee, NOT_A_RETRIBUSI_OBJECT, sequence, step, weigh } from './parts';

export const skduV1 = definePermit({
  code: 'SKDU',
  version: 1,
  name: {
    id: 'Surat Keterangan Domisili Usaha',
    en: 'Business Domicile Letter',
  },
  category: 'non-perizinan',
  description: 'Letter from the kelurahan stating that a business operates at an address in its area.',
  source: 'Kelurahan domicile-letter service of the PTSP units, as published on the DPMPTSP DKI service catalogue (pelayanan.jakarta.go.id)',
  fee: noFee(NOT_A_RETRIBUSI_OBJECT),
  requiredDocuments: documents({
    ...APPLICANT_KTP,
    pengantar_rt_rw: 'Surat pengantar RT/RW',
    bukti_tempat_usaha: 'Bukti kepemilikan atau perjanjian sewa tempat usaha',
    sppt_pbb: 'SPPT PBB tempat usaha tahun berjalan',
    foto_tempat_usaha: 'Foto tempat usaha tampak depan',
  }),
  dataSchema: applicationData(
    ['businessName', 'businessType', 'employees'],
    {
      businessName: { type: 'string', minLength: 2, maxLength: 200 },
      businessType: {
        type: 'string',
        description: 'Legal form of the business',
        enum: ['perorangan', 'cv', 'firma', 'pt', 'koperasi', 'yayasan'],
      },
      employees: { type: 'integer', minimum: 0, maximum: 100000 },
    },
    [{ businessName: 'Warung Makan Bu Sari', businessType: 'perorangan', employees: 3 }],
  ),
  flow: sequence([
    step('kelurahan_verification', 'Verifikasi data dan lokasi usaha', 'KELURAHAN', 'kelurahan', 'officer', { days: 1 }, weigh('check', "the applicant's data and business address checked against the documents and the RT/RW letter")),
    step('lurah_signature', 'Penandatanganan oleh lurah', 'KELURAHAN', 'kelurahan', 'head', { days: 1 }, weigh('sign', 'the lurah signs a letter the officers verified')),
  ]),
  ...deadlines({ days: 3 }, 'deem-granted', { days: 10 }),
});
