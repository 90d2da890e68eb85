// Story: the officer of Kelurahan Gambir opens the console, signs in (development sign-in), finds a
// business domicile letter in the inbox with its due time, opens it, approves it, and the next open
// task of the inbox opens by itself. The decision is in the workflow: the task is closed for good.
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from '../support/browser';
import { eventually } from '../support/time-skipping';
import { seriousViolations } from './axe';
import { consoleOnPlatform, fileSkdu } from './console';

// A kelurahan no other suite files in: its inbox holds this story's tasks only.
const KELURAHAN = '31.74.02.1007';
const OFFICE = `kel-${KELURAHAN}`;

describe('the approver inbox of the console, in a real browser', () => {
  let page: Page;
  let trackingCode: string;
  let applicationId: string;

  const suite = consoleOnPlatform();
  beforeAll(async () => {
    page = await suite.ui.newPage();
    const integrator = await suite.p.token({ role: 'integrator', sub: 'kiosk-inbox' });
    ({ trackingCode, id: applicationId } = await fileSkdu(suite.p, integrator, KELURAHAN, 'Jl. Guntur 5'));
    // The inbox reads the read model: wait until it holds the kelurahan's open tasks.
    const officer = await suite.p.token({ role: 'approver', agency: 'KELURAHAN', office: OFFICE });
    await eventually(
      () => suite.p.http('GET', '/v1/tasks?status=open&limit=50', { token: officer }),
      (r) => r.status === 200 && r.body.items.filter((t: { trackingCode: string; dueAt: string | null }) => t.trackingCode === trackingCode && t.dueAt).length >= 2,
      'the kelurahan tasks in the inbox',
    );
  });

  it('signs an officer in with a development token and lists the office\'s open tasks with their due times', async () => {
    await page.goto(`${suite.p.baseUrl}/masuk`);
    await page.getByLabel('Instansi').selectOption('KELURAHAN');
    await page.getByLabel('Kantor').selectOption(OFFICE);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Kotak masuk' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/kotak-masuk');
    const ours = page.getByRole('row').filter({ hasText: trackingCode });
    // The list loads after the heading: wait for its rows before counting them.
    await ours.first().waitFor();
    expect(await ours.count()).toBeGreaterThanOrEqual(2);
    expect(await ours.first().innerText()).toMatch(/WIB/);
    expect(await page.evaluate(() => (globalThis as unknown as { location: { href: string } }).location.href)).not.toMatch(/eyJ/); // no token in the URL
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'kotak-masuk-desktop.png'), fullPage: true });
  });

  it('approves a task, and the next open task opens', async () => {
    await page.getByRole('row').filter({ hasText: trackingCode }).first().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Riwayat' }).waitFor();
    const decided = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    // The file the officer verifies: the applicant and the data, and the read is in the audit log.
    await page.getByRole('heading', { level: 2, name: 'Berkas permohonan' }).waitFor();
    expect(await page.locator('.dossier').innerText()).toContain('Budi Santoso');
    const audited = await suite.p.db.query(`SELECT 1 FROM audit_log WHERE application_id = $1 AND type = 'personal_data.read' AND task_id = $2`, [applicationId, decided]);
    expect(audited.length).toBeGreaterThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tugas-desktop.png'), fullPage: true });
    await page.getByLabel('Setujui').check();
    await page.getByRole('button', { name: 'Kirim keputusan' }).click();
    await page.waitForURL((url) => url.pathname !== `/kotak-masuk/${decided}`);
    expect(new URL(page.url()).pathname).toMatch(/^\/kotak-masuk(\/.+)?$/);
    const admin = await suite.p.token({ role: 'admin' });
    const task = await suite.p.http('GET', `/v1/tasks/${decided}`, { token: admin });
    expect(task.body.status).toBe('approved');
  });

  it('asks for the reason before a rejection is sent', async () => {
    await page.goto(`${suite.p.baseUrl}/kotak-masuk`);
    await page.getByRole('row').filter({ hasText: trackingCode }).first().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Riwayat' }).waitFor();
    await page.getByLabel('Tolak').check();
    await page.getByRole('button', { name: 'Kirim keputusan' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tuliskan alasannya' }).waitFor();
    const admin = await suite.p.token({ role: 'admin' });
    const app = await suite.p.http('GET', `/v1/applications/${applicationId}`, { token: admin });
    expect(app.body.status).toBe('in_review');
  });
});
