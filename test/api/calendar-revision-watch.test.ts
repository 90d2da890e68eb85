// Story: every submit, decision and resubmission carries the calendar's revision to the workflow, so the
// API reads it on every write. A CalendarStore that listens for calendar changes (LISTEN/NOTIFY) knows
// it without asking: a change committed by another process is known once its notification arrives, one
// committed by this process at once, and while the listener's connection is down the store asks the
// database again, until the listener stands again.
import type { DataSource } from 'typeorm';
import { CalendarRepository } from '../../apps/api/src/calendar/calendar.repository';
import { CalendarStore } from '../../libs/database/calendar-store';
import { scratchDatabase, ScratchDatabase } from '../reports/support';
import { eventually } from '../support/time-skipping';

describe('the calendar revision, known without a query', () => {
  let scratch: ScratchDatabase;
  let store: CalendarStore;
  let queries = 0;
  beforeAll(async () => {
    scratch = await scratchDatabase('calendar_watch');
    // The store's own database: counts the queries it sends.
    const counted = { query: (sql: string, params?: unknown[]) => (queries++, scratch.db.query(sql, params)) } as unknown as DataSource;
    store = new CalendarStore(counted).watch(scratch.url);
    await store.listening();
  });
  afterAll(async () => {
    await store.close();
    await scratch.drop();
  });

  const revisionInDatabase = async () => ((await scratch.db.query(`SELECT revision::int AS revision FROM calendar_revision`)) as Array<{ revision: number }>)[0].revision;
  /** A calendar change as the admin API commits it (revision, audit row, notification), through `repository`. */
  const change = (repository: CalendarRepository) =>
    repository.changing(async () => ({ result: null, audit: { type: 'calendar.year_loaded' as const, actor: 'admin-test', role: 'admin', note: 'test', details: {} } }));

  it('answers the revision while listening, and learns another process’s change from its notification', async () => {
    const before = queries;
    expect(await store.revision()).toBe(await revisionInDatabase());
    await change(new CalendarRepository(scratch.db)); // another API process: this store is not told directly
    const now = await revisionInDatabase();
    await eventually(() => store.revision(), (r) => r === now, `the listening store knows revision ${now}`);
    expect(queries).toBe(before);
  });

  it('knows a change of its own process as soon as it is committed, before any notification', async () => {
    // The repository tells its process's store the revision it committed...
    const noted: number[] = [];
    await change(new CalendarRepository(scratch.db, { noteRevision: (r) => noted.push(r) }));
    expect(noted).toEqual([await revisionInDatabase()]);
    // ...and a listening store answers a revision it was told, with no query and no notification.
    const before = queries;
    const told = (await revisionInDatabase()) + 7;
    store.noteRevision(told);
    expect(await store.revision()).toBe(told);
    expect(queries).toBe(before);
  });

  it('asks the database while its listener is down, and listens again after reconnecting', async () => {
    const listener = store.listening();
    await scratch.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'satupintu-calendar-listener' AND datname = current_database()`);
    await eventually(async () => store.listening() !== listener, (replaced) => replaced, 'the store noticed its listener is gone');
    await change(new CalendarRepository(scratch.db));
    expect(await store.revision()).toBe(await revisionInDatabase());

    await store.listening();
    const before = queries;
    await change(new CalendarRepository(scratch.db));
    const now = await revisionInDatabase();
    await eventually(() => store.revision(), (r) => r === now, `the reconnected store knows revision ${now}`);
    expect(queries).toBe(before);
  });
});
