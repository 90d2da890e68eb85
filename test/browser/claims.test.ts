// Stories of who holds a kelurahan task, in a real browser against the real platform. Each story files
// in a kelurahan of Kemayoran no other suite files in, so its queues hold its own tasks only.
//   (a) an officer signs in, claims the top task, approves it, and the next task of the queue opens;
//   (b) a second officer of the same office, whose page is open on the task, is refused when she decides
//       it after her colleague claimed it, and is told who holds it;
//   (c) the lurah hands a task to an officer, who finds it in "Tugas saya".
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from '../support/browser';
import { eventually } from '../support/time-skipping';
import { seriousViolations } from './axe';
import { consoleOnPlatform, DESKTOP, fileSkdu, PHONE } from './console';

describe('claims in the approver inbox, in a real browser', () => {
  const suite = consoleOnPlatform();

  /** Files `n` business domicile letters in the kelurahan and waits until its inbox lists their planned tasks. */
  async function fileIn(kelurahan: string, n: number): Promise<Array<{ id: string; trackingCode: string }>> {
    const integrator = await suite.p.token({ role: 'integrator', sub: `kiosk-${kelurahan}` });
    const filed: Array<{ id: string; trackingCode: string }> = [];
    for (let i = 0; i < n; i++) filed.push(await fileSkdu(suite.p, integrator, kelurahan, `Jl. Garuda ${i + 1}`));
    const officer = await suite.p.token({ role: 'approver', agency: 'KELURAHAN', office: `kel-${kelurahan}` });
    await eventually(
      () => suite.p.http('GET', '/v1/tasks?queue=open&limit=50', { token: officer }),
      (r) => r.status === 200 && r.body.items.filter((t: { dueAt: string | null }) => t.dueAt).length === 2 * n,
      `the tasks of kel-${kelurahan} in the inbox`,
    );
    return filed;
  }

  /** A fresh browser page signed in through the development sign-in as `login` of the kelurahan's office, on its inbox. */
  async function signIn(kelurahan: string, login: string, position: 'officer' | 'head', viewport = DESKTOP): Promise<Page> {
    const { page } = await suite.ui.signIn({ agency: 'KELURAHAN', position, office: `kel-${kelurahan}`, login }, { viewport });
    await page.getByRole('heading', { level: 1, name: 'Kotak masuk' }).waitFor();
    return page;
  }

  const tab = (page: Page, name: RegExp) => page.getByRole('navigation', { name: 'Antrean tugas' }).getByRole('link', { name });
  const taskIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

  it('(a) an officer claims the top task, approves it, and the next task of the queue opens', async () => {
    const kelurahan = '31.71.04.1003';
    await fileIn(kelurahan, 2);
    const page = await signIn(kelurahan, 'ani', 'officer');
    // The default queue is every open task; the tab says so and counts them.
    expect(await tab(page, /Semua terbuka/).getAttribute('aria-current')).toBe('page');
    await tab(page, /Semua terbuka/).filter({ hasText: '4' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'kotak-masuk-antrean-desktop.png'), fullPage: true });

    // The top row: claim it from the list, keyboard only.
    const top = page.getByRole('row').nth(1);
    const claimButton = top.getByRole('button', { name: /^Ambil tugas/ });
    await claimButton.focus();
    await page.keyboard.press('Enter');
    await top.getByRole('button', { name: /^Lepas tugas/ }).waitFor();
    expect(await top.innerText()).toContain('Anda');
    await tab(page, /Tugas saya/).filter({ hasText: '1' }).waitFor();

    // Open it: the page says who holds it, and the officer approves.
    await top.getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Riwayat' }).waitFor();
    const claimed = taskIdOf(page);
    expect(new URL(page.url()).search).toBe('?queue=open');
    await page.getByText('Anda memegang tugas ini').waitFor();
    expect(await page.locator('.timeline').innerText()).toContain('Tugas diambil petugas · KELURAHAN · ani');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tugas-diambil-desktop.png'), fullPage: true });
    await page.getByLabel('Setujui').check();
    await page.getByRole('button', { name: 'Kirim keputusan' }).click();

    // The next task of the same queue opens, with the queue kept in the URL.
    await page.waitForURL((url) => url.pathname.startsWith('/kotak-masuk/') && url.pathname !== `/kotak-masuk/${claimed}`);
    expect(new URL(page.url()).search).toBe('?queue=open');
    await page.getByRole('heading', { level: 2, name: 'Riwayat' }).waitFor();
    const admin = await suite.p.token({ role: 'admin' });
    expect((await suite.p.http('GET', `/v1/tasks/${claimed}`, { token: admin })).body).toMatchObject({ status: 'approved', decidedBy: 'ani', claimedBy: 'ani' });
  });

  it('(b) a second officer of the same office is refused, clearly, when she decides a task her colleague claimed', async () => {
    const kelurahan = '31.71.04.1004';
    const [filed] = await fileIn(kelurahan, 1);
    const page = await signIn(kelurahan, 'cici', 'officer', PHONE);
    await page.getByRole('row').filter({ hasText: filed.trackingCode }).first().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Riwayat' }).waitFor();
    const taskId = taskIdOf(page);
    await page.getByText('Belum ada yang mengambil tugas ini.').waitFor();

    // While her page is open, her colleague Budi claims the task.
    const budi = await suite.p.token({ role: 'approver', agency: 'KELURAHAN', office: `kel-${kelurahan}`, sub: 'budi' });
    expect((await suite.p.http('POST', `/v1/tasks/${taskId}/claim`, { token: budi })).status).toBe(200);

    await page.getByLabel('Setujui').check();
    await page.getByRole('button', { name: 'Kirim keputusan' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'claimed by another officer (budi' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/ask them to release it, or a head of KELURAHAN to reassign it/);
    expect(new URL(page.url()).pathname).toBe(`/kotak-masuk/${taskId}`);
    const admin = await suite.p.token({ role: 'admin' });
    expect((await suite.p.http('GET', `/v1/tasks/${taskId}`, { token: admin })).body).toMatchObject({ status: 'open', claimedBy: 'budi' });
    // Opened again (a reload of the task page: its path holds dots, and is still the console's), the page
    // says who holds it before she tries.
    await page.reload();
    await page.getByText('Tugas ini dipegang oleh budi.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tugas-dipegang-lain-ponsel.png'), fullPage: true });
  });

  it('(c) the lurah reassigns a task to an officer, who finds it in "Tugas saya"', async () => {
    const kelurahan = '31.71.04.1005';
    const [filed] = await fileIn(kelurahan, 1);
    const lurah = await signIn(kelurahan, 'lurah-harapan', 'head');
    await lurah.getByRole('row').filter({ hasText: filed.trackingCode }).first().getByRole('link').click();
    await lurah.getByRole('heading', { level: 2, name: 'Riwayat' }).waitFor();
    const taskId = taskIdOf(lurah);
    await lurah.getByLabel('ID petugas').fill('dedi');
    await lurah.getByRole('button', { name: 'Alihkan' }).click();
    await lurah.getByText('Tugas dialihkan ke dedi.').waitFor();
    await lurah.getByText('Tugas ini dipegang oleh dedi.').waitFor();
    expect(await lurah.locator('.timeline').innerText()).toContain('Tugas dialihkan oleh kepala · KELURAHAN · lurah-harapan → dedi');
    expect(await seriousViolations(lurah)).toEqual([]);
    await lurah.screenshot({ path: path.join(SCREENSHOTS, 'tugas-alihkan-desktop.png'), fullPage: true });

    const dedi = await signIn(kelurahan, 'dedi', 'officer', PHONE);
    await tab(dedi, /Tugas saya/).click();
    await dedi.waitForURL((url) => url.search === '?queue=mine');
    const row = dedi.getByRole('row').filter({ hasText: filed.trackingCode });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().innerText()).toContain('Anda');
    expect(await tab(dedi, /Tugas saya/).innerText()).toMatch(/1$/);
    // The filters are in the URL too, and the English switch changes the words, not the list.
    await dedi.getByLabel('Batas waktu').selectOption('soon');
    await dedi.waitForURL((url) => url.search === '?queue=mine&due=soon');
    await row.first().waitFor();
    expect(dedi.url()).not.toMatch(/3171014101900003|Budi|eyJ/);
    expect(await seriousViolations(dedi)).toEqual([]);
    await dedi.screenshot({ path: path.join(SCREENSHOTS, 'kotak-masuk-tugas-saya-ponsel.png'), fullPage: true });
    await dedi.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
    await dedi.getByRole('navigation', { name: 'Task queues' }).getByRole('link', { name: /My tasks/ }).waitFor();
    expect(taskId).toContain(filed.id);
  });
});
