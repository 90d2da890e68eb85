// Story: an admin runs the working calendar from the console (/kalender), in a real browser. The page
// says that next year (2027) is projected, with no decree loaded. The admin closes a kelurahan office
// for a flood, sees the closure listed, and cancels it when the water recedes; then loads 2027's decree
// from the joint decree's list of days, after which 2027 is no longer called projected, and loading the
// same decree again changes nothing. Every change is in the audit log. An officer is shown the door.
import * as path from 'node:path';
import { BusinessCalendar } from '../../libs/calendar';
import { SCREENSHOTS } from '../support/browser';
import { seriousViolations } from './axe';
import { consoleOnScratch, PHONE } from './console';

const DESKTOP = { width: 1400, height: 1000 };
const jakartaYear = () => new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

/** The first working Monday of March next year: a day a closure may name. */
function nextYearsWeekday(): string {
  const calendar = new BusinessCalendar();
  for (let day = 2; ; day++) {
    const date = `${jakartaYear() + 1}-03-${String(day).padStart(2, '0')}`;
    if (!calendar.closedDay(date)) return date;
  }
}

describe('the calendar page, in a real browser', () => {
  // A database of its own: a closure and a loaded year change the calendar of whoever reads it.
  const suite = consoleOnScratch('calendar_browser');

  it('closes an office and cancels it, loads the 2027 decree once, and says when a year is projected', async () => {
    const { page } = await suite.ui.signIn({ role: 'admin' }, { viewport: DESKTOP });
    await page.getByRole('link', { name: 'Kalender kerja' }).click();
    await page.getByRole('heading', { name: 'Kalender kerja', level: 1 }).waitFor();
    const projected = page.locator('p.notice[data-year="2027"]');
    await projected.waitFor();
    expect(await projected.textContent()).toContain('2027: proyeksi, SKB belum dimuat');
    expect(await seriousViolations(page)).toEqual([]);

    // A flood at a kelurahan office.
    const date = nextYearsWeekday();
    await page.getByLabel('Tanggal', { exact: true }).fill(date);
    await page.getByLabel('Kode kantor (kosongkan untuk seluruh provinsi)').fill('kel-31.71.01.1001');
    await page.getByLabel('Nama', { exact: true }).fill('Banjir: kantor kelurahan ditutup');
    await page.getByLabel('Dasar (keputusan/instruksi)').first().fill('Ingub DKI Jakarta Nomor 7');
    await page.getByLabel('Alasan', { exact: true }).fill('Kantor terendam banjir');
    await page.getByRole('button', { name: 'Simpan penutupan' }).click();
    await page.locator('form.calendar-closure p[role="status"].ok').waitFor();
    await page.getByLabel('Tahun', { exact: true }).selectOption(String(jakartaYear() + 1));
    const row = page.locator('table.closures tbody tr').filter({ hasText: date });
    await row.filter({ hasText: 'Berlaku' }).waitFor();
    expect(await row.textContent()).toContain('kel-31.71.01.1001');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'calendar-desktop.png'), fullPage: true });

    await row.getByRole('button', { name: 'Batalkan' }).click();
    await page.getByLabel('Alasan pembatalan').fill('Air sudah surut');
    await page.getByRole('button', { name: 'Batalkan penutupan' }).click();
    await row.filter({ hasText: 'Dibatalkan' }).waitFor();

    // The 2027 decree, typed from its list of days; the second load is the same decree.
    await page.getByLabel('Tahun', { exact: true }).selectOption('2027');
    await page.locator('p.basis[data-status="projected"]').waitFor();
    const load = page.locator('form.calendar-load');
    await load.getByLabel('Dasar (keputusan/instruksi)').fill('SKB Menag, Menaker, MenPANRB Nomor 1 Tahun 2026');
    await load.getByLabel(/Hari-hari, satu per baris/).fill('2027-01-01;national;Tahun Baru 2027 Masehi\n2027-02-05;cuti_bersama;Cuti bersama Tahun Baru Imlek');
    await load.getByRole('button', { name: 'Muat SKB' }).click();
    await load.locator('p[role="status"]', { hasText: 'SKB dimuat.' }).waitFor();
    await page.locator('p.basis[data-status="decreed"]').waitFor();
    await projected.waitFor({ state: 'detached' });
    expect(await page.locator('table.holidays tbody tr').count()).toBe(2);
    await load.getByRole('button', { name: 'Muat SKB' }).click();
    await load.locator('p[role="status"]', { hasText: 'Tidak ada perubahan' }).waitFor();

    const audit = await suite.scratch.db.query(`SELECT type, actor, note FROM audit_log WHERE subject = 'calendar' ORDER BY id`);
    expect(audit).toEqual([
      { type: 'calendar.closure_added', actor: 'dev-admin', note: 'Kantor terendam banjir' },
      { type: 'calendar.closure_cancelled', actor: 'dev-admin', note: 'Air sudah surut' },
      { type: 'calendar.year_loaded', actor: 'dev-admin', note: 'SKB Menag, Menaker, MenPANRB Nomor 1 Tahun 2026' },
    ]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('fits a phone, and shows an officer that the page is for admins', async () => {
    const { page: admin } = await suite.ui.signIn({ role: 'admin' }, { viewport: PHONE });
    await admin.goto(`${suite.api.baseUrl}/kalender`);
    await admin.getByRole('button', { name: 'Simpan penutupan' }).waitFor();
    const overflow = await admin.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'calendar-phone.png'), fullPage: true });

    const { page: officer } = await suite.ui.signIn({ role: 'approver', agency: 'DINKES' }, { viewport: DESKTOP });
    await officer.goto(`${suite.api.baseUrl}/kalender`);
    await officer.getByRole('alert').filter({ hasText: 'Halaman ini hanya untuk admin.' }).waitFor();
    expect(await officer.getByRole('link', { name: 'Kalender kerja' }).count()).toBe(0);
  });
});
