import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../../../libs/auth/token';
import type { OfficesService } from '../offices/offices.service';
import type { ApplicationWorkflows } from '../temporal/application-workflows';
import type { CalendarRepository, ClosureRow, FanOut } from './calendar.repository';
import { CalendarService } from './calendar.service';

const admin: Principal = { sub: 'admin-pusdatin', role: 'admin' };
// Tuesday 1 December 2026, 09:00 in Jakarta; the closure is for the Wednesday.
const NOW = new Date('2026-12-01T02:00:00.000Z');
const closure = { date: '2026-12-02', name: 'Pemilihan', decree: 'Keppres 1/2026', reason: 'hari pemungutan suara' };

/** The calendar tables: the closures made, and the changes recorded for a fan-out, numbered from 41. */
class FakeCalendarRepository implements Pick<CalendarRepository, 'changing' | 'closure' | 'standingClosure' | 'insertClosure'> {
  readonly closures = new Map<string, ClosureRow>();
  readonly recorded: FanOut[] = [];

  async changing<T>(change: (tx: EntityManager) => Promise<{ result: T; audit?: unknown; fanOut?: FanOut }>) {
    const { result, audit, fanOut } = await change({} as EntityManager);
    if (!audit || !fanOut) return { result };
    this.recorded.push(fanOut);
    return { result, fanOut: 40 + this.recorded.length };
  }
  async closure(id: string) {
    return this.closures.get(id);
  }
  async standingClosure() {
    return undefined;
  }
  async insertClosure(_tx: EntityManager, c: Pick<ClosureRow, 'id' | 'date' | 'office_id' | 'name' | 'reason' | 'decree' | 'created_by'>) {
    const row: ClosureRow = { ...c, created_at: NOW, cancelled_at: null, cancelled_by: null, cancel_reason: null };
    this.closures.set(c.id, row);
    return row;
  }
}

describe(CalendarService.name, () => {
  let repository: FakeCalendarRepository;
  let started: number[];
  let temporalDown: boolean;
  let sut: CalendarService;

  beforeEach(() => {
    repository = new FakeCalendarRepository();
    started = [];
    temporalDown = false;
    const workflows = {
      startCalendarFanOut: async (revision: number) => {
        if (temporalDown) throw new Error('14 UNAVAILABLE: connection refused');
        started.push(revision);
        return true;
      },
    };
    sut = new CalendarService(repository as unknown as CalendarRepository, {} as OfficesService, workflows as unknown as ApplicationWorkflows, () => NOW);
  });

  it('starts the fan-out of the change it recorded, and only that: a retry that found its closure starts none', async () => {
    const first = await sut.addClosure(admin, closure, { idempotencyKey: 'k-1' });
    expect(first.created).toBe(true);
    expect(repository.recorded).toEqual([{ officeId: null, from: '2026-12-02' }]);
    expect(started).toEqual([41]);

    const retry = await sut.addClosure(admin, closure, { idempotencyKey: 'k-1' });
    expect(retry).toEqual({ created: false, closure: first.closure });
    expect(started).toEqual([41]);
  });

  it('answers the committed change when Temporal cannot take its fan-out, and says the sweep starts it', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      temporalDown = true;
      const added = await sut.addClosure(admin, closure, { idempotencyKey: 'k-2' });
      expect(added.created).toBe(true);
      expect(repository.recorded).toHaveLength(1);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/calendar change 41: fan-out not started .*UNAVAILABLE.*sweep starts it/));
    } finally {
      warn.mockRestore();
    }
  });
});
