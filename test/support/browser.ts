// A real Chromium for the console's browser tests, with nothing to install but `npm ci`: CHROMIUM_PATH
// when set, else the headless Chromium that the npm package @sparticuz/chromium unpacks, else the system's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, chromium } from 'playwright-core';

/** Without these, Chromium keeps calling home, and this machine's closed network refuses it many times a second. */
const QUIET = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function launchBrowser(): Promise<{ browser: Browser; source: string }> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    return { browser: await chromium.launch({ executablePath: fromEnv, args: ['--no-sandbox', ...QUIET] }), source: `CHROMIUM_PATH (${fromEnv})` };
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sparticuz = require('@sparticuz/chromium') as { default?: SparticuzChromium } & SparticuzChromium;
    const pkg = sparticuz.default ?? sparticuz;
    const executablePath = await pkg.executablePath();
    // Its arguments are made for one page in a Lambda; a test opens many contexts, which single-process mode cannot.
    const args = pkg.args.filter((a) => a !== '--single-process');
    return { browser: await chromium.launch({ executablePath, args: [...args, ...QUIET], headless: true }), source: `@sparticuz/chromium (${executablePath})` };
  } catch (err) {
    const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => fs.existsSync(p));
    if (!system) throw new Error(`no Chromium: @sparticuz/chromium failed (${(err as Error).message}) and none is installed; set CHROMIUM_PATH`);
    return { browser: await chromium.launch({ executablePath: system, args: ['--no-sandbox', ...QUIET] }), source: `system (${system})` };
  }
}

/** Where the browser stories leave their screenshots (test/.screenshots, not committed). */
export const SCREENSHOTS = path.resolve(__dirname, '..', '.screenshots');

interface SparticuzChromium {
  executablePath(): Promise<string>;
  args: string[];
}
