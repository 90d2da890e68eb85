// What the simulated applicants ask for and how the simulated approvers behave.
import { evaluate, FlowNode, PermitDefinition, StepDef } from '../permit-dsl/definition';
import type { Rng } from './random';

export interface PermitChoice {
  code: string;
  share: number;
  data: (rng: Rng, def: Readonly<PermitDefinition>) => Record<string, unknown>;
}

const example = (def: Readonly<PermitDefinition>, i = 0) => structuredClone(def.dataSchema.examples![i] as Record<string, unknown>);

/** The permit mix of a PTSP month: kelurahan letters and moves lead, building approvals follow. */
export const PERMIT_MIX: PermitChoice[] = [
  { code: 'SKDU', share: 28, data: (_r, d) => example(d) },
  { code: 'SK_PINDAH', share: 20, data: (_r, d) => example(d) },
  {
    code: 'PBG',
    share: 15,
    data: (rng, d) => {
      const x = rng();
      if (x < 0.7) return example(d, 0); // a house: the kecamatan decides
      if (x < 0.95) return { ...example(d, 1), function: 'usaha', floors: 6, basements: 1, heightM: 24, buildingAreaM2: 2400, landAreaM2: 900 }; // the city
      return example(d, 1); // a tower: the province, with fire and environment reviews in parallel
    },
  },
  { code: 'TDUP', share: 10, data: (_r, d) => example(d) },
  { code: 'SIP_DOKTER', share: 8, data: (_r, d) => example(d) },
  { code: 'REKLAME', share: 7, data: (_r, d) => example(d) },
  { code: 'SLF', share: 6, data: (_r, d) => example(d) },
  { code: 'IZIN_KERAMAIAN', share: 6, data: (_r, d) => example(d) },
];

/** Each agency's median decision time as a share of the step deadline (business time). */
export const AGENCY_PACE: Record<string, number> = {
  DPMPTSP: 0.2,
  DCKTRP: 0.45,
  DINKES: 0.3,
  DISPAREKRAF: 0.35,
  BAPENDA: 0.4,
  DISHUB: 0.4,
  DLH: 0.5,
  DUKCAPIL: 0.25,
  SATPOLPP: 0.4,
  DPKP: 0.45,
  KECAMATAN: 0.35,
  KELURAHAN: 0.3,
  WALIKOTA: 0.35,
};
export const DEFAULT_PACE = 0.4;
/** `--slow-agency` takes three times its deadlines. */
export const SLOW_PACE = 3;
export const PACE_SIGMA = 0.45;
export const REJECT_SHARE = 0.04;
export const REVISION_SHARE = 0.08;
export const WITHDRAW_SHARE = 0.02;
export const LAPSE_SHARE = 0.15;

/** Officers per office of an agency: a kelurahan has few, a city or province desk more. */
export const officersAt = (officeId: string): number => (officeId.startsWith('kel-') ? 2 : officeId.startsWith('kec-') ? 3 : 5);

/** The steps that open first, for the application's data. */
export function entrySteps(node: FlowNode, data: Record<string, unknown>): StepDef[] {
  switch (node.kind) {
    case 'step':
      return [node];
    case 'sequence':
      for (const child of node.steps) {
        const first = entrySteps(child, data);
        if (first.length > 0) return first;
      }
      return [];
    case 'parallel':
      return node.branches.flatMap((b) => entrySteps(b, data));
    case 'choice': {
      const branch = node.branches.find((b) => evaluate(b.when, data));
      const next = branch?.then ?? node.otherwise;
      return next ? entrySteps(next, data) : [];
    }
  }
}
