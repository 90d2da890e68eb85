import { rungColumns, worstFirst } from './ranking';

describe('worstFirst', () => {
  const row = (key: string, onTimeRate: number | null, breaches: number, openOverdue: number) => ({ key, onTimeRate, breaches, openOverdue });

  it('puts overdue work with nothing closed first, the lowest rate next, and idle rows last', () => {
    const sut = worstFirst([row('IDLE', null, 0, 0), row('GOOD', 0.9, 1, 0), row('LATE', null, 0, 2), row('BAD', 0.2, 4, 0)], (r) => r.breaches, (r) => r.key);
    expect(sut.map((r) => r.key)).toEqual(['LATE', 'BAD', 'GOOD', 'IDLE']);
  });

  it('breaks ties on more breaches, then more open overdue, then the code', () => {
    const sut = worstFirst([row('B', 0.5, 1, 0), row('C', 0.5, 2, 0), row('A', 0.5, 1, 0), row('D', 0.5, 1, 3)], (r) => r.breaches, (r) => r.key);
    expect(sut.map((r) => r.key)).toEqual(['C', 'D', 'A', 'B']);
  });
});

describe('rungColumns', () => {
  it('orders the rungs as the ladder climbs, unknown rungs after them by name', () => {
    expect(rungColumns([{ escalationsByRung: { governor: 1, zeta: 1, reminder: 2 } }, { escalationsByRung: { alpha: 1, section_head: 1 } }])).toEqual([
      'reminder',
      'section_head',
      'governor',
      'alpha',
      'zeta',
    ]);
  });
});
