import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MonthSplit } from './month-split';
import { edgeRows, splitParams, wholeMonthRows } from './period-sql';

/** An office as the reports see it. */
export interface OfficeRecord {
  id: string;
  name: string;
  type: string;
  parent_id: string | null;
  schedule: unknown;
}

/** What several reports look up: offices, agencies, and applications received per office. SQL only. */
@Injectable()
export class DirectoryRepository {
  constructor(private readonly db: DataSource) {}

  async offices(): Promise<Map<string, OfficeRecord>> {
    const rows: OfficeRecord[] = await this.db.query(`SELECT id, name, type, parent_id, schedule FROM office`);
    return new Map(rows.map((r) => [r.id, r]));
  }

  async officeNames(): Promise<Map<string, string>> {
    const rows: Array<{ id: string; name: string }> = await this.db.query(`SELECT id, name FROM office`);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async agencyNames(): Promise<Map<string, string>> {
    const rows: Array<{ code: string; name: string }> = await this.db.query(`SELECT code, name FROM agency`);
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async agencyExists(code: string): Promise<boolean> {
    return ((await this.db.query(`SELECT 1 FROM agency WHERE code = $1`, [code])) as unknown[]).length > 0;
  }

  async officeExists(id: string): Promise<boolean> {
    return ((await this.db.query(`SELECT 1 FROM office WHERE id = $1`, [id])) as unknown[]).length > 0;
  }

  /** Applications received per office in the period (by submission instant), of one permit type or all. */
  async receivedByOffice(split: MonthSplit, permitType: string | null): Promise<Map<string, number>> {
    const rows: Array<{ office: string; n: number }> = await this.db.query(
      `SELECT office, sum(n)::int AS n FROM (
         ${wholeMonthRows('office_id AS office, n', 'application_month_received', 'application_year_received', '($9::text IS NULL OR permit_type = $9)')}
         UNION ALL
         ${edgeRows('receiving_office_id, 1', 'application', 'submitted_at', '($9::text IS NULL OR permit_type = $9)')}
       ) parts GROUP BY office`,
      [...splitParams(split), permitType],
    );
    return new Map(rows.map((r) => [r.office, r.n]));
  }
}

/** The kecamatan an office belongs to: itself, its parent (kelurahan), or its parent's (an outlet in a kelurahan). */
export function kecamatanOf(id: string, offices: ReadonlyMap<string, OfficeRecord>): string | null {
  let o = offices.get(id);
  for (let hops = 0; o && hops < 3; hops++) {
    if (o.type === 'kecamatan') return o.id;
    if (o.type === 'city' || o.type === 'regency' || o.type === 'province') return null;
    o = o.parent_id ? offices.get(o.parent_id) : undefined;
  }
  return null;
}
