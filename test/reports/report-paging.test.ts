// Story: management pages through the points ranking while officers keep deciding, and opens a report
// without naming a period. The read model is the fixed June of test/reports/fixture.ts.
import { jakartaMonthOf } from '../../apps/api/src/reports/shared/month-split';
import { loadJuneFixture, wib } from './fixture';
import { reportsSuite } from './support';

const JUNE = 'from=2026-06-01&to=2026-06-30';
type Item = { key: string; points: number };

describe('Report paging and default periods', () => {
  const june = reportsSuite('reports_paging', loadJuneFixture);

  const page = async (query: string) => {
    const res = await june.api.http('GET', `/v1/reports/points?${query}`, { token: june.admin });
    expect(res.status).toBe(200);
    return res.body as { items: Item[]; nextCursor: string | null };
  };

  describe('the points ranking, a keyset cursor at a time', () => {
    it('walks one officer a page through the whole ranking, ties (o1 and o4, 2 points each) in key order', async () => {
      const whole = await page(`by=officer&${JUNE}`);
      const walked: Item[] = [];
      let cursor: string | null = null;
      do {
        const next: { items: Item[]; nextCursor: string | null } = await page(`by=officer&${JUNE}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        walked.push(...next.items);
        cursor = next.nextCursor;
      } while (cursor !== null);
      expect(walked.map((r) => r.key)).toEqual(['o1', 'o4', 'o2', 'o3']);
      expect(walked).toEqual(whole.items);
    });

    it('neither repeats nor skips a row when an officer climbs above the page already read', async () => {
      const first = await page(`by=officer&${JUNE}&limit=2`);
      expect(first.items.map((r) => r.key)).toEqual(['o1', 'o4']);
      // A new officer decides five steps on time: 5 points, now first of the ranking. The next page
      // still starts after o4, where the reader stopped (an OFFSET of 2 would have shown o4 again).
      for (let i = 1; i <= 5; i++) {
        await june.scratch.db.query(
          `INSERT INTO points (task_id, application_id, officer, agency, office_id, permit_type, step_id, weight, deadline_minutes, late_minutes, points, awarded_at)
           VALUES ($1, 'HSLF', 'o9', 'DCKTRP', 'kota-31.74', 'SLF', 'step', 1, 900, 0, 1, $2)`,
          [`PAGING-${i}`, wib(`2026-06-2${i} 10:00`)],
        );
      }
      try {
        const second = await page(`by=officer&${JUNE}&limit=2&cursor=${first.nextCursor}`);
        expect(second.items.map((r) => r.key)).toEqual(['o2', 'o3']);
        expect(second.nextCursor).toBeNull();
        expect((await page(`by=officer&${JUNE}&limit=1`)).items).toEqual([expect.objectContaining({ key: 'o9', points: 5 })]);
      } finally {
        await june.scratch.db.query(`DELETE FROM points WHERE task_id LIKE 'PAGING-%'`);
      }
    });

    it('refuses a cursor made for another grouping, or one it never gave', async () => {
      const first = await page(`by=officer&${JUNE}&limit=1`);
      for (const query of [`by=agency&${JUNE}&cursor=${first.nextCursor}`, `by=officer&${JUNE}&cursor=bm90LWEtY3Vyc29y`]) {
        const res = await june.api.http('GET', `/v1/reports/points?${query}`, { token: june.admin });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ type: 'https://satupintu.jakarta.go.id/problems/validation', errors: [expect.objectContaining({ field: 'cursor' })] });
      }
    });
  });

  describe('a report opened without a period', () => {
    it.each(['/v1/reports/sla/agencies', '/v1/reports/sla/offices', '/v1/reports/points?by=agency', '/v1/reports/offices/merge-candidates', '/v1/reports/offices/kel-31.74.01.1001/load', '/v1/reports/complaints'])(
      '%s covers the current month in Asia/Jakarta',
      async (path) => {
        const before = jakartaMonthOf(new Date());
        const res = await june.api.http('GET', path, { token: june.admin });
        const after = jakartaMonthOf(new Date());
        expect(res.status).toBe(200);
        // The request may straddle a month's first instant: then either month is right.
        expect([before, after].map((m) => [m.from.toISOString(), m.to.toISOString()])).toContainEqual([res.body.from, res.body.to]);
      },
    );

    it('still refuses one bound without the other', async () => {
      const res = await june.api.http('GET', '/v1/reports/sla/agencies?to=2026-06-30', { token: june.admin });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
    });
  });
});
