import { Injectable, OnModuleInit } from '@nestjs/common';
import type { JurisdictionOffices } from '../../../../workflows/messages';
import { officeIdOf } from '../../../../libs/database/seed';
import { UnprocessableError, ValidationError } from '../common/errors';
import { Office, OfficesRepository } from './offices.repository';

export type { Office } from './offices.repository';

/**
 * Offices change rarely (a decree, a new outlet): they are read once at start and kept in memory,
 * so a submission resolves its jurisdiction without a query.
 */
@Injectable()
export class OfficesService implements OnModuleInit {
  private byId = new Map<string, Office>();
  private ordered: Office[] = [];

  constructor(private readonly repository: OfficesRepository) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  async reload(): Promise<void> {
    const rows = await this.repository.all();
    this.ordered = rows;
    this.byId = new Map(rows.map((o) => [o.id, o]));
  }

  get(id: string): Office | undefined {
    return this.byId.get(id);
  }

  list(filter: { type?: string; parentId?: string }): Office[] {
    return this.ordered.filter((o) => (!filter.type || o.type === filter.type) && (!filter.parentId || o.parentId === filter.parentId));
  }

  /** At most `limit` offices of the list, after `cursor` (an office id of the list) when one is given. */
  page(filter: { type?: string; parentId?: string }, cursor: string | undefined, limit: number): { items: Office[]; nextCursor: string | null } {
    const all = this.list(filter);
    const start = cursor ? all.findIndex((o) => o.id === cursor) + 1 : 0;
    if (cursor && start === 0) throw new ValidationError([{ field: 'cursor', message: 'is not an office id of this list' }]);
    const items = all.slice(start, start + limit);
    return { items, nextCursor: start + limit < all.length ? items[items.length - 1].id : null };
  }

  requireReceiving(id: string): Office {
    const office = this.byId.get(id);
    if (!office) {
      throw new UnprocessableError('unknown-office', `There is no office "${id}": GET /v1/offices lists the PTSP offices and outlets.`, [
        { field: 'receivingOfficeId', message: 'unknown office' },
      ]);
    }
    return office;
  }

  /** The territorial offices that hold an application's local steps, from its kelurahan, wherever it was filed. */
  jurisdictionOf(kelurahanCode: string): JurisdictionOffices {
    const kelurahan = this.byId.get(officeIdOf('kelurahan', kelurahanCode));
    const kecamatan = kelurahan?.parentId ? this.byId.get(kelurahan.parentId) : undefined;
    const city = kecamatan?.parentId ? this.byId.get(kecamatan.parentId) : undefined;
    const province = city?.parentId ? this.byId.get(city.parentId) : undefined;
    if (!kelurahan || !kecamatan || !city || !province) {
      throw new UnprocessableError(
        'unknown-kelurahan',
        `"${kelurahanCode}" is not a kelurahan code of DKI Jakarta (Kemendagri code such as 31.71.01.1001; GET /v1/offices?type=kelurahan lists them).`,
        [{ field: 'location.kelurahanCode', message: 'unknown kelurahan code' }],
      );
    }
    return { kelurahan: kelurahan.id, kecamatan: kecamatan.id, city: city.id, province: province.id };
  }
}
