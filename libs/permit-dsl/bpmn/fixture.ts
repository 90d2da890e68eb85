// Test definitions for the BPMN export/import. BPMN_FIXTURE is a valid definition (definePermit accepts
// it) exercising every flow construct: steps, sequences, parallel blocks (two branches in one lane),
// choices with and without `otherwise`, several agencies, every duration unit, and names that need XML
// escaping. BPMN_FIXTURE_ODD is deliberately not valid: shapes only the BPMN round trip must survive.
// Neither is a real permit.
import type { PermitDefinition } from '../definition';

export const BPMN_FIXTURE: PermitDefinition = {
  code: 'FIXTURE_PBG',
  version: 2,
  name: { id: 'Persetujuan Bangunan Gedung (uji) & "kutipan"', en: 'Building Approval <test>' },
  category: 'perizinan',
  description: 'Exercises the BPMN export: sequence, parallel, choice, otherwise, several agencies.',
  source: 'Pergub DKI Jakarta No. 0/2099 (fixture)',
  fee: { amount: 1250000, currency: 'IDR', legalBasis: 'Perda retribusi (fixture)' },
  requiredDocuments: [
    { type: 'ktp', name: 'KTP pemohon' },
    { type: 'site_plan', name: 'Gambar situasi & rencana tapak' },
  ],
  dataSchema: {
    type: 'object',
    required: ['floorArea', 'floors', 'use'],
    properties: {
      floorArea: { type: 'number', minimum: 1 },
      floors: { type: 'integer', minimum: 1 },
      use: { type: 'string', enum: ['house', 'shop', 'restaurant', 'hotel'] },
      heritage: { type: 'boolean' },
    },
    additionalProperties: false,
    examples: [{ floorArea: 820, floors: 5, use: 'hotel', heritage: false }],
  },
  flow: {
    kind: 'sequence',
    steps: [
      { kind: 'step', id: 'verify', name: 'Verifikasi berkas', agency: 'DPMPTSP', jurisdiction: 'kelurahan', role: 'officer', deadline: { days: 1 } },
      {
        kind: 'parallel',
        id: 'technical',
        branches: [
          { kind: 'step', id: 'tech_review', name: 'Kajian teknis bangunan', agency: 'DCKTRP', jurisdiction: 'city', role: 'officer', deadline: { days: 5 }, weight: 3 },
          {
            kind: 'sequence',
            steps: [
              { kind: 'step', id: 'env_review', name: 'Kajian lingkungan', agency: 'DLH', role: 'officer', deadline: { hours: 16 } },
              { kind: 'step', id: 'env_sign', name: 'Persetujuan lingkungan', agency: 'DLH', role: 'head', deadline: { hours: 4 } },
            ],
          },
          { kind: 'step', id: 'fire_review', name: 'Kajian proteksi kebakaran', agency: 'DPKP', role: 'officer', deadline: { days: 3 } },
          { kind: 'step', id: 'zoning_check', name: 'Cek KRK / zonasi', agency: 'DCKTRP', jurisdiction: 'kecamatan', role: 'officer', deadline: { minutes: 90 } },
        ],
      },
      {
        kind: 'choice',
        id: 'by_size',
        name: 'Building size?',
        branches: [
          {
            when: { all: [{ field: 'floorArea', op: 'gt', value: 500 }, { field: 'floors', op: 'gte', value: 4 }] },
            label: 'Large building',
            then: { kind: 'step', id: 'traffic', name: 'Andalalin: lalu lintas & parkir <besar>', agency: 'DISHUB', role: 'officer', deadline: { days: 2.5 } },
          },
          {
            when: { field: 'use', op: 'in', value: ['restaurant', 'hotel'] },
            then: {
              kind: 'parallel',
              id: 'food_safety',
              branches: [
                { kind: 'step', id: 'health', name: 'Laik higiene', agency: 'DINKES', role: 'officer', deadline: { days: 3 } },
                { kind: 'step', id: 'tourism', name: 'Tanda daftar usaha pariwisata', agency: 'DISPAREKRAF', role: 'officer', deadline: { days: 2 } },
              ],
            },
          },
        ],
        otherwise: { kind: 'step', id: 'simple_check', name: 'Pemeriksaan sederhana', agency: 'DCKTRP', jurisdiction: 'city', role: 'officer', deadline: { hours: 7.5 } },
      },
      {
        kind: 'choice',
        id: 'heritage_gate',
        branches: [
          {
            when: { any: [{ field: 'heritage', op: 'eq', value: true }, { field: 'use', op: 'ne', value: 'house' }] },
            then: { kind: 'step', id: 'heritage_review', name: 'Tim Ahli Cagar Budaya', agency: 'DISPAREKRAF', role: 'head', deadline: { days: 4 } },
          },
          {
            when: { field: 'floors', op: 'lt', value: 2 },
            label: 'Single floor',
            then: { kind: 'step', id: 'single_floor_note', name: 'Catatan lantai tunggal', agency: 'DPMPTSP', role: 'officer', deadline: { minutes: 45 } },
          },
        ],
      },
      { kind: 'step', id: 'approve', name: 'Penetapan PBG', agency: 'DCKTRP', jurisdiction: 'city', role: 'head', deadline: { days: 2 }, weight: 5 },
    ],
  },
  deadline: { days: 28 },
  onHardDeadline: 'deem-granted',
  applicantDeadline: { days: 14 },
  escalation: [
    { id: 'reminder', notify: 'assignee', atFraction: 0.75 },
    { id: 'section', notify: 'section_head', afterDeadline: { minutes: 0 } },
    { id: 'agency', notify: 'agency_head', afterDeadline: { days: 2 } },
    { id: 'governor', notify: 'governor', afterDeadline: { days: 5 }, publicList: true },
  ],
};

/** Non-canonical nesting (a one-step sequence, nested sequences) and ids that are not XML names. */
export const BPMN_FIXTURE_ODD: PermitDefinition = {
  ...BPMN_FIXTURE,
  code: 'fixture odd',
  version: 1,
  description: undefined,
  flow: {
    kind: 'sequence',
    steps: [
      { kind: 'sequence', steps: [{ kind: 'step', id: '1st check', name: 'First', agency: 'DPMPTSP', role: 'officer', deadline: { days: 1 } }] },
      {
        kind: 'parallel',
        id: 'p/1',
        branches: [
          { kind: 'sequence', steps: [{ kind: 'step', id: 'Start_submitted', name: 'Clashes with a generated id', agency: 'DINKES', role: 'officer', deadline: { days: 1 } }] },
          { kind: 'sequence', steps: [] },
        ],
      },
      {
        kind: 'choice',
        id: 'c',
        branches: [{ when: { field: 'x', op: 'eq', value: 'a' }, then: { kind: 'step', id: 'a', name: 'A', agency: 'DINKES', role: 'head', deadline: { hours: 2 } } }],
        otherwise: { kind: 'sequence', steps: [] },
      },
    ],
  },
};
