import { Injectable, Optional } from '@nestjs/common';
import { BusinessCalendar } from '../../../../libs/calendar';
import { base32, keyedDigest } from '../common/keyed-id';
import { ANY_YEAR, localDateProblem } from '../common/local-date';
import { NotFoundError, UnprocessableError, ValidationError } from '../common/errors';
import { OfficesService, type Office } from './offices.service';
import { jakartaLocal, openingAt, type OpenBy, type OutletSession } from './opening';
import type { WriteOutletSessionDto } from './outlet-session.dto';
import { type Filing, OutletSessionsRepository } from './outlet-sessions.repository';

const NEAR = /^\d{2}\.\d{2}(\.\d{2})?$/;
const NEAR_TYPES = new Set(['city', 'regency', 'kecamatan']);

export interface OpenOffice extends Office {
  openBy: OpenBy;
  session: OutletSession | null;
}

/** An application's filing as its answers show it. */
export interface FilingView {
  outsideOpeningHours: boolean;
  outletSessionId: string | null;
}

const viewOf = (f: Filing): FilingView => ({ outsideOpeningHours: f.outsideOpeningHours, outletSessionId: f.sessionId });

/** Outlet sessions written by admins, and which offices take applications when (docs/api.md, Outlets and opening hours). */
@Injectable()
export class OutletSessionsService {
  constructor(
    private readonly sessions: OutletSessionsRepository,
    private readonly offices: OfficesService,
    @Optional() private readonly calendar: BusinessCalendar = new BusinessCalendar(),
  ) {}

  /** A new session; the same admin and Idempotency-Key name the same session, so a retry adds nothing. */
  create(admin: string, idempotencyKey: string, dto: WriteOutletSessionDto): Promise<OutletSession> {
    const id = `ses_${base32(keyedDigest('outlet-session', admin, idempotencyKey), 26)}`;
    return this.sessions.create(this.valid(id, dto), admin);
  }

  async update(id: string, dto: WriteOutletSessionDto): Promise<OutletSession> {
    const session = this.valid(id, dto);
    if (!(await this.sessions.update(session))) throw this.notFound(id);
    return session;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.sessions.remove(id))) throw this.notFound(id);
  }

  async get(id: string): Promise<OutletSession> {
    const s = await this.sessions.find(id);
    if (!s) throw this.notFound(id);
    return s;
  }

  list(q: { officeId?: string; from?: string; to?: string }): Promise<OutletSession[]> {
    const problems = [];
    for (const f of ['from', 'to'] as const) {
      // Any year PostgreSQL holds: a filter may reach wider than a session may be written.
      const problem = q[f] === undefined ? undefined : localDateProblem(q[f]!, ANY_YEAR);
      if (problem) problems.push({ field: f, message: problem });
    }
    if (problems.length) throw new ValidationError(problems);
    return this.sessions.list({ officeId: q.officeId, from: q.from ?? '0001-01-01', to: q.to ?? '9999-12-31' });
  }

  /**
   * The offices and outlets of a city or kecamatan that take applications at `at`: every office whose area
   * code is `near` or lies under it (the city office, its kecamatan and kelurahan; a kecamatan's office and
   * its kelurahan), and the outlets whose kecamatan is among them.
   */
  async openNear(atText: string | undefined, near: string | undefined): Promise<{ at: string; near: { code: string; name: string; type: string }; items: OpenOffice[]; nextCursor: null }> {
    const at = atText === undefined ? new Date() : new Date(atText);
    const problems = [];
    if (atText !== undefined && (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(atText) || Number.isNaN(at.getTime()))) {
      problems.push({ field: 'at', message: 'must be an ISO 8601 instant with its offset, e.g. 2026-12-06T07:00:00+07:00' });
    }
    const area = near !== undefined && NEAR.test(near) ? this.offices.list({}).find((o) => o.areaCode === near && NEAR_TYPES.has(o.type)) : undefined;
    if (near === undefined) problems.push({ field: 'near', message: 'required: a kecamatan code (31.74.01) or a city code (31.74)' });
    else if (!area) problems.push({ field: 'near', message: `"${near.slice(0, 20)}" is not a kecamatan or city code of DKI Jakarta (GET /v1/offices?type=kecamatan lists them)` });
    if (problems.length) throw new ValidationError(problems);
    const running = await this.sessions.at(at);
    const items: OpenOffice[] = [];
    for (const office of this.offices.list({})) {
      if (office.areaCode !== area!.areaCode && !office.areaCode.startsWith(`${area!.areaCode}.`)) continue;
      const opening = openingAt(office, running, at, this.calendar);
      if (opening.open) items.push({ ...office, openBy: opening.by!, session: opening.session });
    }
    return { at: at.toISOString(), near: { code: area!.areaCode, name: area!.name, type: area!.type }, items, nextCursor: null };
  }

  /** Whether an outlet was open for a filing at `at` (its schedule or a session), and which session took it. */
  private async filingAt(office: Office, at: Date): Promise<{ outsideOpeningHours: boolean; sessionId: string | null }> {
    const { date } = jakartaLocal(at);
    const opening = openingAt(office, await this.sessions.list({ officeId: office.id, from: date, to: date }), at, this.calendar);
    return { outsideOpeningHours: !opening.open, sessionId: opening.session?.id ?? null };
  }

  /** Records an application filed at the outlet now (flagged when outside its opening hours); a retry keeps and answers the first record. */
  async recordFiling(office: Office, applicationId: string, at: Date): Promise<FilingView> {
    return viewOf(await this.sessions.recordFiling({ applicationId, officeId: office.id, filedAt: at, ...(await this.filingAt(office, at)) }));
  }

  async filingOf(applicationId: string): Promise<FilingView | undefined> {
    const f = await this.sessions.filing(applicationId);
    return f && viewOf(f);
  }

  private valid(id: string, dto: WriteOutletSessionDto): OutletSession {
    const office = this.offices.get(dto.officeId);
    if (!office) {
      throw new UnprocessableError('unknown-office', `There is no office "${dto.officeId.slice(0, 100)}": GET /v1/offices?type=outlet lists the outlets.`, [
        { field: 'officeId', message: 'unknown office' },
      ]);
    }
    const problems = [];
    if (office.type !== 'outlet') problems.push({ field: 'officeId', message: `${office.id} is a ${office.type} office, not an outlet: sessions open outlets (GET /v1/offices?type=outlet)` });
    if (dto.closes <= dto.opens) problems.push({ field: 'closes', message: `must be after opens (${dto.opens}) on the same day` });
    const dateProblem = localDateProblem(dto.date);
    if (dateProblem) problems.push({ field: 'date', message: dateProblem });
    if (problems.length) throw new ValidationError(problems);
    return { id, officeId: office.id, date: dto.date, opens: dto.opens, closes: dto.closes, venue: dto.venue ?? null };
  }

  private notFound(id: string): NotFoundError {
    return new NotFoundError('Outlet session', `No outlet session ${id.slice(0, 60)}: GET /v1/outlet-sessions lists them.`);
  }
}
