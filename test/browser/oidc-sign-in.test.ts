// Story: in production the console signs officers in through the province's identity provider. Here a
// local OpenID Connect provider (test/support/oidc-provider.ts) plays it, and the API trusts only its
// keys (JWKS_URL, JWT_ISSUER, JWT_AUDIENCE) with the console's public client id (OIDC_CLIENT_ID). The
// lurah of Gambir opens the sign-in page, finds the SSO button and no development sign-in, goes to the
// provider and back; the console exchanges the code with its PKCE verifier, keeps the access token in
// the tab, and the inbox loads with it. A forged return (wrong state) is refused; signing out ends it.
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from '../support/browser';
import { OidcProvider, startOidcProvider } from '../support/oidc-provider';
import { seriousViolations } from './axe';
import { consoleOnPlatform, PHONE } from './console';

const OFFICE = 'kel-31.71.01.1001';

describe('OpenID Connect sign-in of the console, in a real browser', () => {
  // The provider first: the platform is started trusting it, and the browser last.
  let idp: OidcProvider;
  beforeAll(async () => {
    idp = await startOidcProvider();
  });
  afterAll(() => idp?.close());
  const suite = consoleOnPlatform(() => ({ worker: false, env: idp.apiEnv }));

  const tabStorage = (page: Page, key: string) => page.evaluate((k) => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem(k), key);

  it('tells the console to offer SSO and not the development sign-in', async () => {
    const config = await suite.p.http('GET', '/v1/console/config');
    expect(config.body).toEqual({ devSignIn: false, oidc: { issuer: idp.issuer, clientId: idp.clientId, scope: 'openid profile' } });
    expect((await suite.p.http('GET', '/v1/dev/sign-in')).status).toBe(404);
  });

  it('signs the lurah in through the identity provider with PKCE, and the inbox loads with the access token', async () => {
    idp.user = { sub: 'lurah-gambir', role: 'approver', agency: 'KELURAHAN', office: OFFICE, position: 'head' };
    const page = await suite.ui.newPage();
    const visited: string[] = [];
    page.on('request', (r) => {
      if (r.isNavigationRequest()) visited.push(r.url());
    });
    await page.goto(`${suite.p.baseUrl}/masuk`);
    const sso = page.getByRole('button', { name: 'Masuk dengan SSO' });
    await sso.waitFor();
    expect(await page.getByLabel('Peran').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'masuk-sso-desktop.png'), fullPage: true });

    // The inbox's first read of the tasks, with the access token the provider signed.
    const inboxRead = page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/tasks' && r.request().method() === 'GET');
    await sso.click();
    await page.getByRole('heading', { level: 1, name: 'Kotak masuk' }).waitFor();
    // The browser went to the provider with a S256 challenge and came back to the callback with a code.
    const authorize = new URL(visited.find((u) => u.startsWith(`${idp.issuer}/authorize`)) ?? `${idp.issuer}/none`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${suite.p.baseUrl}/masuk/sso`);
    expect(idp.tokenRequests).toEqual([{ accepted: true }]);
    // The code is gone from the address bar, the verifier from the tab; the token stays in the tab only.
    expect(page.url()).toBe(`${suite.p.baseUrl}/kotak-masuk`);
    expect(await tabStorage(page, 'satupintu.sso')).toBeNull();
    const session = JSON.parse((await tabStorage(page, 'satupintu.session'))!);
    expect(session).toMatchObject({ sub: 'lurah-gambir', role: 'approver', agency: 'KELURAHAN', office: OFFICE, position: 'head', via: 'sso' });
    // The API accepted the provider's token: the inbox read the office's tasks with it.
    const read = await inboxRead;
    expect([read.status(), read.request().headers().authorization]).toEqual([200, `Bearer ${session.token}`]);
    expect((await suite.p.http('GET', '/v1/tasks?limit=1', { token: session.token })).status).toBe(200);
    // A head sees the SLA wall in the menu; signing out ends the session in the tab.
    await page.getByRole('link', { name: 'Papan SLA' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('link', { name: 'Masuk (petugas)' }).waitFor();
    expect(await tabStorage(page, 'satupintu.session')).toBeNull();
  });

  it('refuses a return from the identity provider that this tab did not start', async () => {
    const page = await suite.ui.newPage(PHONE);
    await page.goto(`${suite.p.baseUrl}/masuk/sso?code=stolen-code&state=forged`);
    await page.getByRole('alert').filter({ hasText: 'Masuk melalui SSO gagal: sesi masuk tidak cocok' }).waitFor();
    expect(await tabStorage(page, 'satupintu.session')).toBeNull();
    expect(new URL(page.url()).search).toBe('');
    expect(idp.tokenRequests.length).toBe(1); // no exchange was attempted
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('says so when the identity provider signs nobody in', async () => {
    idp.user = undefined;
    const page = await suite.ui.newPage(PHONE);
    await page.goto(`${suite.p.baseUrl}/masuk`);
    await page.getByRole('button', { name: 'Masuk dengan SSO' }).click();
    await page.getByRole('alert').filter({ hasText: 'nobody signed in at the identity provider' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'masuk-sso-gagal-phone.png'), fullPage: true });
  });
});
