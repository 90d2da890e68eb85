// Story: the lurah of Tebet Timur signs in on her phone and opens the kecamatan scorecard. It opens on
// her own kecamatan (Tebet) for this month: the camat's office and each kelurahan side by side, with the
// complaints received, answered on time, open and overdue, illegal-fee reports and the permit steps'
// timeliness, and the kecamatan's total. The complainants' contact details and descriptions appear
// nowhere, in the page or in what it loads. A lurah of another kecamatan who asks for Tebet is told why not.
import type { Browser, Page } from 'playwright-core';
import { launchScreenshotBrowser } from '../support/browser';
import { ReportsApi, ScratchDatabase, scratchDatabase, startApi } from '../reports/support';
import { seriousViolations } from './axe';

const PHONE = { width: 390, height: 844 };
const KELURAHAN = 'kel-31.74.01.1001';
const KECAMATAN = 'kec-31.74.01';
const SECRET_PHONE = '081298765432';
const SECRET_TEXT = 'Diminta uang oleh petugas bernama Budi';

describe('the kecamatan scorecard, in a real browser', () => {
  let scratch: ScratchDatabase;
  let api: ReportsApi;
  let browser: Browser;

  beforeAll(async () => {
    scratch = await scratchDatabase('scorecard_browser');
    // The read model as the complaint workflows leave it: two complaints about the kelurahan (one an
    // illegal fee, open and overdue; one answered late), one about the camat's office answered in time.
    const complaint = (id: string, office: string, category: string, status: string, onTime: boolean | null, overdue: boolean) =>
      scratch.db.query(
        `INSERT INTO complaint (id, tracking_code, request_hash, channel, office_id, category, description, contact, status, responsible_office_id, answered_on_time, overdue, first_answered_at)
         VALUES ($1, $2, 'h', 'web', $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $9::boolean IS NULL THEN NULL ELSE now() END)`,
        [id, `ADU-${id}-0000`, office, category, SECRET_TEXT, JSON.stringify({ phone: SECRET_PHONE }), status, KECAMATAN, onTime, overdue],
      );
    await complaint('AAAA', KELURAHAN, 'illegal_fee', 'assigned', null, true);
    await complaint('BBBB', KELURAHAN, 'slow_service', 'closed', false, true);
    await complaint('CCCC', KECAMATAN, 'rude_staff', 'answered', true, false);
    await scratch.db.query(
      `INSERT INTO application (id, tracking_code, permit_type, definition_version, status, submitted_by, receiving_office_id, kelurahan_code, submitted_at, applicant, view, revision)
       VALUES ('APPCARD', 'CARD-CARD-CARD', 'SKDU', 1, 'issued', 'i', $1, '31.74.01.1001', now(), '{}', '{}', 1)`,
      [KELURAHAN],
    );
    for (const [n, breached] of [[1, false], [2, true]] as const) {
      await scratch.db.query(
        `INSERT INTO task (id, application_id, step_id, step_name, attempt, agency, office_id, role, status, assigned_at, decided_at, deadline_minutes, revision, breached)
         VALUES ($1, 'APPCARD', 'verification', 'Verifikasi', $2, 'KELURAHAN', $3, 'officer', 'approved', now(), now(), 450, 1, $4)`,
        [`APPCARD.verification.${n}`, n, KELURAHAN, breached],
      );
    }
    api = await startApi(scratch.url);
    browser = await launchScreenshotBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await scratch?.drop();
  });

  async function signIn(office: string): Promise<{ page: Page; bodies: string[] }> {
    const page = await (await browser.newContext({ viewport: PHONE, locale: 'id-ID' })).newPage();
    const bodies: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/v1/')) void r.text().then((t) => bodies.push(t), () => undefined);
    });
    await page.goto(`${api.baseUrl}/masuk`);
    await page.getByLabel('Peran').selectOption('approver');
    await page.getByLabel('Instansi').selectOption('KELURAHAN');
    await page.getByLabel('Kantor').selectOption(office);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL((u) => u.pathname !== '/masuk');
    return { page, bodies };
  }

  const row = (page: Page, office: string) => page.locator(`tr[data-office="${office}"]`).evaluate((tr: any) => [...tr.children].map((c: any) => c.textContent.trim()));

  it("shows the lurah her kecamatan's offices side by side, with the total, and no personal data", async () => {
    const { page, bodies } = await signIn(KELURAHAN);
    await page.getByRole('link', { name: 'Rapor kecamatan' }).click();
    await page.locator('tr[data-office="total"]').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Rapor kecamatan: PTSP Kecamatan Tebet');
    // Office, received, answered on time, open & overdue, illegal fees, steps decided, steps on time.
    expect(await row(page, KECAMATAN)).toEqual(['PTSP Kecamatan Tebet', '1', '1 (100%)', '0', '0', '0', '0 (–)']);
    expect(await row(page, KELURAHAN)).toEqual(['PTSP Kelurahan Tebet Timur', '2', '0 (0%)', '1', '1', '2', '1 (50%)']);
    expect(await row(page, 'total')).toEqual(['Jumlah kecamatan', '3', '1 (33%)', '1', '1', '2', '1 (50%)']);
    const names = await page.locator('tr[data-office]').evaluateAll((trs: any[]) => trs.map((tr) => tr.dataset.office));
    expect(names[0]).toBe(KECAMATAN);
    expect(names.length).toBeGreaterThan(3);
    const html = await page.content();
    for (const text of [html, ...bodies]) {
      expect(text).not.toContain(SECRET_PHONE);
      expect(text).not.toContain(SECRET_TEXT);
    }
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('tells a lurah of another kecamatan that she reads only her own', async () => {
    const { page } = await signIn('kel-31.71.01.1001');
    await page.goto(`${api.baseUrl}/skor-kecamatan?kecamatan=${KECAMATAN}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('hanya membaca kecamatan kantornya sendiri');
    expect(await page.locator('tr[data-office]').count()).toBe(0);
  });
});
