// Generates libs/database/seed/dki-areas.json: the administrative areas of DKI Jakarta
// (province code 31) taken from the idn-area-data package's CSVs (Kemendagri codes).
//
//   node -r ./scripts/register.js scripts/gen-areas.ts [--check]
//
// --check compares the freshly generated data with the committed file and exits 1 on a difference,
// without writing anything. The output is deterministic (sorted by code), so re-running after an
// idn-area-data upgrade gives a reviewable diff.
import * as fs from 'node:fs';
import * as path from 'node:path';

type Level = 'province' | 'city' | 'regency' | 'kecamatan' | 'kelurahan';

interface Area {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
}

const PROVINCE_CODE = '31';
/** Expected counts for DKI Jakarta; anything else means the source data changed and needs a look. */
const EXPECTED: Record<Level, number> = { province: 1, city: 5, regency: 1, kecamatan: 44, kelurahan: 267 };

const root = path.resolve(__dirname, '..');
const pkgDir = path.join(root, 'node_modules', 'idn-area-data');
const dataDir = path.join(pkgDir, 'data');
const outFile = path.join(root, 'libs', 'database', 'seed', 'dki-areas.json');

function fail(msg: string): never {
  process.stderr.write(`[gen-areas] ERROR: ${msg}\n`);
  process.exit(1);
}

/** Minimal RFC 4180 parser: quoted fields, "" escapes, commas/newlines inside quotes, CRLF, BOM. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        field += c;
      }
    } else if (c === '"') {
      inQuotes = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (inQuotes) fail('unterminated quoted field in CSV');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Reads a CSV into objects keyed by header, checking the header is what we expect. */
function readCsv(file: string, header: string[]): Record<string, string>[] {
  const full = path.join(dataDir, file);
  if (!fs.existsSync(full)) fail(`${full} not found (is idn-area-data installed?)`);
  const [head, ...rows] = parseCsv(fs.readFileSync(full, 'utf8'));
  if (!head || head.join(',') !== header.join(',')) {
    fail(`${file}: expected header "${header.join(',')}", got "${head?.join(',')}"`);
  }
  return rows.map((r, n) => {
    if (r.length !== header.length) fail(`${file}:${n + 2}: expected ${header.length} fields, got ${r.length}`);
    return Object.fromEntries(header.map((h, k) => [h, r[k].trim()]));
  });
}

function regencyLevel(name: string, code: string): Level {
  if (/^Kota\b/i.test(name)) return 'city';
  if (/^Kabupaten\b/i.test(name)) return 'regency';
  return fail(`cannot tell whether regency ${code} "${name}" is a city or a regency`);
}

function generate(): { version: string; areas: Area[] } {
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version?: string };
  if (!pkg.version) fail('idn-area-data/package.json has no version');

  const areas: Area[] = [];
  const province = readCsv('provinces.csv', ['code', 'name']).filter((r) => r.code === PROVINCE_CODE);
  for (const p of province) areas.push({ code: p.code, name: p.name, level: 'province', parentCode: null });

  for (const r of readCsv('regencies.csv', ['code', 'province_code', 'name'])) {
    if (r.province_code !== PROVINCE_CODE) continue;
    areas.push({ code: r.code, name: r.name, level: regencyLevel(r.name, r.code), parentCode: r.province_code });
  }
  for (const d of readCsv('districts.csv', ['code', 'regency_code', 'name'])) {
    if (!d.regency_code.startsWith(`${PROVINCE_CODE}.`)) continue;
    areas.push({ code: d.code, name: d.name, level: 'kecamatan', parentCode: d.regency_code });
  }
  for (const v of readCsv('villages.csv', ['code', 'district_code', 'name'])) {
    if (!v.district_code.startsWith(`${PROVINCE_CODE}.`)) continue;
    // Kemendagri village codes: 1xxx = kelurahan, 2xxx = desa. Jakarta has only kelurahan.
    if (!/^\d{2}\.\d{2}\.\d{2}\.1\d{3}$/.test(v.code)) fail(`village ${v.code} "${v.name}" is not a kelurahan code`);
    areas.push({ code: v.code, name: v.name, level: 'kelurahan', parentCode: v.district_code });
  }

  validate(areas);
  areas.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { version: pkg.version, areas };
}

function validate(areas: Area[]): void {
  const byCode = new Map<string, Area>();
  for (const a of areas) {
    if (byCode.has(a.code)) fail(`duplicate code ${a.code}`);
    if (!a.name) fail(`empty name for ${a.code}`);
    byCode.set(a.code, a);
  }
  const codeShape: Record<Level, RegExp> = {
    province: /^\d{2}$/,
    city: /^\d{2}\.\d{2}$/,
    regency: /^\d{2}\.\d{2}$/,
    kecamatan: /^\d{2}\.\d{2}\.\d{2}$/,
    kelurahan: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
  };
  const parentLevels: Record<Level, Level[]> = {
    province: [],
    city: ['province'],
    regency: ['province'],
    kecamatan: ['city', 'regency'],
    kelurahan: ['kecamatan'],
  };
  for (const a of areas) {
    if (!codeShape[a.level].test(a.code)) fail(`${a.level} ${a.code} has an unexpected code shape`);
    if (a.parentCode === null) {
      if (a.level !== 'province') fail(`${a.level} ${a.code} has no parent`);
      continue;
    }
    const parent = byCode.get(a.parentCode);
    if (!parent) fail(`${a.level} ${a.code} points to missing parent ${a.parentCode}`);
    if (!parentLevels[a.level].includes(parent.level)) fail(`${a.level} ${a.code} has a ${parent.level} parent`);
    if (!a.code.startsWith(`${a.parentCode}.`)) fail(`${a.code} does not extend its parent code ${a.parentCode}`);
  }
  const counts = countByLevel(areas);
  const wrong = (Object.keys(EXPECTED) as Level[]).filter((l) => counts[l] !== EXPECTED[l]);
  if (wrong.length > 0) {
    fail(
      `unexpected counts for DKI Jakarta: ${wrong.map((l) => `${l} ${counts[l]} (expected ${EXPECTED[l]})`).join(', ')}`,
    );
  }
}

function countByLevel(areas: Area[]): Record<Level, number> {
  const counts: Record<Level, number> = { province: 0, city: 0, regency: 0, kecamatan: 0, kelurahan: 0 };
  for (const a of areas) counts[a.level]++;
  return counts;
}

function main(): void {
  const { version, areas } = generate();
  const counts = countByLevel(areas);
  const header = {
    source: `idn-area-data@${version}`,
    sourceLicense: 'ODbL-1.0 (data; see node_modules/idn-area-data/data/LICENSE.md)',
    provinceCode: PROVINCE_CODE,
    generatedBy: 'scripts/gen-areas.ts',
    counts,
  };
  // Header pretty-printed, then one area per line: small file, readable diffs.
  const body = areas.map((a) => `    ${JSON.stringify(a)}`).join(',\n');
  const headerJson = JSON.stringify(header, null, 2);
  const text = `${headerJson.slice(0, -2)},\n  "areas": [\n${body}\n  ]\n}\n`;
  JSON.parse(text); // guard against a formatting slip

  if (process.argv.includes('--check')) {
    const current = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
    if (current !== text) fail(`${path.relative(root, outFile)} is out of date; run scripts/gen-areas.ts`);
    process.stdout.write(`[gen-areas] ${path.relative(root, outFile)} is up to date\n`);
    return;
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, text);
  const regencies = counts.city + counts.regency;
  process.stdout.write(
    `[gen-areas] wrote ${path.relative(root, outFile)} from idn-area-data@${version}: ` +
      `${counts.province} province, ${regencies} cities/regencies (${counts.city} kota, ${counts.regency} kabupaten), ` +
      `${counts.kecamatan} kecamatan, ${counts.kelurahan} kelurahan\n`,
  );
}

main();
