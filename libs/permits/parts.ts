// Shapes every permit definition spells the same way. Pure data builders: bundled into the workflow
// sandbox with the definitions, so relative imports only. Each builder returns exactly the literal it
// replaces, keys in the same order (test/replay/definitions.test.ts holds the catalogue to that).
import type { BusinessDuration, JsonSchema } from '../permit-dsl/define';
import type {
  ChoiceDef,
  Condition,
  FlowNode,
  HardDeadlinePolicy,
  Jurisdiction,
  ParallelDef,
  PermitDefinition,
  SequenceDef,
  StepDef,
} from '../permit-dsl/definition';
import { toBusinessMinutes } from '../permit-dsl/definition';
import { type StepEffort, stepWeight } from '../domain/step-weight';
import { DEFAULT_LADDER } from './ladders';

/** The work a step asks and why: what its points weight is computed from, with its deadline. */
export interface Weighing {
  effort: StepEffort;
  reason: string;
}

/** A step's effort (libs/domain/step-weight.ts) and the reason, in the words of the definition's author. */
export function weigh(effort: StepEffort, reason: string): Weighing {
  return { effort, reason };
}

/**
 * One decision by one role of one agency (dinas, kecamatan, kelurahan...) within its own deadline. With a
 * weighing, the step carries its points weight (from the effort and the deadline) and the reason.
 */
export function step(
  id: string,
  name: string,
  agency: string,
  jurisdiction: Jurisdiction,
  role: StepDef['role'],
  deadline: BusinessDuration,
  weighing?: Weighing,
): StepDef {
  if (!weighing) return { kind: 'step', id, name, agency, jurisdiction, role, deadline };
  const weight = stepWeight(toBusinessMinutes(deadline), weighing.effort);
  return { kind: 'step', id, name, agency, jurisdiction, role, deadline, weight, weightReason: `${weighing.effort}: ${weighing.reason}` };
}

/** Nodes run one after the other. */
export function sequence(steps: FlowNode[]): SequenceDef {
  return { kind: 'sequence', steps };
}

/** Nodes run at the same time; the node is done when every branch is. */
export function parallel(id: string, branches: FlowNode[]): ParallelDef {
  return { kind: 'parallel', id, branches };
}

/** A node that runs `then` only when `when` holds for the application's data, and nothing otherwise. */
export function onlyWhen(id: string, name: string, label: string, when: Condition, then: FlowNode): ChoiceDef {
  return { kind: 'choice', id, name, branches: [{ label, when, then }] };
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

/** The documents to upload, as `type: name` in the order the office lists them. */
export function documents(nameByType: Record<string, string>): PermitDefinition['requiredDocuments'] {
  return Object.entries(nameByType).map(([type, name]) => ({ type, name }));
}

/** The applicant's identity card, asked for by every permit filed in the applicant's own name. */
export const APPLICANT_KTP = { ktp: 'KTP pemohon' };

/** What every permit for an event asks of its organiser first: who answers for it, and the programme. */
export const EVENT_ORGANIZER_DOCUMENTS = {
  ktp: 'KTP penanggung jawab kegiatan',
  proposal_kegiatan: 'Proposal kegiatan (susunan acara, waktu, perkiraan jumlah pengunjung)',
};

/** The event a permit is asked for: its name, and its kind among those the permit knows. */
export function eventNameAndType(kinds: string[]): Record<string, JsonSchema> {
  return { eventName: { type: 'string', minLength: 3, maxLength: 200 }, eventType: { type: 'string', enum: kinds } };
}

/** The first and last day of an event. */
export const EVENT_DAYS: Record<string, JsonSchema> = { startDate: { type: 'string', format: 'date' }, endDate: { type: 'string', format: 'date' } };

/** Who organises an event, by name. */
export const EVENT_ORGANIZER: Record<string, JsonSchema> = { organizerName: { type: 'string', minLength: 2, maxLength: 200 } };

/**
 * The office's deadline end to end, what happens when it passes, and how long the applicant has to
 * answer a request for revision before the application lapses; every permit escalates on the default ladder.
 */
export function deadlines(
  office: BusinessDuration,
  onHardDeadline: HardDeadlinePolicy,
  applicant: BusinessDuration,
): Pick<PermitDefinition, 'deadline' | 'onHardDeadline' | 'applicantDeadline' | 'escalation'> {
  return { deadline: office, onHardDeadline, applicantDeadline: applicant, escalation: DEFAULT_LADDER };
}
