/**
 * @jest-environment jsdom
 */
// The route table: a path shows its page, with the path's named segments decoded; a staff page seen
// signed out says why and links to sign-in; a path no route names says the page is not there.
import { render, screen, waitFor } from '@testing-library/react';
import { App } from './App';

// bpmn-js's diagram arrives with its stylesheets, which only the browser build (Vite) loads; no route here shows a diagram.
jest.mock('../features/catalogue/BpmnDiagram', () => ({ BpmnDiagram: () => null }));

let requested: string[];
beforeEach(() => {
  requested = [];
  window.sessionStorage.clear();
  window.localStorage.clear();
  // The edge only: every request is noted and left unanswered, so a page stays as it first shows.
  globalThis.fetch = ((input: RequestInfo | URL) => {
    requested.push(String(input));
    return new Promise<Response>(() => undefined);
  }) as typeof fetch;
});

describe('App routes', () => {
  it('says the page is not found for a path no route names', () => {
    render(<App initialPath="/tidak-ada/sama-sekali" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' })).toBeTruthy();
  });

  it('gives a page the named segment of its path, decoded', async () => {
    render(<App initialPath="/lacak/AB12%2DCD34" />);
    await waitFor(() => expect(requested).toContain('/v1/track/AB12-CD34'));
    expect(screen.queryByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeNull();
  });

  it.each([
    ['/kotak-pengaduan', 'Pengaduan untuk kantor Anda'],
    ['/skor-kecamatan', 'Rapor kecamatan'],
  ])('shows %s signed out as its title and a link to sign in', (path, title) => {
    render(<App initialPath={path} />);
    expect(screen.getByRole('heading', { level: 1, name: title })).toBeTruthy();
    const main = screen.getByRole('heading', { level: 1 }).parentElement as HTMLElement;
    const links = Array.from(main.querySelectorAll('a[href="/masuk"]'));
    expect(links.map((a) => a.textContent)).toEqual([expect.stringContaining('Silakan masuk.')]);
  });
});
