// Builds the web console (apps/console) with Vite when its build is missing or older than its sources:
// `npm start` and the tests serve the console with no step of the user's.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CONSOLE = path.join(ROOT, 'apps', 'console');
const BUILT = path.join(CONSOLE, 'dist', 'index.html');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

function consoleIsStale(): boolean {
  return !fs.existsSync(BUILT) || fs.statSync(BUILT).mtimeMs < newest(CONSOLE);
}

/** Resolves once the console is built; rejects with Vite's own last words when the build fails. */
export async function ensureConsoleBuilt(log: (line: string) => void): Promise<'fresh' | 'built'> {
  if (!consoleIsStale()) return 'fresh';
  log('building the web console (apps/console, a few seconds, only when its sources changed)');
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--config', path.join(CONSOLE, 'vite.config.mjs'), '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const take = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean));
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`the console build failed (code ${code}): ${output.slice(-5).join(' / ')}`);
  return 'built';
}
