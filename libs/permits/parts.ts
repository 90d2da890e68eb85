// Shapes every permit definition spells the same way. Pure data builders: bundled into the workflow
// sandbox with the definitions, so relative imports only. Each builder returns exactly the literal it
// replaces, keys in the same order (test/replay/definitions.test.ts holds the catalogue to that).
import type { BusinessDuration, JsonSchema } from '../permit-dsl/define';
import type { Jurisdiction, PermitDefinition, StepDef } from '../permit-dsl/definition';

/** One decision by one role of one agency (dinas, kecamatan, kelurahan...) within its own deadline. */
export function step(
  id: string,
  name: string,
  agency: string,
  jurisdiction: Jurisdiction,
  role: StepDef['role'],
  deadline: BusinessDuration,
): StepDef {
  return { kind: 'step', id, name, agency, jurisdiction, role, deadline };
}

/** The schema of an application's `data`: a closed object, draft 2020-12, with its examples. */
export function applicationData(required: string[], properties: Record<string, JsonSchema>, examples: unknown[]): JsonSchema {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', additionalProperties: false, required, properties, examples };
}

/** The application costs nothing; `legalBasis` says why (and where a tax or retribusi is assessed instead). */
export function noFee(legalBasis: string): PermitDefinition['fee'] {
  return { amount: 0, currency: 'IDR', legalBasis };
}

/** Why a letter from the kelurahan or the province levies nothing: it is no object of the regional retribusi. */
export const NOT_A_RETRIBUSI_OBJECT =
  'Tidak dipungut biaya: bukan objek retribusi menurut Perda DKI Jakarta No. 1 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah';

/** The applicant's identity card, asked for by every permit filed in the applicant's own name. */
export const APPLICANT_KTP = { type: 'ktp', name: 'KTP pemohon' };
