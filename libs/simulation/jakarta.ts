// Jakarta as the simulator sees it: the population of each city, its kelurahan, the PTSP offices an
// application can be filed at, their opening hours, and the offices that hold an application's steps.
import { officeIdOf } from '../database/seed';
import areasJson from '../database/seed/dki-areas.json';
import outletsJson from '../database/seed/outlets.json';
import type { JurisdictionOffices } from '../../workflows/messages';
import { at, weekdayOf } from './clock';
import { pick, Rng } from './random';

/** Population of each administrative city and the regency, BPS Sensus Penduduk 2020. */
export const POPULATION_2020: Record<string, number> = {
  '31.01': 27_749, // Kepulauan Seribu
  '31.71': 1_056_896, // Jakarta Pusat
  '31.72': 1_778_981, // Jakarta Utara
  '31.73': 2_434_511, // Jakarta Barat
  '31.74': 2_226_812, // Jakarta Selatan
  '31.75': 3_037_139, // Jakarta Timur
};

export interface Area {
  code: string;
  level: string;
  parentCode: string | null;
}

export interface Outlet {
  id: string;
  parentAreaCode: string;
  schedule: Record<string, string[][]>;
}

const AREAS = (areasJson as { areas: Area[] }).areas;
export const OUTLETS = outletsJson as Outlet[];
const levelOf = new Map(AREAS.map((a) => [a.code, a.level as 'province' | 'city' | 'regency' | 'kecamatan' | 'kelurahan']));

/** The kelurahan of each city (or regency), by the city's code. */
export const KELURAHAN_BY_CITY = new Map<string, Area[]>();
for (const a of AREAS) {
  if (a.level !== 'kelurahan') continue;
  const city = a.code.slice(0, 5);
  KELURAHAN_BY_CITY.set(city, [...(KELURAHAN_BY_CITY.get(city) ?? []), a]);
}

/**
 * The offices that hold an application's steps, from the kelurahan it is about. The simulator's one
 * jurisdiction rule: read from the Kemendagri code (`31.71.01.1001` lies in kecamatan `31.71.01` of
 * city `31.71`), so that a shared rule can replace this function alone.
 */
export function jurisdictionOf(kelurahanCode: string): JurisdictionOffices {
  const kecamatan = kelurahanCode.slice(0, 8);
  const city = kelurahanCode.slice(0, 5);
  return {
    province: officeIdOf('province', '31'),
    city: officeIdOf(levelOf.get(city)!, city),
    kecamatan: officeIdOf('kecamatan', kecamatan),
    kelurahan: officeIdOf('kelurahan', kelurahanCode),
  };
}

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Counter arrivals over the civil-service day, by hour: a morning peak, a lunch dip, an after-lunch bump. */
export const OFFICE_HOURS: Array<[number, number]> = [
  [8, 6],
  [9, 12],
  [10, 14],
  [11, 11],
  [12, 3],
  [13, 9],
  [14, 7],
  [15, 3],
];

/** The hours an outlet is open on a day, each with its weight of arrivals. */
export function outletHours(outlet: Outlet, day: number): Array<[number, number]> {
  const windows = outlet.schedule[WEEKDAY_KEYS[weekdayOf(day)]] ?? [];
  const hours: Array<[number, number]> = [];
  for (const [open, close] of windows) {
    const from = Number(open.slice(0, 2));
    const to = Number(close.slice(0, 2)) + (close.slice(3) === '00' ? 0 : 1);
    // Malls are busiest around lunch and after work.
    for (let h = from; h < to; h++) hours.push([h, h >= 11 && h <= 13 ? 10 : h >= 16 && h <= 19 ? 12 : 6]);
  }
  return hours;
}

/**
 * Filing moments: on the hour or half hour, 20 seconds past. A business clock started at filing then
 * measures whole minutes plus 40 s less the processing lag, and the reports round business time up to
 * whole minutes: the lag changes no figure while it stays under 40 s.
 */
export function filingInstant(rng: Rng, day: number, hours: Array<[number, number]>): number {
  const [hour] = pick(rng, hours, ([, w]) => w);
  return at(day, hour, rng() < 0.5 ? 0 : 30, 20);
}
