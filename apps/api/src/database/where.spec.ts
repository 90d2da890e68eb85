import { Client } from 'pg';
import { Where } from './where';

describe(Where.name, () => {
  it('numbers the placeholders of every condition in the order they were added', () => {
    const sut = new Where().and('a = ?', 1).and('(b, id) > (?::timestamptz, ?)', '2025-01-01T00:00:00Z', 'x');

    expect(sut.toSql()).toBe('WHERE (a = $1) AND ((b, id) > ($2::timestamptz, $3))');
    expect(sut.params).toEqual([1, '2025-01-01T00:00:00Z', 'x']);
  });

  it('leaves out an optional filter that was not given, without a gap in the numbering', () => {
    const sut = new Where().andIf(undefined, 'status = ?').andIf('SKDU', 'permit_type = ?');

    expect(sut.toSql()).toBe('WHERE permit_type = $1');
    expect(sut.params).toEqual(['SKDU']);
  });

  it('keeps a condition without values as it is, and numbers a LIMIT after the conditions', () => {
    const sut = new Where().and('t.overdue').and('t.agency = ?', 'DINKES');

    expect(`${sut.toSql()} LIMIT ${sut.param(51)}`).toBe('WHERE (t.overdue) AND (t.agency = $1) LIMIT $2');
    expect(sut.params).toEqual(['DINKES', 51]);
  });

  it('writes nothing when there is no condition', () => {
    expect(new Where().toSql()).toBe('');
  });

  it('refuses a condition whose placeholders and values do not match', () => {
    expect(() => new Where().and('a = ? AND b = ?', 1)).toThrow(/2 placeholder\(s\) for 1 value/);
  });

  it('keeps ORs of a condition inside it when joined with AND (PostgreSQL agrees)', async () => {
    const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    try {
      const sut = new Where().and('x = ? OR x = ?', 1, 2).and('x <> ?', 2);
      const rows = (await db.query<{ x: number }>(`SELECT x FROM (VALUES (1), (2), (3)) v(x) ${sut.toSql()} ORDER BY x`, sut.params)).rows;
      expect(rows.map((r) => r.x)).toEqual([1]);
    } finally {
      await db.end();
    }
  });
});
