/**
 * @jest-environment jsdom
 */
// Who holds a task, on the task page: an officer claims or releases, a head also assigns (the officer's
// id typed, the office's current holders suggested). Only the HTTP edge is stood in for.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nProvider } from '../../app/i18n';
import type { Session } from '../../app/session';
import { TaskHolder } from './TaskHolder';
import type { InboxTask } from './types';

const TASK = {
  id: '0123456789ABCDEFGHJKMNPQ.kelurahan_verification.1',
  trackingCode: 'AB12-CD34-EF56',
  status: 'open',
  claimedBy: 'budi',
  claimedAt: '2026-11-30T02:00:00.000Z',
} as InboxTask;
const officer: Session = { token: 't', sub: 'sari', role: 'approver', agency: 'KELURAHAN', office: 'kel-31.71.01.1001', position: 'officer' };
const head: Session = { ...officer, sub: 'lurah', position: 'head' };

let posted: Array<{ url: string; body: unknown }>;
beforeEach(() => {
  posted = [];
  globalThis.crypto.randomUUID ??= (() => '00000000-0000-4000-8000-000000000000') as Crypto['randomUUID'];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (init?.method === 'POST') posted.push({ url, body: JSON.parse(String(init.body)) });
    const body = url.startsWith('/v1/tasks?') ? { items: [{ claimedBy: 'budi' }, { claimedBy: 'dedi' }, { claimedBy: null }, { claimedBy: 'budi' }], nextCursor: null } : {};
    return { ok: true, status: 200, json: async () => body } as Response;
  }) as typeof fetch;
});

const show = (session: Session, onChanged = jest.fn()) =>
  render(
    <I18nProvider initial="id">
      <TaskHolder task={TASK} session={session} onChanged={onChanged} />
    </I18nProvider>,
  );

describe(TaskHolder.name, () => {
  it("tells an officer who holds the task, and offers her neither release nor assignment of another's claim", () => {
    show(officer);
    expect(screen.getByRole('status').textContent).toContain('Tugas ini dipegang oleh budi.');
    expect(screen.queryByRole('button', { name: 'Lepaskan tugas ini' })).toBeNull();
    expect(screen.queryByLabelText('ID petugas')).toBeNull();
  });

  it('lets a head release the claim or assign the task to an officer, suggesting the officers holding open tasks', async () => {
    const onChanged = jest.fn();
    const { container } = show(head, onChanged);
    await waitFor(() => expect([...container.querySelectorAll('#assign-officers option')].map((o) => o.getAttribute('value'))).toEqual(['budi', 'dedi']));

    fireEvent.change(screen.getByLabelText('ID petugas'), { target: { value: ' dedi ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Alihkan' })));

    expect(posted).toEqual([{ url: `/v1/tasks/${TASK.id}/assign`, body: { officerId: 'dedi' } }]);
    expect(onChanged).toHaveBeenCalledWith('Tugas dialihkan ke dedi.');
    expect(screen.getByRole('button', { name: 'Lepaskan tugas ini' })).toBeTruthy();
  });
});
