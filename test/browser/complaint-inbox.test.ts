// Story: the service desk of kecamatan Gambir signs in on a phone. A citizen has complained about the
// Gambir kelurahan office (the camat's office answers those); the complaint is in the office's inbox
// with what it is about and until when to answer, never the citizen's phone. The officer answers it
// publicly, then closes it; the citizen's page shows the answer.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startPlatform, Platform } from '../support/platform';
import { eventually } from '../support/time-skipping';
import { seriousViolations } from './axe';

const PHONE = { width: 390, height: 844 };
const CITIZEN_PHONE = '081377788899';

describe("the office's complaint inbox, in a real browser", () => {
  let p: Platform;
  let browser: Browser;
  let code: string;

  beforeAll(async () => {
    p = await startPlatform();
    browser = (await launchBrowser()).browser;
    const filed = await p.http('POST', '/v1/complaints', {
      body: { channel: 'web', officeId: 'kel-31.71.01.1001', category: 'wrong_information', description: 'Syarat di loket berbeda dengan di situs.', contact: { phone: CITIZEN_PHONE } },
    });
    code = filed.body.trackingCode;
    await eventually(() => p.http('GET', `/v1/complaints/${code}`), (r) => r.body.status === 'assigned', 'the complaint assigned');
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  async function signIn(): Promise<{ page: Page; bodies: string[] }> {
    const page = await (await browser.newContext({ viewport: PHONE, locale: 'id-ID' })).newPage();
    const bodies: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/v1/complaints')) void r.text().then((t) => bodies.push(t), () => undefined);
    });
    await page.goto(`${p.baseUrl}/masuk`);
    await page.getByLabel('Peran').selectOption('approver');
    await page.getByLabel('Instansi').selectOption('KECAMATAN');
    await page.getByLabel('Kantor').selectOption('kec-31.71.01');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL((u) => u.pathname !== '/masuk');
    return { page, bodies };
  }

  it('lists the complaint with its due time, takes the public answer, then closes it', async () => {
    const { page, bodies } = await signIn();
    await page.getByRole('link', { name: 'Pengaduan', exact: true }).click();
    const item = page.locator(`li[data-complaint="${code}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('assigned');
    expect(await item.innerText()).toContain('Syarat di loket berbeda dengan di situs.');
    expect(await item.innerText()).toMatch(/Jawab paling lambat .*WIB/);
    expect(await seriousViolations(page)).toEqual([]);

    await item.getByLabel('Jawaban publik').fill('Syarat yang benar ada di situs; loket sudah kami perbaiki.');
    await item.getByRole('button', { name: 'Kirim jawaban' }).click();
    await page.locator(`li[data-complaint="${code}"][data-status="answered"]`).waitFor();
    await item.getByRole('button', { name: 'Tutup pengaduan' }).click();
    await page.locator(`li[data-complaint="${code}"][data-status="closed"]`).waitFor();
    for (const text of [await page.content(), ...bodies]) expect(text).not.toContain(CITIZEN_PHONE);

    const followed = await p.http('GET', `/v1/complaints/${code}`);
    expect(followed.body).toMatchObject({ status: 'closed', answer: 'Syarat yang benar ada di situs; loket sudah kami perbaiki.' });
  });
});
