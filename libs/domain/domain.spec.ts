import { FINAL_STATUSES, stepWeight, holdsPosition, isFinalStatus, isOverdue, mayDecide, maySee, missingOfficeScope, MINUTES_PER_BUSINESS_DAY, overdueSql, TERRITORIAL_AGENCIES } from './index';
import { MINUTES_PER_BUSINESS_DAY as CALENDAR_DAY, JAKARTA_UTC_OFFSET_MINUTES } from '../calendar';

describe('who may decide a task', () => {
  const kelurahanTask = { agency: 'KELURAHAN', officeId: 'kel-31.74.01.1001' };
  const regencyTask = { agency: 'BUPATI', officeId: 'kab-31.01' };
  const sectoralTask = { agency: 'DCKTRP', officeId: 'prov-31' };

  it('takes the territorial agencies from the seeded agency list, the regency of Kepulauan Seribu included', () => {
    expect([...TERRITORIAL_AGENCIES].sort()).toEqual(['BUPATI', 'KECAMATAN', 'KELURAHAN', 'WALIKOTA']);
  });

  it('lets a territorial approver decide only in its own office', () => {
    expect(mayDecide({ role: 'approver', agency: 'KELURAHAN', office: 'kel-31.74.01.1001' }, kelurahanTask)).toBe(true);
    expect(mayDecide({ role: 'approver', agency: 'KELURAHAN', office: 'kel-31.74.01.1002' }, kelurahanTask)).toBe(false);
    expect(mayDecide({ role: 'approver', agency: 'KELURAHAN' }, kelurahanTask)).toBe(false);
    expect(mayDecide({ role: 'approver', agency: 'BUPATI' }, regencyTask)).toBe(false);
  });

  it('lets a sectoral approver decide for any office unless its token names one', () => {
    expect(mayDecide({ role: 'approver', agency: 'DCKTRP' }, sectoralTask)).toBe(true);
    expect(mayDecide({ role: 'approver', agency: 'DCKTRP', office: 'kota-31.74' }, sectoralTask)).toBe(false);
    expect(mayDecide({ role: 'approver', agency: 'DINKES' }, sectoralTask)).toBe(false);
    expect(mayDecide({ role: 'admin', agency: 'DCKTRP' }, sectoralTask)).toBe(false);
  });

  it('shows an approver the applications its agency (and office, when named) has a task in', () => {
    expect(maySee({ role: 'approver', agency: 'KELURAHAN' }, kelurahanTask)).toBe(true);
    expect(maySee({ role: 'approver', agency: 'KELURAHAN', office: 'kel-31.74.01.1002' }, kelurahanTask)).toBe(false);
    expect(maySee({ role: 'approver', agency: 'DINKES' }, sectoralTask)).toBe(false);
  });
});

describe('office scope and position', () => {
  it('refuses a territorial approver without its office, and nobody else', () => {
    expect(missingOfficeScope({ role: 'approver', agency: 'KELURAHAN' })).toMatch(/KELURAHAN must name its office/);
    expect(missingOfficeScope({ role: 'approver', agency: 'WALIKOTA' })).toMatch(/must name its office/);
    expect(missingOfficeScope({ role: 'approver', agency: 'KELURAHAN', office: 'kel-31.74.01.1001' })).toBeUndefined();
    expect(missingOfficeScope({ role: 'approver', agency: 'DINKES' })).toBeUndefined();
    expect(missingOfficeScope({ role: 'admin' })).toBeUndefined();
  });

  it("lets only a head sign a head's step, and an officer or a head an officer's step", () => {
    const lurah = { role: 'approver', agency: 'KELURAHAN', office: 'kel-31.74.01.1001', position: 'head' as const };
    const officer = { ...lurah, position: 'officer' as const };
    const unnamed = { role: 'approver', agency: 'KELURAHAN', office: 'kel-31.74.01.1001' };
    expect(holdsPosition(lurah, { role: 'head' })).toBe(true);
    expect(holdsPosition(officer, { role: 'head' })).toBe(false);
    expect(holdsPosition(unnamed, { role: 'head' })).toBe(false);
    expect(holdsPosition(officer, { role: 'officer' })).toBe(true);
    expect(holdsPosition(lurah, { role: 'officer' })).toBe(true);
  });
});

describe('overdue', () => {
  const now = Date.parse('2026-06-10T09:00:00Z');
  it('is the engine mark, or an open task past its due time', () => {
    expect(isOverdue({ status: 'open', dueAt: '2026-06-10T08:59:00Z', overdue: false }, now)).toBe(true);
    expect(isOverdue({ status: 'open', dueAt: '2026-06-10T09:01:00Z', overdue: false }, now)).toBe(false);
    expect(isOverdue({ status: 'approved', dueAt: '2026-06-10T08:00:00Z', overdue: false }, now)).toBe(false);
    expect(isOverdue({ status: 'approved', dueAt: '2026-06-10T08:00:00Z', overdue: true }, now)).toBe(true);
    expect(isOverdue({ status: 'open', dueAt: null, overdue: false }, now)).toBe(false);
  });

  it('reads the same in SQL', () => {
    expect(overdueSql('t')).toBe("(t.overdue OR (t.status = 'open' AND coalesce(t.due_at < now(), false)))");
  });
});

describe('statuses and time', () => {
  it('ends an application on issued, rejected, withdrawn or lapsed', () => {
    expect(FINAL_STATUSES).toEqual(['issued', 'rejected', 'withdrawn', 'lapsed']);
    expect(isFinalStatus('awaiting_applicant')).toBe(false);
  });

  it('is the calendar’s working day and Jakarta’s offset', () => {
    expect([MINUTES_PER_BUSINESS_DAY, CALENDAR_DAY, JAKARTA_UTC_OFFSET_MINUTES]).toEqual([450, 450, 420]);
  });
});

describe('step weights', () => {
  it('grow with the effort and with the deadline, to the half point', () => {
    // A one-day kelurahan check weighs 1 (1 × 1.2), a lurah's signature the same; a week's technical
    // assessment 6 (3 × 2); a 14-day expert consultation 11.5 (3 × 3.8 = 11.4).
    expect(stepWeight(MINUTES_PER_BUSINESS_DAY, 'check')).toBe(1);
    expect(stepWeight(MINUTES_PER_BUSINESS_DAY, 'sign')).toBe(1);
    expect(stepWeight(5 * MINUTES_PER_BUSINESS_DAY, 'technical')).toBe(6);
    expect(stepWeight(14 * MINUTES_PER_BUSINESS_DAY, 'technical')).toBe(11.5);
    expect(stepWeight(2 * MINUTES_PER_BUSINESS_DAY, 'review')).toBe(3);
    // Three hours of checking weighs what a day does: 1.08 rounds to 1.
    expect(stepWeight(180, 'check')).toBe(1);
  });
});
