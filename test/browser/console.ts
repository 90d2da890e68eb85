// What the console's browser suites share: the backend a suite runs against (the whole platform, or the
// API on a scratch database of its own) and a real Chromium, started before the suite's tests and closed
// after them; fresh pages, and pages signed in through the development sign-in form; a business domicile
// letter filed in a kelurahan.
import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { reportsSuite, ReportsSuite } from '../reports/support';
import { launchBrowser, SCREENSHOTS } from '../support/browser';
import { Platform, PlatformOptions, platformSuite } from '../support/platform';

export interface Viewport {
  width: number;
  height: number;
}
export const DESKTOP: Viewport = { width: 1280, height: 900 };
export const PHONE: Viewport = { width: 390, height: 844 };

/** Who signs in through the development sign-in: each field set is chosen in the form, the rest left as the form has them. */
export interface SignInAs {
  role?: string;
  agency?: string;
  position?: string;
  office?: string;
  /** The officer's id (the form's optional "ID petugas"). */
  login?: string;
}

export interface SignInOptions {
  viewport?: Viewport;
  /** Keeps the body of every answer whose URL contains this, from the sign-in on (to look for what must not leak). */
  answersFrom?: string;
  /** Installs Playwright's clock before the first page loads, so that the page's timers run only on demand. */
  clock?: boolean;
}

/** The console in a suite's Chromium, at `baseUrl`. */
export class ConsoleBrowser {
  constructor(
    readonly browser: Browser,
    readonly baseUrl: string,
    /** Which Chromium runs (see launchBrowser). */
    readonly source: string,
  ) {}

  /** A page in a context of its own (no shared storage or session), in Indonesian. */
  async newPage(viewport: Viewport = DESKTOP): Promise<Page> {
    return (await this.browser.newContext({ viewport, locale: 'id-ID' })).newPage();
  }

  /** A fresh page signed in through the development sign-in as `as`, once it has left the sign-in page. */
  async signIn(as: SignInAs, opts: SignInOptions = {}): Promise<{ page: Page; answers: string[] }> {
    const page = await this.newPage(opts.viewport);
    const answers: string[] = [];
    const from = opts.answersFrom;
    if (from !== undefined) {
      page.on('response', (r) => {
        if (r.url().includes(from)) void r.text().then((t) => answers.push(t), () => undefined);
      });
    }
    if (opts.clock) await page.clock.install();
    await page.goto(`${this.baseUrl}/masuk`);
    if (as.role) await page.getByLabel('Peran').selectOption(as.role);
    if (as.agency) await page.getByLabel('Instansi').selectOption(as.agency);
    if (as.position) await page.getByLabel('Jabatan').selectOption(as.position);
    if (as.office) await page.getByLabel('Kantor').selectOption(as.office);
    if (as.login) await page.getByLabel('ID petugas (opsional)').fill(as.login);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL((u) => u.pathname !== '/masuk');
    return { page, answers };
  }
}

async function launchConsole(baseUrl: string): Promise<ConsoleBrowser> {
  const { browser, source } = await launchBrowser();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return new ConsoleBrowser(browser, baseUrl, source);
}

/**
 * Closes the suite's browser after its tests, before the backend: jest runs afterAll hooks in the order
 * they were registered, and an API closed under the browser's open connections waits for them.
 */
function closesBrowserFirst(ui: () => ConsoleBrowser | undefined): void {
  afterAll(async () => {
    await ui()?.browser.close();
  });
}

export interface PlatformConsole {
  p: Platform;
  ui: ConsoleBrowser;
}

/**
 * Registers a browser suite on the whole platform (API and worker) as platformSuite sets it up (`opts`
 * may be a function, read when the platform starts), then a Chromium before the tests, closed after them.
 * The answer's fields are set once the suite's tests (and its later beforeAll hooks) run.
 */
export function consoleOnPlatform(opts: PlatformOptions | (() => PlatformOptions) = {}): PlatformConsole {
  const s = {} as PlatformConsole;
  closesBrowserFirst(() => s.ui);
  platformSuite((p) => (s.p = p), opts);
  beforeAll(async () => {
    s.ui = await launchConsole(s.p.baseUrl);
  });
  return s;
}

export interface ScratchConsole extends ReportsSuite {
  ui: ConsoleBrowser;
}

/**
 * Registers a browser suite on a scratch database of its own, for pages whose figures no other suite
 * may move: the database and the API on it as reportsSuite sets them up (`label` names the database,
 * `load` loads it), then a Chromium before the tests, closed after them. The answer's fields are set
 * once the suite's tests run.
 */
export function consoleOnScratch(label: string, load?: (db: DataSource) => Promise<void>): ScratchConsole {
  closesBrowserFirst(() => s.ui);
  const s = reportsSuite(label, load) as ScratchConsole;
  beforeAll(async () => {
    s.ui = await launchConsole(s.api.baseUrl);
  });
  return s;
}

/**
 * Files a business domicile letter (SKDU, with the catalogue's first example data) for a shop in
 * `kelurahan`, received at that kelurahan's office unless `opts.office` names another; answers the
 * application as filed (201).
 */
export async function fileSkdu(
  p: Platform,
  token: string,
  kelurahan: string,
  address: string,
  opts: { office?: string; applicant?: { nik: string; name: string; email?: string; phone?: string }; documents?: object[] } = {},
): Promise<{ id: string; trackingCode: string }> {
  const example = (await p.http('GET', '/v1/permit-types/SKDU')).body.dataSchema.examples[0];
  const filed = await p.http('POST', '/v1/applications', {
    token,
    body: {
      permitType: 'SKDU',
      applicant: opts.applicant ?? { nik: '3171014101900003', name: 'Budi Santoso' },
      receivingOfficeId: opts.office ?? `kel-${kelurahan}`,
      location: { kelurahanCode: kelurahan, address },
      data: example,
      documents: opts.documents ?? [],
    },
  });
  expect(filed.status).toBe(201);
  return { id: filed.body.id, trackingCode: filed.body.trackingCode };
}
