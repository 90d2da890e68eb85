/**
 * @jest-environment jsdom
 */
// The inbox page in a browser-like DOM: its queue and filters live in the URL, the tabs show each
// queue's count, and a row's Claim button sends the claim. Only the HTTP edge is stood in for: a fake
// fetch that answers like the API and records what was asked.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nProvider } from '../../app/i18n';
import { RouterProvider } from '../../app/router';
import { SessionProvider } from '../../app/session';
import { InboxPage } from './InboxPage';
import type { InboxTask } from './types';

const TASK: InboxTask = {
  id: '0123456789ABCDEFGHJKMNPQ.site_visit.1',
  applicationId: '0123456789ABCDEFGHJKMNPQ',
  trackingCode: 'AB12-CD34-EF56',
  permitType: 'SKDU',
  stepId: 'site_visit',
  stepName: 'Peninjauan lokasi usaha',
  attempt: 1,
  agency: 'KELURAHAN',
  officeId: 'kel-31.71.01.1001',
  role: 'officer',
  status: 'open',
  assignedAt: '2026-11-30T02:00:00.000Z',
  dueAt: '2099-12-01T02:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
  overdue: false,
  dueWindow: 'soon',
  businessMinutesLeft: 200,
  claimedBy: null,
  claimedAt: null,
  escalationLevel: 1,
  escalationRung: 'reminder',
};

let asked: Array<{ method: string; url: string }>;

function fakeApi(): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    asked.push({ method: init?.method ?? 'GET', url });
    const json = (body: unknown) => ({ ok: true, status: 200, json: async () => body, text: async () => JSON.stringify(body) }) as Response;
    if (url.startsWith('/v1/permit-types')) return json({ items: [{ code: 'SKDU', name: 'Surat Keterangan Domisili Usaha', steps: [{ id: 'site_visit', name: 'Peninjauan lokasi usaha' }] }] });
    if (url.startsWith('/v1/tasks/counts')) return json({ mine: 2, unclaimed: 5, open: 9, done: 40 });
    if (url.startsWith('/v1/tasks?')) return json({ items: [TASK], nextCursor: null });
    if (url.endsWith('/claim')) return json({ id: TASK.applicationId });
    throw new Error(`unexpected request ${url}`);
  }) as typeof fetch;
}

function renderAt(path: string) {
  window.history.replaceState(null, '', path);
  window.sessionStorage.setItem('satupintu.session', JSON.stringify({ token: 't', sub: 'sari', role: 'approver', agency: 'KELURAHAN', office: 'kel-31.71.01.1001', position: 'officer' }));
  return render(
    <I18nProvider initial="id">
      <SessionProvider>
        <RouterProvider>
          <InboxPage />
        </RouterProvider>
      </SessionProvider>
    </I18nProvider>,
  );
}

const tasksAsked = () => asked.filter((a) => a.url.startsWith('/v1/tasks?')).map((a) => a.url);

beforeEach(() => {
  asked = [];
  globalThis.fetch = fakeApi();
  // jsdom implements neither; the page calls both.
  window.scrollTo = () => undefined;
  globalThis.crypto.randomUUID ??= (() => '00000000-0000-4000-8000-000000000000') as Crypto['randomUUID'];
});

describe('the inbox page', () => {
  it('lists the queue and filters named in the URL, with a count on every tab', async () => {
    renderAt('/kotak-masuk?queue=unclaimed&permitType=SKDU&step=site_visit');

    await screen.findByText('AB12-CD34-EF56');
    expect(tasksAsked()).toEqual(['/v1/tasks?permitType=SKDU&step=site_visit&queue=unclaimed&limit=100']);
    expect(asked.some((a) => a.url === '/v1/tasks/counts?permitType=SKDU&step=site_visit')).toBe(true);
    const tabs = within(screen.getByRole('navigation', { name: 'Antrean tugas' }));
    expect(tabs.getByRole('link', { name: /Belum diambil/ }).getAttribute('aria-current')).toBe('page');
    expect(tabs.getAllByRole('link').map((l) => l.textContent)).toEqual(['Tugas saya 2', 'Belum diambil 5', 'Semua terbuka 9', 'Selesai 40']);
    // The row: its due window and business time left, and the rung its escalation reached.
    const row = screen.getByRole('row', { name: /AB12-CD34-EF56/ });
    expect(row.textContent).toContain('Segera jatuh tempo');
    expect(row.textContent).toContain('sisa 3 jam 20 menit kerja');
    expect(row.textContent).toContain('tingkat 1 · reminder');
  });

  it('keeps the filters when another tab is chosen, and writes a changed filter to the URL', async () => {
    renderAt('/kotak-masuk?queue=unclaimed&permitType=SKDU');
    await screen.findByText('AB12-CD34-EF56');

    await act(async () => fireEvent.click(screen.getByRole('link', { name: /Tugas saya/ })));
    expect(window.location.search).toBe('?queue=mine&permitType=SKDU');
    await act(async () => fireEvent.change(screen.getByLabelText('Batas waktu'), { target: { value: 'overdue' } }));
    expect(window.location.search).toBe('?queue=mine&permitType=SKDU&due=overdue');
    await waitFor(() => expect(tasksAsked().at(-1)).toBe('/v1/tasks?permitType=SKDU&due=overdue&queue=mine&limit=100'));
    // An office token has only its office: the office filter is not offered.
    expect(screen.queryByLabelText('Kantor (ID)')).toBeNull();
  });

  it('claims a row with its Claim button and reloads the queue', async () => {
    renderAt('/kotak-masuk?queue=unclaimed');
    const claim = await screen.findByRole('button', { name: 'Ambil tugas AB12-CD34-EF56 · Peninjauan lokasi usaha' });
    const before = tasksAsked().length;

    await act(async () => fireEvent.click(claim));

    expect(asked.filter((a) => a.method === 'POST').map((a) => a.url)).toEqual([`/v1/tasks/${TASK.id}/claim`]);
    await waitFor(() => expect(tasksAsked().length).toBe(before + 1));
  });
});
