import { Injectable } from '@nestjs/common';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { PermitDefinition, stepsOf, toBusinessMinutes } from '../../../../libs/permit-dsl/definition';
import { DEFINITIONS, findDefinition, latestDefinitions } from '../../../../libs/permits';
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

  /** The version each permit type offers to new applications (the newest active one), sorted by code. */
  latest(): Array<Readonly<PermitDefinition>> {
    return [...latestDefinitions()];
  }

  /** `code` at `version`, or the version new applications start on (the newest not retired). */
  find(code: string, version?: number): Readonly<PermitDefinition> | undefined {
    return findDefinition(code, version);
  }

  /** The definition a submission starts on, or a 422 that lists what exists. */
  require(code: string, version?: number): Readonly<PermitDefinition> {
    const def = this.find(code, version);
    if (def) return def;
    const known = this.latest().map((d) => d.code).join(', ');
    const retired = DEFINITIONS.some((d) => d.code === code);
    throw new UnprocessableError(
      'unknown-permit-type',
      version !== undefined
        ? `Permit type "${code}" has no version ${version}.`
        : retired
          ? `Permit type "${code}" is retired: every version of it is marked retired and takes no new application. Known types: ${known} (GET /v1/permit-types).`
          : `There is no permit type "${code}". Known types: ${known} (GET /v1/permit-types).`,
      [{ field: 'permitType', message: retired && version === undefined ? 'permit type is retired' : 'unknown permit type' }],
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
        weight: s.weight ?? 1,
        weightReason: s.weightReason ?? null,
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
