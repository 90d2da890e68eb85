import type { Principal } from '../../../../../libs/auth/token';
import { ForbiddenError, UnprocessableError, ValidationError } from '../../common/errors';
import type { KecamatanScorecardRepository } from './kecamatan-scorecard.repository';
import { KecamatanScorecardService, monthRange } from './kecamatan-scorecard.service';

describe(KecamatanScorecardService.name, () => {
  const offices = [
    { id: 'kec-31.74.01', name: 'PTSP Kecamatan Tebet', type: 'kecamatan', parent_id: 'city-31.74' },
    { id: 'kel-31.74.01.1001', name: 'PTSP Kelurahan Tebet Timur', type: 'kelurahan', parent_id: 'kec-31.74.01' },
    { id: 'kel-31.74.01.1002', name: 'PTSP Kelurahan Tebet Barat', type: 'kelurahan', parent_id: 'kec-31.74.01' },
  ];
  const repository = {
    office: async (id: string) => (id === 'kel-31.74.01.1001' ? offices[1] : id === 'kec-31.74.01' ? offices[0] : undefined),
    offices: async () => offices,
    complaints: async () => [
      { office: 'kec-31.74.01', received: 2, answered: 2, answered_on_time: 1, illegal_fee: 0 },
      { office: 'kel-31.74.01.1001', received: 1, answered: 0, answered_on_time: 0, illegal_fee: 1 },
    ],
    openOverdue: async () => [{ office: 'kel-31.74.01.1001', n: 1 }],
    steps: async () => [{ office: 'kel-31.74.01.1002', decided: 4, on_time: 3 }],
  } as unknown as KecamatanScorecardRepository;
  const sut = new KecamatanScorecardService(repository);
  const admin: Principal = { sub: 'a', role: 'admin' };

  it('puts the camat office first and each kelurahan beside it, with rates and the total', async () => {
    const card = await sut.scorecard(admin, { kecamatan: 'kec-31.74.01', month: '2026-11' });
    expect(card.offices.map((o) => [o.office, o.complaintsReceived, o.answeredOnTimeRate, o.openOverdue, o.illegalFeeReports, o.stepsOnTimeRate])).toEqual([
      ['kec-31.74.01', 2, 0.5, 0, 0, null],
      ['kel-31.74.01.1001', 1, 0, 1, 1, null],
      ['kel-31.74.01.1002', 0, null, 0, 0, 0.75],
    ]);
    expect(card.total).toEqual({ complaintsReceived: 3, answeredOnTime: 1, answeredOnTimeRate: 0.333, openOverdue: 1, illegalFeeReports: 1, stepsDecided: 4, stepsOnTime: 3, stepsOnTimeRate: 0.75 });
  });

  it('lets an approver read the kecamatan of their own office only', async () => {
    const lurah: Principal = { sub: 'l', role: 'approver', agency: 'KELURAHAN', office: 'kel-31.74.01.1002' };
    await expect(sut.scorecard(lurah, { kecamatan: 'kec-31.74.01' })).resolves.toMatchObject({ kecamatan: 'kec-31.74.01' });
    await expect(sut.scorecard({ ...lurah, office: 'kel-31.71.01.1001' }, { kecamatan: 'kec-31.74.01' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses an office that is not a kecamatan, and a month that is not YYYY-MM', async () => {
    await expect(sut.scorecard(admin, { kecamatan: 'kel-31.74.01.1001' })).rejects.toBeInstanceOf(UnprocessableError);
    await expect(sut.scorecard(admin, { kecamatan: 'kec-31.74.01', month: '2026-13' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('reads a month in Jakarta time', () => {
    expect(monthRange('2026-12')).toEqual({ month: '2026-12', from: new Date('2026-11-30T17:00:00Z'), to: new Date('2026-12-31T17:00:00Z') });
    expect(monthRange(undefined, Date.parse('2026-11-30T18:00:00Z')).month).toBe('2026-12');
  });
});
