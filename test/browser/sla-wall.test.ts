// Story: the governor's office puts the SLA wall on a screen. On a read model seeded with open and
// overdue steps (test/reports/wall-fixture.ts, a database of its own so no other suite moves the
// figures), the admin signs in and opens /sla: every permit type's diagram carries, on each step, the
// open and overdue counts and a heat colour; a click on a step opens the inbox filtered to it. The league
// tables and the weekly chart follow the chosen period; the wall refreshes itself every 30 seconds and
// has a full-screen layout. An officer gets a page saying who may see it. The admin's catalogue shows
// the versions of a permit type with the applications running on each.
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { loadWallFixture, WALL_COUNTS } from '../reports/wall-fixture';
import { SCREENSHOTS } from '../support/browser';
import { seriousViolations } from './axe';
import { consoleOnScratch, PHONE, SignInAs, Viewport } from './console';

const DESKTOP = { width: 1600, height: 1000 };
/** The versions new applications get: the wall opens on them. */
const LATEST: Record<string, number> = { SKDU: 2, PBG: 1 };

describe('the SLA wall, in a real browser', () => {
  const suite = consoleOnScratch('sla_wall_browser', loadWallFixture);

  /** Signed in with Playwright's clock installed: the 30-second refresh is run on demand, not waited for. */
  const signIn = async (viewport: Viewport, as: SignInAs): Promise<Page> => (await suite.ui.signIn(as, { viewport, clock: true })).page;

  const wallReady = async (page: Page) => {
    for (const code of Object.keys(LATEST)) await page.locator(`section[data-permit-type="${code}"] .diagram-canvas[data-state="shown"] .step-counts`).first().waitFor();
  };

  /** The badge of a step, the diagram element bpmn-js attached it to, and that element's heat marker. */
  const stepOnDiagram = (page: Page, code: string, stepId: string) =>
    // Runs in the page (the test's tsconfig has no DOM types).
    page.locator(`section[data-permit-type="${code}"] a.step-counts[data-step="${stepId}"]`).evaluate((badge: any) => {
      const elementId: string | null = badge.closest('.djs-overlays')?.getAttribute('data-container-id') ?? null;
      const shape = elementId ? badge.closest('section').querySelector(`g.djs-element[data-element-id="${elementId}"]`) : null;
      return {
        open: Number(badge.dataset.open),
        overdue: Number(badge.dataset.overdue),
        text: badge.querySelector('.count-none') ? badge.querySelector('.count-none').textContent : `${badge.querySelector('.count-open').textContent}/${badge.querySelector('.count-overdue').textContent}`,
        elementId,
        marker: (shape?.getAttribute('class')?.match(/heat-\w+/)?.[0] as string | undefined) ?? null,
      };
    });

  it('puts the open and overdue counts of every step on the right diagram element, coloured by the overdue share', async () => {
    const page = await signIn(DESKTOP, { role: 'admin' });
    expect(new URL(page.url()).pathname).toBe('/sla');
    await wallReady(page);
    const heat = (open: number, overdue: number) => (open === 0 ? 'heat-none' : overdue === 0 ? 'heat-calm' : overdue / open < 0.25 ? 'heat-warm' : overdue / open < 0.5 ? 'heat-hot' : 'heat-burning');
    for (const c of WALL_COUNTS.filter((w) => LATEST[w.permitType] === w.version)) {
      expect(await stepOnDiagram(page, c.permitType, c.stepId)).toEqual({ open: c.open, overdue: c.overdue, text: `${c.open}/${c.overdue}`, elementId: c.stepId, marker: heat(c.open, c.overdue) });
    }
    // A step with nothing open shows zeros and no heat.
    expect(await stepOnDiagram(page, 'PBG', 'province_approval')).toMatchObject({ open: 0, overdue: 0, text: '0', marker: 'heat-none' });
    // Every permit type of the catalogue is on the wall with its diagram.
    const types = (await suite.api.http('GET', '/v1/permit-types')).body.items as Array<{ code: string }>;
    for (const t of types) await page.locator(`section[data-permit-type="${t.code}"] .diagram-canvas[data-state="shown"]`).waitFor();
    // Older versions still running are one click away: SKDU version 1 has its own overdue signature.
    await page.locator('section[data-permit-type="SKDU"]').getByRole('button', { name: /versi 1/ }).click();
    await page.locator('section[data-permit-type="SKDU"] a.step-counts[data-step="lurah_signature"][data-open="1"]').waitFor();
    expect(await stepOnDiagram(page, 'SKDU', 'lurah_signature')).toMatchObject({ open: 1, overdue: 1, marker: 'heat-burning' });
    await page.locator('section[data-permit-type="SKDU"]').getByRole('button', { name: /versi 2/ }).click();
    await page.locator('section[data-permit-type="SKDU"] a.step-counts[data-step="site_visit"]').waitFor();
    // Most overdue first: SKDU (5 overdue), then PBG (1), then the quiet ones.
    const order = await page.locator('section[data-permit-type]').evaluateAll((els: any[]) => els.map((e) => e.getAttribute('data-permit-type')));
    expect(order.slice(0, 2)).toEqual(['SKDU', 'PBG']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sla-top-desktop.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sla-desktop.png'), fullPage: true });
  });

  it('opens the inbox filtered to a step, from its badge or from the step itself', async () => {
    const page = await signIn(DESKTOP, { role: 'admin' });
    await wallReady(page);
    await page.locator('section[data-permit-type="SKDU"] a.step-counts[data-step="lurah_signature"]').click();
    await page.waitForURL((u) => u.pathname === '/kotak-masuk');
    expect(page.url()).toBe(`${suite.api.baseUrl}/kotak-masuk?queue=open&permitType=SKDU&step=lurah_signature`);
    await page.goBack();
    await wallReady(page);
    // On the step itself, away from its badge (top right), as a person would click the shape.
    const shape = page.locator('section[data-permit-type="PBG"] g.djs-element[data-element-id="city_approval"] > .djs-hit');
    const box = (await shape.boundingBox())!;
    await shape.click({ position: { x: box.width * 0.25, y: box.height * 0.55 } });
    await page.waitForURL((u) => u.pathname === '/kotak-masuk');
    expect(page.url()).toBe(`${suite.api.baseUrl}/kotak-masuk?queue=open&permitType=PBG&step=city_approval`);
  });

  it('shows the league tables and the weekly on-time rate of the chosen period', async () => {
    const page = await signIn(DESKTOP, { role: 'admin' });
    await wallReady(page);
    await page.getByRole('heading', { level: 2, name: 'Peringkat instansi' }).waitFor();
    await page.getByLabel('Dari').fill('2026-06-01');
    await page.getByLabel('Sampai').fill('2026-06-30');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    // June 2026: five weeks, four of them with a decision (the fixture's hand-worked figures).
    await page.locator('svg.chart circle').nth(3).waitFor();
    expect(await page.locator('svg.chart circle').count()).toBe(4);
    expect(await page.locator('svg.chart desc').textContent()).toContain('66.7 %');
    const agencies = page.getByRole('table').first();
    expect(await agencies.getByRole('row').filter({ hasText: 'Dinas Cipta Karya' }).count()).toBe(1);
    // The chart for one agency: DCKTRP decided in the last two weeks only.
    await page.getByLabel('Grafik untuk').selectOption('agency:DCKTRP');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('svg.chart circle').length === 2);
  });

  it('refreshes itself every 30 seconds, and says when it last did', async () => {
    const page = await signIn(DESKTOP, { role: 'admin' });
    await wallReady(page);
    const before = await page.locator('.refreshed').getAttribute('data-at');
    await suite.scratch.db.query(
      `INSERT INTO task (id, application_id, step_id, step_name, attempt, agency, office_id, role, status, assigned_at, due_at, overdue, deadline_minutes, revision, permit_type, receiving_office_id, definition_version)
       VALUES ('WALL-NEW', 'WALL-A2', 'site_visit', 'site_visit', 1, 'KELURAHAN', 'kel-31.74.04.1003', 'officer', 'open', now(), now() - interval '1 hour', false, 450, 1, 'SKDU', 'kel-31.74.04.1003', 2)`,
    );
    try {
      await page.clock.fastForward(30_000);
      await page.locator('section[data-permit-type="SKDU"] a.step-counts[data-step="site_visit"][data-open="2"][data-overdue="1"]').waitFor();
      expect(await page.locator('.refreshed').getAttribute('data-at')).not.toBe(before);
      expect(await page.locator('.refreshed').textContent()).toMatch(/^Diperbarui \d{2}[.:]\d{2}[.:]\d{2} WIB/);
    } finally {
      await suite.scratch.db.query(`DELETE FROM task WHERE id = 'WALL-NEW'`);
    }
  });

  it('has a full-screen layout for a wall screen, and works at phone width', async () => {
    const page = await signIn(DESKTOP, { role: 'admin' });
    await wallReady(page);
    await page.getByRole('button', { name: 'Layar penuh' }).click();
    await page.waitForURL((u) => u.search === '?layar=penuh');
    expect(await page.locator('header.top').count()).toBe(0);
    await wallReady(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sla-layar-penuh-desktop.png') });
    await page.getByRole('button', { name: 'Keluar dari layar penuh' }).click();
    await page.locator('header.top').waitFor();

    const phone = await signIn(PHONE, { role: 'approver', agency: 'KELURAHAN', position: 'head', office: 'kel-31.74.04.1003' });
    await phone.goto(`${suite.api.baseUrl}/sla`);
    await wallReady(phone);
    // Keyboard: the badges are links in the tab order.
    await phone.locator('section[data-permit-type="SKDU"] a.step-counts[data-step="kelurahan_verification"]').focus();
    await phone.keyboard.press('Enter');
    await phone.waitForURL((u) => u.pathname === '/kotak-masuk');
    expect(new URL(phone.url()).searchParams.get('step')).toBe('kelurahan_verification');
    await phone.goBack();
    await wallReady(phone);
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'sla-phone.png'), fullPage: true });
  });

  it('tells an officer who may see the wall', async () => {
    const page = await signIn(PHONE, { role: 'approver', agency: 'KELURAHAN', position: 'officer', office: 'kel-31.74.04.1003' });
    await page.goto(`${suite.api.baseUrl}/sla`);
    await page.getByRole('heading', { level: 1, name: 'Papan SLA hanya untuk admin dan kepala instansi/kantor' }).waitFor();
    expect(await page.locator('.step-counts').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sla-ditolak-phone.png'), fullPage: true });
  });

  it("shows an admin the versions of a permit type with the applications running on each, in the catalogue", async () => {
    const page = await signIn(DESKTOP, { role: 'admin' });
    await page.goto(`${suite.api.baseUrl}/layanan/SKDU`);
    await page.getByRole('heading', { level: 2, name: 'Versi (admin)' }).waitFor();
    const row = (v: number) => page.locator(`table.versions tr[data-version="${v}"]`).innerText();
    expect((await row(2)).split('\t').map((c) => c.trim())).toEqual(['2 (terbaru)', '2', '1', '3']);
    expect((await row(1)).split('\t').map((c) => c.trim())).toEqual(['1', '1', '0', '1']);
    await page.locator('.diagram-canvas[data-state="shown"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'layanan-admin-desktop.png'), fullPage: true });
    // Citizens see no versions panel.
    const citizen = await suite.ui.newPage(PHONE);
    await citizen.goto(`${suite.api.baseUrl}/layanan/SKDU`);
    await citizen.locator('.diagram-canvas[data-state="shown"]').waitFor();
    expect(await citizen.getByRole('heading', { name: 'Versi (admin)' }).count()).toBe(0);
  });
});
