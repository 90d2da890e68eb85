import type { DataSource } from 'typeorm';
import agencies from './seed/agencies.json';
import areas from './seed/dki-areas.json';
import outlets from './seed/outlets.json';

type Level = 'province' | 'city' | 'regency' | 'kecamatan' | 'kelurahan';

const PREFIX: Record<Level, string> = { province: 'prov', city: 'kota', regency: 'kab', kecamatan: 'kec', kelurahan: 'kel' };

/** The id of the PTSP office serving an administrative area: `kel-31.71.01.1001`, `kec-31.71.01`, `kota-31.71`... */
export function officeIdOf(level: Level, areaCode: string): string {
  return `${PREFIX[level]}-${areaCode}`;
}

const LEVEL_PREFIXES = Object.entries(PREFIX).map(([level, prefix]) => ({ level: level as Level, prefix: `${prefix}-` }));
export function areaOfOfficeId(officeId: string): { level: Level; areaCode: string } | undefined {
  const hit = LEVEL_PREFIXES.find((l) => officeId.startsWith(l.prefix));
  return hit ? { level: hit.level, areaCode: officeId.slice(hit.prefix.length) } : undefined;
}

interface Area {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
}

interface Outlet {
  id: string;
  name: string;
  parentAreaCode: string;
  address: string;
  schedule: Record<string, string[][]>;
}

const levelOf = new Map((areas.areas as Area[]).map((a) => [a.code, a.level]));

/** Agencies, the 318 territorial PTSP offices of DKI Jakarta (1 province, 6 cities/regency, 44 kecamatan, 267 kelurahan) and the outlets. Idempotent: safe on every start. */
export async function seed(db: DataSource): Promise<{ agencies: number; offices: number }> {
  await db.transaction(async (m) => {
    await m.query(
      `INSERT INTO agency (code, name, name_en, kind, parent_code, head_email)
       SELECT code, name, "nameEn", kind, "parentCode", "headEmail" FROM jsonb_to_recordset($1::jsonb)
         AS a(code text, name text, "nameEn" text, kind text, "parentCode" text, "headEmail" text)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, kind = excluded.kind, parent_code = excluded.parent_code,
         head_email = excluded.head_email`,
      [JSON.stringify(agencies)],
    );
    const offices = [
      ...(areas.areas as Area[]).map((a) => ({
        id: officeIdOf(a.level, a.code),
        name: `PTSP ${a.level === 'province' ? 'Provinsi' : a.level === 'kecamatan' ? 'Kecamatan' : a.level === 'kelurahan' ? 'Kelurahan' : ''} ${a.name}`.replace(/\s+/g, ' '),
        type: a.level,
        area_code: a.code,
        parent_id: a.parentCode ? officeIdOf(levelOf.get(a.parentCode)!, a.parentCode) : null,
        address: null,
        schedule: null,
      })),
      ...(outlets as Outlet[]).map((o) => ({
        id: o.id,
        name: o.name,
        type: 'outlet',
        area_code: o.parentAreaCode,
        parent_id: officeIdOf(levelOf.get(o.parentAreaCode)!, o.parentAreaCode),
        address: o.address,
        schedule: o.schedule,
      })),
    ];
    // Parents first, so the foreign key holds row by row.
    const depth = (o: { type: string }) => ['province', 'city', 'regency', 'kecamatan', 'kelurahan', 'outlet'].indexOf(o.type);
    offices.sort((a, b) => depth(a) - depth(b));
    await m.query(
      `INSERT INTO office (id, name, type, area_code, parent_id, address, schedule)
       SELECT id, name, type, area_code, parent_id, address, schedule FROM jsonb_to_recordset($1::jsonb)
         AS o(id text, name text, type text, area_code text, parent_id text, address text, schedule jsonb)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, area_code = excluded.area_code,
         parent_id = excluded.parent_id, address = excluded.address, schedule = excluded.schedule`,
      [JSON.stringify(offices)],
    );
  });
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM office`);
  return { agencies: agencies.length, offices: n };
}
