import { touchedBy } from './ladder';
import type { TaskState } from './state';

// Times are instants; 2026-12-01 starts at 2026-11-30T17:00Z in Jakarta (UTC+7).
const task = (over: Partial<TaskState>): TaskState =>
  ({
    id: 'A.step.1',
    stepId: 'step',
    stepName: 'Step',
    agency: 'KELURAHAN',
    officeId: 'kel-31.75.01.1002',
    role: 'officer',
    attempt: 1,
    status: 'open',
    assignedAt: '2026-11-30T03:00:00.000Z',
    dueAt: '2026-12-01T03:00:00.000Z',
    overdue: false,
    businessMinutesUsed: 0,
    deadlineMinutes: 450,
    escalations: [],
    runningSince: Date.parse('2026-11-30T03:00:00.000Z'),
    pending: [],
    carriedRungs: [],
    ...over,
  }) as TaskState;

describe('which open steps a change of the calendar moves (touchedBy)', () => {
  const flood = { officeId: 'kel-31.75.01.1002', from: '2026-12-01' };

  it("moves the office's open steps due on or after the changed day, in Jakarta's days", () => {
    expect(touchedBy(task({}), flood)).toBe(true);
    // 23:30 WIB on 30 Nov is still the day before.
    expect(touchedBy(task({ dueAt: '2026-11-30T16:30:00.000Z' }), flood)).toBe(false);
    expect(touchedBy(task({ dueAt: '2026-11-30T17:00:00.000Z' }), flood)).toBe(true);
  });

  it('moves a step due before the day when one of its pending rungs falls on or after it', () => {
    expect(touchedBy(task({ dueAt: '2026-11-30T08:00:00.000Z', pending: [{ key: 'late#1', rungIndex: 0, offset: 2700, at: Date.parse('2026-12-07T08:00:00.000Z') }] }), flood)).toBe(true);
  });

  it("leaves other offices' steps, closed steps and steps not planned yet; a province change reaches every office", () => {
    expect(touchedBy(task({ officeId: 'kel-31.75.01.1004' }), flood)).toBe(false);
    expect(touchedBy(task({ status: 'approved' }), flood)).toBe(false);
    expect(touchedBy(task({ dueAt: null }), flood)).toBe(false);
    expect(touchedBy(task({ officeId: 'kel-31.75.01.1004' }), { from: '2026-12-01' })).toBe(true);
  });
});
