// Story: a citizen who filed a business domicile letter opens the tracking page from the link on the
// receipt, on a phone and on a desktop, in a real Chromium against the real platform. The page says in
// plain Indonesian where the file is, who holds it and until when, and the official fee; it shows no
// NIK, name, phone or email, and neither does any answer the page received. The same citizen browses
// the public catalogue and sees every permit type with its diagram.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startPlatform, Platform } from '../support/platform';
import { eventually } from '../support/time-skipping';
import { seriousViolations } from './axe';
import { insertApplications, insertEscalations, insertTasks, wib } from '../reports/fixture';

const SCREENSHOTS = path.resolve(__dirname, '..', '.screenshots');
const APPLICANT = { nik: '3171014101900003', name: 'Siti Rahayu Lestari', email: 'siti.lestari@example.id', phone: '081234567891' };
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

describe('the citizen pages of the console, in a real browser', () => {
  let p: Platform;
  let browser: Browser;
  let trackingCode: string;
  let types: Array<{ code: string }>;

  beforeAll(async () => {
    p = await startPlatform();
    const launched = await launchBrowser();
    browser = launched.browser;
    process.stderr.write(`[test] Chromium from ${launched.source}\n`);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const integrator = await p.token({ role: 'integrator', sub: 'kiosk-browser' });
    const example = (await p.http('GET', '/v1/permit-types/SKDU')).body.dataSchema.examples[0];
    const filed = await p.http('POST', '/v1/applications', {
      token: integrator,
      body: { permitType: 'SKDU', applicant: APPLICANT, receivingOfficeId: 'outlet-mall-kota-kasablanka', location: { kelurahanCode: '31.71.01.1001', address: 'Jl. Ir. H. Juanda No. 5' }, data: example, documents: [] },
    });
    expect(filed.status).toBe(201);
    trackingCode = filed.body.trackingCode;
    await eventually(
      () => p.http('GET', `/v1/track/${trackingCode}`),
      (r) => r.status === 200 && r.body.currentSteps.length > 0 && r.body.currentSteps.every((s: { dueAt: string | null }) => s.dueAt),
      'the application tracked with its first steps',
    );
    types = (await p.http('GET', '/v1/permit-types')).body.items;
    // October 2018 on the accountability page (a month no other suite writes): the building office missed a deadline, its step reached the governor's rung.
    await insertApplications(p.db, [{ id: 'BROWSERACC1', office: 'kota-31.74', permitType: 'PBG', status: 'in_review', submitted: wib('2018-09-24 08:00') }]);
    await insertTasks(p.db, [
      { id: 'BROWSERACC1.t', app: 'BROWSERACC1', permitType: 'PBG', agency: 'DCKTRP', office: 'kota-31.74', status: 'approved', assigned: wib('2018-09-24 08:00'), due: wib('2018-10-08 16:00'), decided: wib('2018-10-12 16:00'), decidedBy: 'officer-browser', deadline: 450, breached: true },
    ]);
    await insertEscalations(p.db, [{ id: 'BROWSERACC1.e', app: 'BROWSERACC1', task: 'BROWSERACC1.t', agency: 'DCKTRP', office: 'kota-31.74', rung: 'governor', at: wib('2018-10-11 16:00') }]);
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  async function open(url: string, viewport: { width: number; height: number } = VIEWPORTS.desktop): Promise<{ page: Page; answers: string[] }> {
    const context = await browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const answers: string[] = [];
    page.on('response', (r: Response) => {
      answers.push(r.url());
      void r.text().then((t) => answers.push(t), () => undefined);
    });
    await page.goto(p.baseUrl + url);
    return { page, answers };
  }

  it('tells where the file is, who holds it and until when, in Jakarta time, with the official fee', async () => {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const { page } = await open(`/lacak/${trackingCode}`, viewport);
      await page.getByRole('heading', { level: 2, name: 'Permohonan Anda sedang diperiksa' }).waitFor();
      const steps = page.locator('ul.steps > li');
      expect(await steps.count()).toBeGreaterThanOrEqual(1);
      const first = await steps.first().innerText();
      expect(first).toContain('KELURAHAN');
      expect(first).toMatch(/WIB/); // Jakarta time, though the browser's zone is London
      expect(await page.locator('.fee').innerText()).toBe('Gratis (Rp 0)');
      await page.screenshot({ path: path.join(SCREENSHOTS, `lacak-${name}.png`), fullPage: true });
      await page.context().close();
    }
  });

  it('shows no NIK, name, phone or email, in the page or in any answer it received', async () => {
    const { page, answers } = await open(`/lacak/${trackingCode}`);
    await page.getByRole('heading', { level: 2 }).waitFor();
    await page.waitForLoadState('networkidle');
    const everything = [await page.content(), ...answers].join('\n');
    for (const secret of Object.values(APPLICANT)) expect(everything).not.toContain(secret);
    expect(everything).toContain(trackingCode);
    await page.context().close();
  });

  it('shows which notices went to the applicant (kind, channel, delivered), never their text or the number', async () => {
    await eventually(() => p.http('GET', `/v1/track/${trackingCode}`), (r) => r.body.notices?.[0]?.delivered === true, 'the filing notice delivered');
    const { page, answers } = await open(`/lacak/${trackingCode}`);
    const notices = page.locator('ul.notices > li');
    await notices.first().waitFor();
    expect(await notices.first().innerText()).toMatch(/Permohonan diterima · SMS · terkirim/);
    await page.waitForLoadState('networkidle');
    const text = (await page.content()) + answers.join('\n');
    const body: Array<{ body: string }> = await p.db.query(`SELECT body FROM applicant_notice WHERE channel = 'sms' AND body LIKE $1`, [`%${trackingCode}%`]);
    expect(body).toHaveLength(1);
    expect(text).not.toContain(body[0].body);
    expect(text).not.toContain(APPLICANT.phone.slice(1));
    await page.context().close();
  });

  it("shows the agencies' missed deadlines and the governor's list, with no personal data in the page or its answers", async () => {
    const { page, answers } = await open('/akuntabilitas?month=2018-10');
    const ranking = page.getByRole('region', { name: 'Peringkat tenggat terlewat' });
    await ranking.getByRole('row', { name: /Dinas Cipta Karya/ }).waitFor();
    expect(await ranking.getByRole('row', { name: /Dinas Cipta Karya/ }).innerText()).toMatch(/1\s+0\s+1/);
    const governor = page.getByRole('region', { name: 'Daftar gubernur' });
    expect(await governor.getByRole('row', { name: /Dinas Cipta Karya/ }).innerText()).toContain('3 (sudah diputus)');
    await page.waitForLoadState('networkidle');
    const everything = [await page.content(), ...answers].join('\n');
    for (const secret of [...Object.values(APPLICANT), trackingCode, 'BROWSERACC1', 'TRK-', 'officer-browser']) expect([secret, everything.includes(secret)]).toEqual([secret, false]);
    await page.context().close();
  });

  it('takes a code typed in lower case without dashes, and says plainly when a code is unknown', async () => {
    const { page } = await open('/lacak');
    await page.getByLabel('Kode pelacakan').fill(trackingCode.replace(/-/g, '').toLowerCase());
    await page.getByRole('button', { name: 'Lacak' }).click();
    await page.getByRole('heading', { level: 2, name: 'Permohonan Anda sedang diperiksa' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/lacak/${trackingCode}`);
    await page.goto(`${p.baseUrl}/lacak/AAAA-BBBB-CCCC`);
    await page.getByRole('alert').filter({ hasText: 'Tidak ada permohonan dengan kode ini' }).waitFor();
    await page.context().close();
  });

  it('files a report of an illegal fee from the tracking page and gives its code', async () => {
    const { page } = await open(`/lacak/${trackingCode}`);
    await page.getByLabel('Jenis laporan').selectOption('illegal_fee');
    await page.getByLabel(/Ceritakan singkat/).fill('Diminta uang administrasi Rp 200.000 di loket');
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    const status = page.getByRole('status');
    await status.filter({ hasText: 'Laporan diterima' }).waitFor();
    const code = (await status.innerText()).split(':').pop()!.trim();
    // The follow-up PIN is shown once, beside the code: only the filer can reopen the report.
    expect(await page.locator('[data-pin]').innerText()).toMatch(/^[0-9A-Z]{8}$/);
    const filed = await p.http('GET', `/v1/complaints/${code}`);
    expect([filed.status, filed.body.category, filed.body.applicationTrackingCode]).toEqual([200, 'illegal_fee', trackingCode]);
    await page.context().close();
  });

  it('follows a report by its code: the office that answers, its public answer, and one reopening with the PIN', async () => {
    const { page, answers } = await open(`/lacak/${trackingCode}`);
    await page.getByLabel('Jenis laporan').selectOption('slow_service');
    await page.getByLabel(/Ceritakan singkat/).fill(`Berkas atas nama ${APPLICANT.name} lama sekali`);
    await page.getByRole('button', { name: 'Kirim laporan' }).click();
    const pin = await page.locator('[data-pin]').innerText();
    await page.getByRole('link', { name: 'Ikuti laporan ini' }).click();
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    // The complaint names the application: the office that received it answers.
    const assigned = await eventually(() => p.http('GET', `/v1/complaints/${code}`), (r) => r.body.status === 'assigned', 'the complaint assigned');
    await page.reload();
    await page.locator('h2[data-status="assigned"]').waitFor();
    expect(await page.locator('dl').innerText()).toContain(assigned.body.responsibleOfficeName);
    const admin = await p.token({ role: 'admin', sub: 'pengaduan-admin' });
    expect((await p.http('POST', `/v1/complaints/${code}/answer`, { token: admin, body: { text: 'Berkas Anda diproses hari ini.' } })).status).toBe(200);
    await page.reload();
    await page.getByText('Berkas Anda diproses hari ini.').waitFor();
    await page.getByLabel(/PIN tindak lanjut/).fill('WRONG123');
    await page.getByLabel('Alasan').fill('Belum ada kabar.');
    await page.getByRole('button', { name: 'Buka kembali' }).click();
    await page.getByRole('alert').filter({ hasText: /PIN/ }).waitFor();
    await page.getByLabel(/PIN tindak lanjut/).fill(pin);
    await page.getByRole('button', { name: 'Buka kembali' }).click();
    await page.locator('h2[data-status="reopened"]').waitFor();
    expect(await page.getByRole('button', { name: 'Buka kembali' }).count()).toBe(0);
    // Neither the page nor anything it loaded since shows the description (it names the applicant).
    const shown = [await page.content(), ...answers.slice(answers.findIndex((a) => a.includes(`/v1/complaints/${code}`)))];
    expect(shown.filter((t) => t.includes(APPLICANT.name) || t.includes(APPLICANT.nik))).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('switches to English and keeps the choice after a reload', async () => {
    const { page } = await open(`/lacak/${trackingCode}`);
    await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Your application is being reviewed' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Your application is being reviewed' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.context().close();
  });

  it('lists every permit type in the public catalogue and draws each one\'s diagram', async () => {
    const { page } = await open('/layanan');
    await page.locator('.cards .card').first().waitFor();
    expect(await page.locator('.cards .card').count()).toBe(types.length);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'layanan-desktop.png'), fullPage: true });
    for (const type of types) {
      await page.goto(`${p.baseUrl}/layanan/${type.code}`);
      await page.locator('.diagram-canvas[data-state="shown"]').waitFor();
      const shapes = await page.locator('.diagram-canvas .djs-element.djs-shape').count();
      expect([type.code, shapes > 3]).toEqual([type.code, true]);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, `layanan-${types[types.length - 1].code}-desktop.png`), fullPage: true });
    await page.context().close();
  });

  it('has no serious or critical accessibility violation on any citizen page', async () => {
    for (const url of ['/', '/lacak', `/lacak/${trackingCode}`, '/layanan', '/layanan/PBG', '/akuntabilitas?month=2018-10']) {
      for (const viewport of Object.values(VIEWPORTS)) {
        const { page } = await open(url, viewport);
        await page.locator('main h1').waitFor();
        await page.waitForLoadState('networkidle');
        expect([url, await seriousViolations(page)]).toEqual([url, []]);
        await page.context().close();
      }
    }
  });
});
