// Story: the officer of Kelurahan Karet Kuningan asked for a revision because the business name on a
// domicile letter did not match the shop's papers. The applicant corrected the name and replaced the shop
// photo. When the officer opens the task again in the console, the file says what the applicant changed
// (the field and the document, marked where they stand) and the history names them, never their old values.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startPlatform, Platform } from '../support/platform';
import { eventually } from '../support/time-skipping';
import { seriousViolations } from './axe';

// A kelurahan no other suite files in.
const KELURAHAN = '31.74.02.1004';
const OFFICE = `kel-${KELURAHAN}`;

describe('what a resubmission changed, in the console task view', () => {
  let p: Platform;
  let browser: Browser;
  let page: Page;
  let taskId: string;

  beforeAll(async () => {
    p = await startPlatform();
    browser = (await launchBrowser()).browser;
    const kiosk = await p.token({ role: 'integrator', sub: 'kiosk-revision-console' });
    const example = (await p.http('GET', '/v1/permit-types/SKDU')).body.dataSchema.examples[0];
    const photo = { type: 'foto_tempat_usaha', url: 'https://files.example.id/foto-lama.jpg', sha256: 'e'.repeat(64) };
    const filed = await p.http('POST', '/v1/applications', {
      token: kiosk,
      body: { permitType: 'SKDU', applicant: { nik: '3171014101900003', name: 'Budi Santoso' }, receivingOfficeId: OFFICE, location: { kelurahanCode: KELURAHAN, address: 'Jl. Karet 9' }, data: example, documents: [photo] },
    });
    expect(filed.status).toBe(201);
    const id: string = filed.body.id;
    const officer = await p.token({ role: 'approver', agency: 'KELURAHAN', office: OFFICE, sub: 'officer-karet' });
    const first = await eventually(
      () => p.http('GET', `/v1/applications/${id}`, { token: kiosk }),
      (r) => r.status === 200 && r.body.openTasks.some((t: { dueAt: string | null }) => t.dueAt),
      'the verification planned',
    );
    const asked = await p.http('POST', `/v1/tasks/${first.body.openTasks[0].id}/decision`, { token: officer, body: { decision: 'request_revision', note: 'Nama usaha tidak sesuai surat sewa' } });
    expect(asked.status).toBe(200);
    const resubmitted = await p.http('POST', `/v1/applications/${id}/resubmit`, {
      token: kiosk,
      body: { note: 'Nama usaha sesuai surat sewa', data: { businessName: 'Warung Makan Bu Sari Karet' }, documents: [{ ...photo, url: 'https://files.example.id/foto-baru.jpg', sha256: 'f'.repeat(64) }] },
    });
    expect(resubmitted.status).toBe(200);
    taskId = resubmitted.body.openTasks[0].id;
    // The console reads the read model: wait until it holds the second attempt.
    await eventually(() => p.http('GET', `/v1/tasks/${taskId}`, { token: officer }), (r) => r.status === 200 && r.body.status === 'open', 'the second attempt in the read model');
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('shows the officer which field and which document the applicant changed', async () => {
    await page.goto(`${p.baseUrl}/masuk`);
    await page.getByLabel('Instansi').selectOption('KELURAHAN');
    await page.getByLabel('Kantor').selectOption(OFFICE);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Kotak masuk' }).waitFor();
    await page.goto(`${p.baseUrl}/kotak-masuk/${encodeURIComponent(taskId)}`);
    await page.getByRole('heading', { level: 2, name: 'Riwayat' }).waitFor();

    const note = page.getByRole('note');
    await note.getByRole('heading', { name: /^Diperbaiki pemohon pada .*WIB/ }).waitFor();
    expect(await note.locator('.changed-fields').innerText()).toBe('businessName');
    expect(await note.locator('.changed-documents').innerText()).toBe('foto_tempat_usaha');
    expect(await note.innerText()).toContain('Nama usaha sesuai surat sewa');
    // In the file, the corrected value and the new photo carry the mark; the unchanged fields do not.
    const dossier = page.locator('.dossier');
    expect(await dossier.locator('dd').filter({ hasText: 'Warung Makan Bu Sari Karet' }).getByText('diubah').count()).toBe(1);
    expect(await dossier.locator('dd').filter({ hasText: 'perorangan' }).getByText('diubah').count()).toBe(0);
    expect(await dossier.locator('li').filter({ hasText: 'foto_tempat_usaha' }).getByText('diubah').count()).toBe(1);
    // The history names the changes on the resubmission, without the old or the new value.
    const history = page.locator('.timeline li').filter({ hasText: 'Perbaikan diserahkan' });
    expect(await history.innerText()).toContain('diubah: businessName, foto_tempat_usaha');
    expect(await page.locator('.timeline').innerText()).not.toContain('Warung Makan Bu Sari');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
