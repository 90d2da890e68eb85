import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ToolchainBinary {
  path: string | null;
  source: string;
}

export interface Toolchain {
  cli: ToolchainBinary;
  testServer: ToolchainBinary;
}

const ROOT = path.resolve(__dirname, '..', '..');

/** The Temporal binaries found by scripts/toolchain.js (run on `npm ci` and again here when missing). */
export function loadToolchain(): Toolchain {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const finder = require(path.join(ROOT, 'scripts', 'toolchain.js')) as { main: () => Toolchain; manifestPath: string };
  if (fs.existsSync(finder.manifestPath)) {
    const manifest = JSON.parse(fs.readFileSync(finder.manifestPath, 'utf8')) as Toolchain;
    const stillThere = (b: ToolchainBinary) => b.path === null || fs.existsSync(b.path);
    if (stillThere(manifest.cli) && stillThere(manifest.testServer) && manifest.cli.path && manifest.testServer.path) return manifest;
  }
  return finder.main();
}

/** For @temporalio/testing: an existing binary when we have one, the SDK download otherwise. */
export function executableOf(bin: ToolchainBinary): { type: 'existing-path'; path: string } | undefined {
  return bin.path ? { type: 'existing-path', path: bin.path } : undefined;
}
