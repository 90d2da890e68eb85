// The simulated month's applications, drawn up front in number order, each from its own generator:
// applications per city in proportion to its population, filed at the kelurahan, kecamatan or city PTSP
// of the applicant's area or at an outlet of the same city, on the days and hours that office is open.
import { createHash } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { BusinessCalendar, CalendarSnapshot, MINUTES_PER_BUSINESS_DAY } from '../calendar';
import type { PermitDefinition } from '../permit-dsl/definition';
import type { PermitInput } from '../../workflows/messages';
import { dateOf, dayOf, weekdayOf } from './clock';
import { filingInstant, jurisdictionOf, KELURAHAN_BY_CITY, OFFICE_HOURS, OUTLETS, outletHours, POPULATION_2020 } from './jakarta';
import { PERMIT_MIX, WITHDRAW_SHARE } from './permits';
import { logNormal, pick, prng, Rng, seedOf } from './random';

/** One simulated application: what it was filed with and what the simulator knows of it since. */
export interface SimApp {
  index: number;
  /** Every later draw about this application (its decisions, its applicant's answers) comes from here. */
  rng: Rng;
  def: Readonly<PermitDefinition>;
  input: PermitInput;
  filedAt: number;
  withdrawAfterMinutes?: number;
  handle?: WorkflowHandle;
  closed: boolean;
  /** Tasks an agent has already taken up. */
  known: Set<string>;
  openTasks: number;
}

export interface TrafficArgs {
  seed: number;
  applications: number;
  days: number;
  startDay: number;
  calendar: BusinessCalendar;
  definitions: ReadonlyMap<string, Readonly<PermitDefinition>>;
}

type Desk = 'kelurahan' | 'kecamatan' | 'city' | 'outlet';

/** Share of applications filed at each kind of desk (an outlet only when the city has one open). */
function deskWeight(desk: Desk, outletsOpen: boolean, workingDays: number): number {
  if (desk === 'outlet') return outletsOpen ? 12 : 0;
  if (workingDays === 0) return 0;
  return desk === 'kelurahan' ? 55 : desk === 'kecamatan' ? 25 : 8;
}

/** Application ids and tracking codes: stable for a seed and an application number. */
function idsOf(seed: number, index: number): { applicationId: string; trackingCode: string } {
  const id = createHash('sha256').update(`sim\n${seed}\n${index}`).digest('hex').toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, 20);
  const applicationId = `SIM${String(index).padStart(5, '0')}${id}`.slice(0, 24);
  return { applicationId, trackingCode: `S${applicationId.slice(3, 6)}-${applicationId.slice(6, 10)}-${applicationId.slice(10, 14)}` };
}

export function drawApplications(a: TrafficArgs): SimApp[] {
  const { calendar, startDay } = a;
  const cities = Object.keys(POPULATION_2020);
  const days = Array.from({ length: a.days }, (_, i) => startDay + i);
  const workingDays = days.filter((d) => !calendar.closedDay(dateOf(d)));
  // The calendar a PTSP desk attaches on the filing day, as the API does (one per day, shared).
  const snapshots = new Map<number, CalendarSnapshot>();
  const snapshotOn = (ms: number) => {
    const day = dayOf(ms);
    if (!snapshots.has(day)) snapshots.set(day, calendar.snapshotAround(new Date(ms)));
    return snapshots.get(day)!;
  };

  const apps: SimApp[] = [];
  for (let index = 0; index < a.applications; index++) {
    const rng = prng(seedOf(a.seed, index));
    const city = pick(rng, cities, (c) => POPULATION_2020[c]);
    const kelurahan = pick(rng, KELURAHAN_BY_CITY.get(city)!);
    const jurisdiction = jurisdictionOf(kelurahan.code);
    // Outlets of the city open at least once in the period (some open one weekday, some weekends only).
    const outlets = OUTLETS.filter((x) => x.parentAreaCode.startsWith(city) && days.some((d) => outletHours(x, d).length > 0));
    const desk = pick(rng, ['kelurahan', 'kecamatan', 'city', 'outlet'] as const, (k) => deskWeight(k, outlets.length > 0, workingDays.length));
    const outlet = desk === 'outlet' ? pick(rng, outlets) : undefined;
    const receivingOfficeId = outlet?.id ?? jurisdiction[desk as Exclude<Desk, 'outlet'>];
    const openDays = outlet ? days.filter((d) => outletHours(outlet, d).length > 0) : workingDays;
    if (openDays.length === 0) throw new Error(`no office is open in the ${a.days} simulated days from ${dateOf(startDay)}`);
    const day = pick(rng, openDays, (d) => (weekdayOf(d) === 1 ? 1.15 : weekdayOf(d) === 5 ? 0.85 : 1));
    const filedAt = filingInstant(rng, day, outlet ? outletHours(outlet, day) : OFFICE_HOURS);
    const choice = pick(rng, PERMIT_MIX, (p) => p.share);
    const def = a.definitions.get(choice.code)!;
    const { applicationId, trackingCode } = idsOf(a.seed, index);
    apps.push({
      index,
      rng,
      def,
      filedAt,
      withdrawAfterMinutes: rng() < WITHDRAW_SHARE ? logNormal(rng, 3 * MINUTES_PER_BUSINESS_DAY, 0.6) : undefined,
      closed: false,
      known: new Set(),
      openTasks: 0,
      input: {
        applicationId,
        trackingCode,
        permitType: def.code,
        definitionVersion: def.version,
        submittedBy: 'integrator-simulator',
        receivingOfficeId,
        applicant: { nik: '3100000000000000', name: `Pemohon ${index}` },
        location: { kelurahanCode: kelurahan.code, address: `Jl. Simulasi ${index}` },
        jurisdiction,
        data: choice.data(rng, def),
        documents: [],
        calendar: snapshotOn(filedAt),
      },
    });
  }
  return apps;
}
