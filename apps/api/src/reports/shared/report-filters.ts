import { Injectable } from '@nestjs/common';
import { DEFINITIONS } from '../../../../../libs/permits';
import { problems } from '../../common/problem';
import { DirectoryRepository } from './directory.repository';

/** The optional filters of the reports, checked against what exists; absent or empty means no filter. */
@Injectable()
export class ReportFilters {
  constructor(private readonly directory: DirectoryRepository) {}

  permitType(code: string | undefined): string | null {
    if (code === undefined || code === '') return null;
    if (!DEFINITIONS.some((d) => d.code === code)) {
      throw problems.unprocessable('unknown-permit-type', 'Unknown permit type', `There is no permit type "${code.slice(0, 40)}": GET /v1/permit-types lists them.`, [
        { field: 'permitType', message: 'unknown permit type' },
      ]);
    }
    return code;
  }

  async agency(code: string | undefined): Promise<string | null> {
    if (code === undefined || code === '') return null;
    if (!(await this.directory.agencyExists(code))) {
      throw problems.validation([{ field: 'agency', message: `unknown agency "${code.slice(0, 40)}": use an agency code such as DCKTRP or KELURAHAN` }]);
    }
    return code;
  }

  async office(id: string | undefined): Promise<string | null> {
    if (id === undefined || id === '') return null;
    if (!(await this.directory.officeExists(id))) {
      throw problems.unprocessable('unknown-office', 'Unknown office', `There is no office "${id.slice(0, 60)}": GET /v1/offices lists the PTSP offices and outlets.`, [
        { field: 'office', message: 'unknown office' },
      ]);
    }
    return id;
  }
}
