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
import { deadlines, parallel, sequence, step, weigh } from './parts';
import { skduV1 } from './skdu.v1';

// Everything but the flow is version 1's, shared rather than copied so the two cannot drift apart.
const { code, name, category, description, source, fee, requiredDocuments, dataSchema } = skduV1;

export const skduV2 = definePermit({
  code,
  version: 2,
  name,
  category,
  description,
  source,
  fee,
  requiredDocuments,
  dataSchema,
  flow: sequence([
    parallel('kelurahan_checks', [
      step('kelurahan_verification', 'Verifikasi data dan dokumen', 'KELURAHAN', 'kelurahan', 'officer', { days: 1 }, weigh('check', "the applicant's data and business address checked against the documents and the RT/RW letter")),
      step('site_visit', 'Peninjauan lokasi usaha', 'KELURAHAN', 'kelurahan', 'officer', { days: 1 }, weigh('technical', 'an officer goes to the business address and looks')),
    ]),
    step('lurah_signature', 'Penandatanganan oleh lurah', 'KELURAHAN', 'kelurahan', 'head', { days: 1 }, weigh('sign', 'the lurah signs a letter the officers verified')),
  ]),
  ...deadlines(skduV1.deadline, skduV1.onHardDeadline, skduV1.applicantDeadline),
});
