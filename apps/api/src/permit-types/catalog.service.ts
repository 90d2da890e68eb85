import { Injectable } from '@nestjs/common';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { PermitDefinition, stepsOf, toBusinessMinutes } from '../../../../libs/permit-dsl/definition';
import { DEFINITIONS } from '../../../../libs/permits';
import { FieldError, UnprocessableError } from '../common/errors';

function ajvErrors(errors: ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((e) => {
    const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const missing = e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty : undefined;
    const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
    const field = ['data', path, missing ?? extra].filter(Boolean).join('.');
    const allowed = e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}` : '';
    return { field, message: extra ? 'is not a field of this permit type' : `${e.message ?? 'is not valid'}${allowed}` };
  });
}

/** The permit types this deployment offers: definitions, their data validators, their public description. */
@Injectable()
export class CatalogService {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const def of DEFINITIONS) this.validators.set(`${def.code}@${def.version}`, ajv.compile(def.dataSchema));
  }

  all(): ReadonlyArray<Readonly<PermitDefinition>> {
    return DEFINITIONS;
  }

  latest(): Array<Readonly<PermitDefinition>> {
    const byCode = new Map<string, Readonly<PermitDefinition>>();
    for (const d of DEFINITIONS) if ((byCode.get(d.code)?.version ?? 0) < d.version) byCode.set(d.code, d);
    return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  find(code: string, version?: number): Readonly<PermitDefinition> | undefined {
    const matches = DEFINITIONS.filter((d) => d.code === code && (version === undefined || d.version === version));
    return matches.sort((a, b) => b.version - a.version)[0];
  }

  /** The definition a submission starts on, or a 422 that lists what exists. */
  require(code: string, version?: number): Readonly<PermitDefinition> {
    const def = this.find(code, version);
    if (def) return def;
    const known = this.latest().map((d) => d.code).join(', ');
    throw new UnprocessableError(
      'unknown-permit-type',
      version === undefined ? `There is no permit type "${code}". Known types: ${known} (GET /v1/permit-types).` : `Permit type "${code}" has no version ${version}.`,
      [{ field: 'permitType', message: 'unknown permit type' }],
    );
  }

  validateData(def: Readonly<PermitDefinition>, data: unknown): void {
    const validate = this.validators.get(`${def.code}@${def.version}`)!;
    if (!validate(data)) {
      const errors = ajvErrors(validate.errors);
      throw new UnprocessableError(
        'invalid-data',
        `data fails the ${def.code} schema: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}. See GET /v1/permit-types/${def.code} for the schema and an example.`,
        errors,
      );
    }
  }

  describe(def: Readonly<PermitDefinition>) {
    return {
      code: def.code,
      name: def.name.id,
      nameEn: def.name.en,
      version: def.version,
      versions: DEFINITIONS.filter((d) => d.code === def.code).map((d) => d.version),
      category: def.category,
      description: def.description,
      source: def.source,
      fee: def.fee,
      requiredDocuments: def.requiredDocuments,
      steps: stepsOf(def.flow).map((s) => ({
        id: s.id,
        name: s.name,
        agency: s.agency,
        jurisdiction: s.jurisdiction ?? 'province',
        role: s.role,
        deadline: { ...s.deadline, businessMinutes: toBusinessMinutes(s.deadline) },
      })),
      flow: def.flow,
      dataSchema: def.dataSchema,
      deadline: { ...def.deadline, businessMinutes: toBusinessMinutes(def.deadline) },
      onHardDeadline: def.onHardDeadline,
      applicantDeadline: def.applicantDeadline,
      escalation: def.escalation,
    };
  }
}
