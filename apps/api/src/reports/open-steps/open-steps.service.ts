import { Injectable } from '@nestjs/common';
import { stepsOf } from '../../../../../libs/permit-dsl/definition';
import { DEFINITIONS } from '../../../../../libs/permits';
import { OpenStepsDto } from './dto/open-steps.dto';
import { OpenStepsRepository } from './open-steps.repository';

/** The SLA wall's counts: open and overdue attempts per permit type, version and step, named from the definitions. */
@Injectable()
export class OpenStepsService {
  constructor(private readonly repo: OpenStepsRepository) {}

  async counts(permitType: string | null, version: number | null): Promise<OpenStepsDto> {
    const { rows, asOf } = await this.repo.counts(permitType, version);
    const steps = new Map<string, { name: string; agency: string }>();
    for (const def of DEFINITIONS) for (const s of stepsOf(def.flow)) steps.set(`${def.code}@${def.version}/${s.id}`, { name: s.name, agency: s.agency });
    return {
      asOf: new Date(asOf).toISOString(),
      permitType,
      version,
      items: rows
        // Rows projected before the version was recorded have none: they cannot be placed on a diagram.
        .filter((r) => r.version !== null)
        .map((r) => {
          const step = steps.get(`${r.permit_type}@${r.version}/${r.step_id}`);
          return { permitType: r.permit_type, version: r.version!, stepId: r.step_id, stepName: step?.name ?? null, agency: step?.agency ?? null, open: r.open, overdue: r.overdue };
        }),
    };
  }
}
