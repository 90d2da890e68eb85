// Business-time arithmetic for the Jakarta civil service (Pemprov DKI Jakarta), in Asia/Jakarta time.
//
// Pure: no I/O, no clock, no dependency on the process time zone or on Intl time-zone data. Jakarta is
// UTC+7 all year (WIB, no daylight saving), so local time is computed by adding a fixed offset. Every
// function takes its inputs explicitly, which makes the module safe to call from deterministic workflow code.
//
// Internally a local calendar day is a "day number" (./local-days.ts): the number of days between 1970-01-01
// and that local date.

import { JAKARTA_UTC_OFFSET_MINUTES, MINUTES_PER_BUSINESS_DAY } from '../domain/time';
import { DEFAULT_RAMADAN, HOLIDAYS } from './holidays';
import { dayNumberOf, formatDayNumber, instantMs, MS_PER_DAY, MS_PER_MINUTE, OFFSET_MS, parseLocalDate, weekdayOf } from './local-days';
import type { HolidayEntry, HolidayKind } from './holidays';

export { JAKARTA_UTC_OFFSET_MINUTES, MINUTES_PER_BUSINESS_DAY };

export interface CalendarOptions {
  extraClosedDays?: Array<{ date: string; name: string }>;
  ramadan?: Array<{ from: string; to: string }>;
  /** Years whose holidays an admin loaded from the decree: each replaces the built-in table of its year. */
  years?: Record<number, readonly HolidayEntry[]>;
  /** Days one office is closed (a flood, a local election), on top of the province's calendar. */
  officeClosedDays?: Array<{ officeId: string; date: string; name: string }>;
  /** The revision of the admin-run calendar this was built from (libs/database/calendar-store.ts). */
  revision?: number;
}

export type ClosedDayKind = 'weekend' | HolidayKind | 'extra';

/**
 * The calendar of a span of local days, as data: what a workflow records (one local activity) and then
 * computes with in its own code. Weekends are implied; `closed` lists the other closed days.
 */
export interface CalendarSnapshot {
  /** First and last local date covered ('YYYY-MM-DD'). */
  from: string;
  to: string;
  /** Closed working days (holidays, cuti bersama, configured closures) within the span. */
  closed: string[];
  /** Ramadan working-hour ranges, clipped to the span. */
  ramadan: Array<{ from: string; to: string }>;
  /** The local date the snapshot was taken (snapshotAround); a workflow computes with it on that day only. */
  takenOn?: string;
  /** Closed working days of single offices within the span, by office id; absent when there are none. */
  offices?: Record<string, string[]>;
  /** The admin-run calendar's revision it was taken from; absent for a calendar built from code alone. */
  revision?: number;
}

/** Local days a snapshot taken for a workflow covers before and after the day it is taken. */
export const SNAPSHOT_SPAN_DAYS = { daysBefore: 400, daysAfter: 400 } as const;

/** A computation on a snapshot calendar needed a day the snapshot does not cover. */
export class OutsideCalendarSnapshot extends RangeError {
  constructor(day: string, snapshot: Pick<CalendarSnapshot, 'from' | 'to'>) {
    super(`${day} is outside the calendar snapshot ${snapshot.from}..${snapshot.to}`);
    this.name = 'OutsideCalendarSnapshot';
  }
}

export interface ClosedDay {
  name: string;
  kind: ClosedDayKind;
}


/** Working windows of one day, in minutes after local midnight, as [start, end) pairs. */
type DaySchedule = ReadonlyArray<readonly [number, number]>;

const hm = (hours: number, minutes = 0): number => hours * 60 + minutes;

/** Mon-Thu 07:30-16:00, break 12:00-13:00: 450 min. */
const NORMAL_MON_THU: DaySchedule = [
  [hm(7, 30), hm(12)],
  [hm(13), hm(16)],
];
/** Fri 07:30-16:30, break 11:30-13:00 (Friday prayer): 450 min. */
const NORMAL_FRI: DaySchedule = [
  [hm(7, 30), hm(11, 30)],
  [hm(13), hm(16, 30)],
];
/** Ramadan Mon-Thu 08:00-15:00, break 12:00-12:30: 390 min. */
const RAMADAN_MON_THU: DaySchedule = [
  [hm(8), hm(12)],
  [hm(12, 30), hm(15)],
];
/** Ramadan Fri 08:00-15:30, break 11:30-12:30: 390 min. */
const RAMADAN_FRI: DaySchedule = [
  [hm(8), hm(11, 30)],
  [hm(12, 30), hm(15, 30)],
];

/**
 * The working calendar of the Jakarta civil service: working hours (normal and Ramadan), weekends,
 * national holidays and cuti bersama (static tables, 2025-2027), plus configured extra closed days.
 * Outside the tables' years only weekends (and configured days) are closed.
 *
 * Intervals are half-open: an office closing at 16:00 is open at 15:59:59.999 and closed at 16:00.
 */
export class BusinessCalendar {
  private readonly closures = new Map<number, ClosedDay>();
  /** Closures of single offices: each office's calendar (forOffice) adds its own to the province's. */
  private readonly officeClosures = new Map<string, Map<number, string>>();
  private readonly officeCalendars = new Map<string, BusinessCalendar>();
  /** The admin-run calendar's revision, when built from it. */
  readonly revision?: number;
  private readonly ramadan: ReadonlyArray<readonly [number, number]>;
  /** Set on a calendar built from a snapshot: the days it may answer for. */
  private readonly span?: { from: number; to: number; snapshot: CalendarSnapshot };

  /** A calendar that knows only the snapshot's days, and says so (OutsideCalendarSnapshot) when asked about others. */
  static fromSnapshot(snapshot: CalendarSnapshot): BusinessCalendar {
    return new BusinessCalendar({}, snapshot);
  }

  /**
   * The calendar of the whole province; with `officeId`, of that office (the province's closed days and the
   * office's own). Office closures of a snapshot are kept for forOffice() and ignored otherwise.
   */
  constructor(
    private readonly opts: CalendarOptions = {},
    snapshot?: CalendarSnapshot,
    private readonly officeId?: string,
  ) {
    this.revision = snapshot ? snapshot.revision : opts.revision;
    if (snapshot) {
      this.span = { from: parseLocalDate(snapshot.from, 'snapshot.from'), to: parseLocalDate(snapshot.to, 'snapshot.to'), snapshot };
      for (const date of snapshot.closed) this.addClosure(parseLocalDate(date, 'snapshot.closed[]'), 'closed', 'extra');
      for (const [office, dates] of Object.entries(snapshot.offices ?? {})) {
        for (const date of dates) this.addOfficeClosure(office, parseLocalDate(date, 'snapshot.offices[]'), 'closed');
      }
      this.ramadan = snapshot.ramadan.map((r) => [parseLocalDate(r.from, 'snapshot.ramadan[].from'), parseLocalDate(r.to, 'snapshot.ramadan[].to')] as const);
      return;
    }
    const years = { ...HOLIDAYS, ...(opts.years ?? {}) };
    for (const year of Object.keys(years)) {
      for (const h of years[Number(year)]) this.addClosure(parseLocalDate(h.date), h.name, h.kind);
    }
    for (const extra of opts.extraClosedDays ?? []) {
      if (typeof extra?.name !== 'string' || extra.name.trim() === '') {
        throw new RangeError(`extraClosedDays: ${JSON.stringify(extra?.date)} needs a name`);
      }
      this.addClosure(parseLocalDate(extra.date, 'extraClosedDays[].date'), extra.name, 'extra');
    }
    for (const day of opts.officeClosedDays ?? []) this.addOfficeClosure(day.officeId, parseLocalDate(day.date, 'officeClosedDays[].date'), day.name);
    this.ramadan = [...DEFAULT_RAMADAN, ...(opts.ramadan ?? [])].map((range) => {
      const from = parseLocalDate(range?.from, 'ramadan[].from');
      const to = parseLocalDate(range?.to, 'ramadan[].to');
      if (to < from) throw new RangeError(`ramadan range ${range.from}..${range.to} ends before it starts`);
      return [from, to] as const;
    });
  }

  /** The calendar of one office: the province's closed days and the office's own. Without an office, or for an office with no closure of its own, this one. */
  forOffice(officeId: string | undefined): BusinessCalendar {
    if (officeId === undefined || this.officeId !== undefined || !this.officeClosures.has(officeId)) return this;
    let calendar = this.officeCalendars.get(officeId);
    if (!calendar) {
      calendar = new BusinessCalendar(this.opts, this.span?.snapshot, officeId);
      this.officeCalendars.set(officeId, calendar);
    }
    return calendar;
  }

  /** Working intervals of the Jakarta civil-service day containing `date` (local date 'YYYY-MM-DD'), [] when closed. Each as [startUtcMs, endUtcMs]. */
  workingIntervals(localDate: string): Array<[number, number]> {
    return this.intervalsOf(parseLocalDate(localDate));
  }

  isWorkingTime(at: Date): boolean {
    const ms = instantMs(at, 'at');
    return this.intervalsOf(dayNumberOf(ms)).some(([start, end]) => start <= ms && ms < end);
  }

  /** The instant `minutes` working minutes after `from`. If `from` is outside working time, counting starts at the next opening. minutes=0 returns `from` unchanged. Resolution is one millisecond. */
  addBusinessMinutes(from: Date, minutes: number): Date {
    const start = instantMs(from, 'from');
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
      throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
    }
    if (minutes === 0) return new Date(start);
    // Instants have millisecond precision; rounding here also makes the round trip through the fractional
    // result of businessMinutesBetween exact.
    let remaining = Math.round(minutes * MS_PER_MINUTE);
    // Walk day by day; within a day, consume whole intervals. Terminates: only finitely many days are closed
    // besides weekends, so every week after the last closure offers working time.
    for (let day = dayNumberOf(start); ; day++) {
      for (const [open, close] of this.intervalsOf(day)) {
        if (close <= start) continue;
        const begin = Math.max(open, start);
        const available = close - begin;
        // A deadline that falls exactly on a closing time stays there (16:00), not at the next opening.
        if (remaining <= available) return new Date(begin + remaining);
        remaining -= available;
      }
    }
  }

  /** Working minutes between two instants (0 if to <= from), fractional minutes allowed. */
  businessMinutesBetween(from: Date, to: Date): number {
    const a = instantMs(from, 'from');
    const b = instantMs(to, 'to');
    if (b <= a) return 0;
    let total = 0;
    const lastDay = dayNumberOf(b);
    for (let day = dayNumberOf(a); day <= lastDay; day++) {
      for (const [open, close] of this.intervalsOf(day)) {
        const overlap = Math.min(close, b) - Math.max(open, a);
        if (overlap > 0) total += overlap;
      }
    }
    return total / MS_PER_MINUTE;
  }

  /** The next opening instant at or after `at`: `at` itself during working time. */
  nextOpening(at: Date): Date {
    const ms = instantMs(at, 'at');
    for (let day = dayNumberOf(ms); ; day++) {
      for (const [open, close] of this.intervalsOf(day)) {
        if (ms < close) return new Date(Math.max(open, ms));
      }
    }
  }

  /**
   * Why the office is closed on `localDate`, or undefined on a working day. A holiday or configured closure
   * that falls on a weekend is reported as that holiday, not as 'weekend'.
   */
  closedDay(localDate: string): ClosedDay | undefined {
    return this.closureOf(parseLocalDate(localDate));
  }

  private closureOf(dayNumber: number): ClosedDay | undefined {
    const listed = this.closures.get(dayNumber);
    if (listed) return { ...listed };
    const weekday = weekdayOf(dayNumber);
    if (weekday === 0) return { name: 'Minggu', kind: 'weekend' };
    if (weekday === 6) return { name: 'Sabtu', kind: 'weekend' };
    return undefined;
  }

  private addOfficeClosure(officeId: string, dayNumber: number, name: string): void {
    if (typeof officeId !== 'string' || officeId === '') throw new RangeError('an office closure needs an officeId');
    let days = this.officeClosures.get(officeId);
    if (!days) this.officeClosures.set(officeId, (days = new Map()));
    days.set(dayNumber, name);
    // The office's own calendar counts the day as closed; the province's does not.
    if (officeId === this.officeId) this.addClosure(dayNumber, name, 'extra');
  }

  private addClosure(dayNumber: number, name: string, kind: ClosedDayKind): void {
    const existing = this.closures.get(dayNumber);
    if (!existing) {
      this.closures.set(dayNumber, { name, kind });
    } else if (!existing.name.split(' / ').includes(name)) {
      // Two reasons on one day (e.g. Natal and Isra Mikraj on 2027-12-25): keep the first kind (tables are
      // loaded before configuration), list both names.
      this.closures.set(dayNumber, { name: `${existing.name} / ${name}`, kind: existing.kind });
    }
  }

  /**
   * The calendar of the days around the local day of `at`, stamped with that day (`takenOn`): what a
   * submitter attaches to a new application and what the engine's calendar activity answers.
   */
  snapshotAround(at: Date, span: { daysBefore: number; daysAfter: number } = SNAPSHOT_SPAN_DAYS): CalendarSnapshot {
    const day = dayNumberOf(instantMs(at, 'at'));
    return { ...this.snapshot(formatDayNumber(day - span.daysBefore), formatDayNumber(day + span.daysAfter)), takenOn: formatDayNumber(day) };
  }

  /** This calendar's data for the local days `from`..`to` (inclusive): what fromSnapshot() needs. */
  snapshot(from: string, to: string): CalendarSnapshot {
    const first = parseLocalDate(from, 'from');
    const last = parseLocalDate(to, 'to');
    if (last < first) throw new RangeError(`snapshot ${from}..${to} ends before it starts`);
    const closed: string[] = [];
    for (const day of [...this.closures.keys()].sort((a, b) => a - b)) {
      const weekday = weekdayOf(day);
      if (day >= first && day <= last && weekday !== 0 && weekday !== 6) closed.push(formatDayNumber(day));
    }
    const ramadan = this.ramadan
      .filter(([a, b]) => b >= first && a <= last)
      .map(([a, b]) => ({ from: formatDayNumber(Math.max(a, first)), to: formatDayNumber(Math.min(b, last)) }))
      .sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
    const offices: Record<string, string[]> = {};
    for (const [office, days] of [...this.officeClosures].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const inSpan = [...days.keys()].filter((day) => day >= first && day <= last && weekdayOf(day) !== 0 && weekdayOf(day) !== 6).sort((a, b) => a - b);
      if (inSpan.length > 0) offices[office] = inSpan.map(formatDayNumber);
    }
    return {
      from: formatDayNumber(first),
      to: formatDayNumber(last),
      closed,
      ramadan,
      ...(Object.keys(offices).length > 0 ? { offices } : {}),
      ...(this.revision !== undefined ? { revision: this.revision } : {}),
    };
  }

  private isRamadan(dayNumber: number): boolean {
    return this.ramadan.some(([from, to]) => from <= dayNumber && dayNumber <= to);
  }

  private intervalsOf(dayNumber: number): Array<[number, number]> {
    if (this.span && (dayNumber < this.span.from || dayNumber > this.span.to)) throw new OutsideCalendarSnapshot(formatDayNumber(dayNumber), this.span.snapshot);
    const weekday = weekdayOf(dayNumber);
    if (weekday === 0 || weekday === 6 || this.closures.has(dayNumber)) return [];
    const friday = weekday === 5;
    const schedule = this.isRamadan(dayNumber)
      ? friday
        ? RAMADAN_FRI
        : RAMADAN_MON_THU
      : friday
        ? NORMAL_FRI
        : NORMAL_MON_THU;
    const midnight = dayNumber * MS_PER_DAY - OFFSET_MS;
    return schedule.map(([start, end]) => [midnight + start * MS_PER_MINUTE, midnight + end * MS_PER_MINUTE]);
  }
}

export interface PlanDeadlinesArgs {
  /** The moment the clock (re)starts, from the workflow clock. */
  from: string;
  items: Array<{ key: string; minutes: number }>;
  /** The office that holds the clock (a step's): its own closed days count too. */
  officeId?: string;
}

export interface MeasureArgs {
  to: string;
  items: Array<{ key: string; from: string; officeId?: string }>;
}

/** The wall-clock instant of each item: `minutes` business minutes after `from`. */
export function planDeadlines(calendar: BusinessCalendar, { from, items, officeId }: PlanDeadlinesArgs): Record<string, string> {
  const start = new Date(from);
  const office = calendar.forOffice(officeId);
  const out: Record<string, string> = {};
  for (const { key, minutes } of items) out[key] = office.addBusinessMinutes(start, minutes).toISOString();
  return out;
}

/** Business minutes from each item's `from` to `to`, to the hundredth. */
export function measureBusinessMinutes(calendar: BusinessCalendar, { to, items }: MeasureArgs): Record<string, number> {
  const end = new Date(to);
  const out: Record<string, number> = {};
  for (const { key, from, officeId } of items) out[key] = Math.round(calendar.forOffice(officeId).businessMinutesBetween(new Date(from), end) * 100) / 100;
  return out;
}
