import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Principal } from '../../../../libs/auth/token';
import { BusinessCalendar, HOLIDAY_SOURCES, HOLIDAYS, type HolidayEntry, jakartaLocalDate } from '../../../../libs/calendar';
import { NOW } from '../applications/applications.service';
import { ConflictError, type FieldError, NotFoundError, UnprocessableError, ValidationError } from '../common/errors';
import { base32, keyedDigest } from '../common/keyed-id';
import type { WriteRequest } from '../common/request-context';
import { OfficesService } from '../offices/offices.service';
import { ApplicationWorkflows } from '../temporal/application-workflows';
import { type ClosureRow, CalendarRepository } from './calendar.repository';
import type { AddClosureDto, CalendarYearDto, CancelClosureDto, ClosureDto, LoadYearDto, LoadYearResultDto } from './dto/calendar.dto';

/** Weekends only: whether a local date is a real date and a weekday needs no holiday table. */
const WEEKDAYS_ONLY = new BusinessCalendar({}, { from: '1900-01-01', to: '2999-12-31', closed: [], ramadan: [] });

function isRealDate(date: string): boolean {
  try {
    WEEKDAYS_ONLY.closedDay(date);
    return true;
  } catch {
    return false;
  }
}

const byDateThenName = (a: HolidayEntry, b: HolidayEntry) => (a.date === b.date ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.date < b.date ? -1 : 1);

/**
 * The calendar run by admins (docs/calendar.md): closed days of the province or of one office, and a
 * year's holidays loaded from its decree. Every change raises the calendar's revision and is written to
 * the audit log with who, when, what and why, in the same transaction.
 */
@Injectable()
export class CalendarService {
  private readonly logger = new Logger(CalendarService.name);

  constructor(
    private readonly repository: CalendarRepository,
    private readonly offices: OfficesService,
    private readonly workflows: ApplicationWorkflows,
    @Optional() @Inject(NOW) private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Starts telling the running applications of the change's scope (docs/calendar.md); the request does not
   * wait for them. The change is recorded already (calendar_change): when Temporal cannot be reached now,
   * the worker's sweep starts the fan-out a minute or two later, so the change is answered as made.
   */
  private async startFanOut(revision: number | undefined): Promise<void> {
    if (revision === undefined) return;
    await this.workflows.startCalendarFanOut(revision).catch((err: unknown) => {
      this.logger.warn(`calendar change ${revision}: fan-out not started (${String(err)}); the worker's sweep starts it`);
    });
  }

  async addClosure(principal: Principal, dto: AddClosureDto, request: WriteRequest): Promise<{ created: boolean; closure: ClosureDto }> {
    const today = jakartaLocalDate(this.now());
    const errors: FieldError[] = [];
    if (!isRealDate(dto.date)) errors.push({ field: 'date', message: `${dto.date} is not a calendar date` });
    else if (dto.date < today) errors.push({ field: 'date', message: `${dto.date} is in the past (today is ${today} in Jakarta): a closure starts today or later` });
    else if (WEEKDAYS_ONLY.closedDay(dto.date)) errors.push({ field: 'date', message: `${dto.date} is a ${WEEKDAYS_ONLY.closedDay(dto.date)!.name}: offices are closed anyway` });
    if (errors.length > 0) throw new ValidationError(errors);
    const officeId = dto.officeId ?? null;
    if (officeId !== null && !this.offices.get(officeId)) {
      throw new UnprocessableError('unknown-office', `No office ${officeId}: see GET /v1/offices for the ids; leave officeId out to close the whole province.`, [{ field: 'officeId', message: 'is not an office or outlet' }]);
    }
    // Named by (caller, Idempotency-Key): a retry after a crash finds the closure it made.
    const id = `cl_${base32(keyedDigest('calendar-closure', principal.sub, request.idempotencyKey), 16)}`;
    const { result: added, fanOut } = await this.repository.changing<{ created: boolean; closure: ClosureDto }>(async (tx) => {
      const again = await this.repository.closure(id, tx);
      if (again) return { result: { created: false, closure: closureDto(again) } };
      const standing = await this.repository.standingClosure(tx, dto.date, officeId);
      if (standing) {
        const scope = officeId ? `office ${officeId}` : 'the province';
        throw new ConflictError('calendar-day-closed', `${dto.date} is already closed for ${scope} by closure ${standing.id} (${standing.name}); cancel it first to replace it.`);
      }
      const row = await this.repository.insertClosure(tx, { id, date: dto.date, office_id: officeId, name: dto.name, reason: dto.reason, decree: dto.decree, created_by: principal.sub });
      return {
        result: { created: true, closure: closureDto(row) },
        audit: { type: 'calendar.closure_added', actor: principal.sub, role: principal.role, note: dto.reason, requestId: request.requestId, details: { closureId: id, date: dto.date, officeId, name: dto.name, decree: dto.decree } },
        fanOut: { officeId, from: dto.date },
      };
    });
    await this.startFanOut(fanOut);
    return added;
  }

  async cancelClosure(principal: Principal, id: string, dto: CancelClosureDto, request: WriteRequest): Promise<ClosureDto> {
    const { result: cancelled, fanOut } = await this.repository.changing<ClosureDto>(async (tx) => {
      const closure = await this.repository.closure(id, tx);
      if (!closure) throw new NotFoundError('Closure', `No closure ${id}: see GET /v1/calendar/closures for the ids.`);
      // Cancelling twice changes nothing.
      if (closure.cancelled_at) return { result: closureDto(closure) };
      const row = await this.repository.cancelClosure(tx, id, principal.sub, dto.reason);
      return {
        result: closureDto(row),
        audit: { type: 'calendar.closure_cancelled', actor: principal.sub, role: principal.role, note: dto.reason, requestId: request.requestId, details: { closureId: id, date: row.date, officeId: row.office_id, name: row.name, decree: row.decree } },
        fanOut: { officeId: row.office_id, from: row.date },
      };
    });
    await this.startFanOut(fanOut);
    return cancelled;
  }

  async closures(year: number | undefined, officeId: string | undefined): Promise<{ items: ClosureDto[]; nextCursor: null }> {
    const rows = await this.repository.closures(year ?? Number(jakartaLocalDate(this.now()).slice(0, 4)), officeId);
    return { items: rows.map(closureDto), nextCursor: null };
  }

  async year(year: number): Promise<CalendarYearDto> {
    const loaded = await this.repository.year(year);
    const closures = (await this.repository.closures(year)).map(closureDto);
    if (loaded) {
      const days = loaded.days.map((d) => ({ date: d.date, name: d.name, kind: d.kind }));
      return { year, status: 'decreed', source: 'loaded', basis: loaded.decree, loadedBy: loaded.loaded_by, loadedAt: loaded.loaded_at.toISOString(), days, closures };
    }
    const builtIn = HOLIDAY_SOURCES[year];
    if (!builtIn) {
      const basis = `No holiday table for ${year}: only weekends and closures are closed. Load the year's decree.`;
      return { year, status: 'none', source: 'built-in', basis, loadedBy: null, loadedAt: null, days: [], closures };
    }
    const status = builtIn.status === 'decreed' ? 'decreed' : 'projected';
    return { year, status, source: 'built-in', basis: builtIn.basis, loadedBy: null, loadedAt: null, days: [...HOLIDAYS[year]], closures };
  }

  /** Loads the year's decree; the same decree with the same days again changes nothing. */
  async loadYear(principal: Principal, year: number, dto: LoadYearDto, request: WriteRequest): Promise<LoadYearResultDto> {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    dto.days.forEach((d, i) => {
      if (!isRealDate(d.date)) errors.push({ field: `days[${i}].date`, message: `${d.date} is not a calendar date` });
      else if (!d.date.startsWith(`${year}-`)) errors.push({ field: `days[${i}].date`, message: `${d.date} is not in ${year}` });
      if (seen.has(`${d.date}\n${d.name}`)) errors.push({ field: `days[${i}]`, message: `${d.date} ${d.name} is listed twice` });
      seen.add(`${d.date}\n${d.name}`);
    });
    if (errors.length > 0) throw new ValidationError(errors);
    const days: HolidayEntry[] = dto.days.map((d) => ({ date: d.date, name: d.name, kind: d.kind })).sort(byDateThenName);
    const { result: changed, fanOut } = await this.repository.changing<boolean>(async (tx) => {
      const before = await this.repository.year(year, tx);
      // Compared as entries: PostgreSQL's jsonb orders an object's keys its own way.
      const same = (a: readonly HolidayEntry[]) => JSON.stringify([...a].sort(byDateThenName).map((d) => [d.date, d.name, d.kind])) === JSON.stringify(days.map((d) => [d.date, d.name, d.kind]));
      if (before && before.decree === dto.decree && same(before.days)) return { result: false };
      const previous = before?.days ?? HOLIDAYS[year] ?? [];
      const key = (d: HolidayEntry) => `${d.date} ${d.name} (${d.kind})`;
      const [was, now] = [new Set(previous.map(key)), new Set(days.map(key))];
      await this.repository.saveYear(tx, { year, decree: dto.decree, days, loaded_by: principal.sub });
      const moved = [...previous.filter((d) => !now.has(key(d))), ...days.filter((d) => !was.has(key(d)))].map((d) => d.date).sort();
      return {
        result: true,
        audit: {
          type: 'calendar.year_loaded',
          actor: principal.sub,
          role: principal.role,
          note: dto.decree,
          requestId: request.requestId,
          details: { year, decree: dto.decree, days: days.length, added: [...now].filter((d) => !was.has(d)), removed: [...was].filter((d) => !now.has(d)) },
        },
        // From the first day the change touches; the decree's reference alone moves no deadline.
        ...(moved.length > 0 ? { fanOut: { officeId: null, from: moved[0] } } : {}),
      };
    });
    await this.startFanOut(fanOut);
    return { ...(await this.year(year)), changed };
  }
}

function closureDto(row: ClosureRow): ClosureDto {
  return {
    id: row.id,
    date: row.date,
    officeId: row.office_id,
    name: row.name,
    decree: row.decree,
    reason: row.reason,
    status: row.cancelled_at ? 'cancelled' : 'standing',
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    cancelledBy: row.cancelled_by,
    cancelledAt: row.cancelled_at ? row.cancelled_at.toISOString() : null,
    cancelReason: row.cancel_reason,
  };
}
