import { BusinessCalendar } from '../../../../libs/calendar';
import { inWeeklySchedule, jakartaInstant, jakartaLocal, openingAt, type OutletSession } from './opening';

const wib = (s: string) => new Date(`${s}+07:00`);
const calendar = new BusinessCalendar();
const MALL = { id: 'outlet-mall', type: 'outlet' as const, schedule: { sat: [['10:00', '20:00']], sun: [] } };
const KECAMATAN = { id: 'kec-31.71.01', type: 'kecamatan' as const, schedule: null };
const CFD: OutletSession = { id: 'ses_1', officeId: 'outlet-mall', date: '2026-12-06', opens: '06:00', closes: '11:00', venue: 'Car-free day' };

describe('opening hours', () => {
  it('reads an instant in Jakarta time: date, weekday, minute of the day', () => {
    expect(jakartaLocal(new Date('2026-12-05T23:30:00Z'))).toEqual({ date: '2026-12-06', weekday: 'sun', minute: 6 * 60 + 30 });
    expect(jakartaInstant('2026-12-06', '24:00').toISOString()).toBe('2026-12-06T17:00:00.000Z');
  });

  it('opens an outlet within its weekly schedule, the closing minute excluded', () => {
    expect(inWeeklySchedule(MALL.schedule, wib('2026-12-05T10:00'))).toBe(true);
    expect(inWeeklySchedule(MALL.schedule, wib('2026-12-05T19:59'))).toBe(true);
    expect(inWeeklySchedule(MALL.schedule, wib('2026-12-05T20:00'))).toBe(false);
    expect(inWeeklySchedule(MALL.schedule, wib('2026-12-06T10:00'))).toBe(false);
  });

  it('opens an outlet on a day its schedule keeps it closed when a session runs, and says which', () => {
    expect(openingAt(MALL, [CFD], wib('2026-12-06T07:00'), calendar)).toEqual({ open: true, by: 'session', session: CFD });
    expect(openingAt(MALL, [CFD], wib('2026-12-06T11:00'), calendar)).toEqual({ open: false, by: null, session: null });
    // Another outlet's session opens nothing here.
    expect(openingAt({ ...MALL, id: 'outlet-other' }, [CFD], wib('2026-12-06T07:00'), calendar).open).toBe(false);
    expect(openingAt(MALL, [], wib('2026-12-05T12:00'), calendar)).toEqual({ open: true, by: 'weekly-schedule', session: null });
  });

  it('opens any other office in civil-service working time: not on Sunday, not in the break, not on a holiday', () => {
    expect(openingAt(KECAMATAN, [CFD], wib('2026-12-07T09:00'), calendar)).toMatchObject({ open: true, by: 'office-hours' });
    expect(openingAt(KECAMATAN, [], wib('2026-12-06T09:00'), calendar).open).toBe(false);
    expect(openingAt(KECAMATAN, [], wib('2026-12-25T09:00'), calendar).open).toBe(false);
    expect(openingAt(KECAMATAN, [], wib('2026-12-07T06:00'), calendar).open).toBe(false);
  });
});
