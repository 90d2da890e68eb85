import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface Office {
  id: string;
  name: string;
  type: 'province' | 'city' | 'regency' | 'kecamatan' | 'kelurahan' | 'outlet';
  areaCode: string;
  parentId: string | null;
  address: string | null;
  schedule: Record<string, string[][]> | null;
}

/** Table office: PTSP offices of every level and the outlets. */
@Injectable()
export class OfficesRepository {
  constructor(private readonly db: DataSource) {}

  /** Every office, by area code then id. */
  all(): Promise<Office[]> {
    return this.db.query(`SELECT id, name, type, area_code AS "areaCode", parent_id AS "parentId", address, schedule FROM office ORDER BY area_code, id`);
  }
}
