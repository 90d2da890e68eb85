// Several API processes behind one port, with Node's cluster module (the primary accepts connections
// and hands them round-robin to its processes). The primary forks API_PROCESSES of them, reports ready
// to its supervisor once all serve, forks a new one when one dies (the others keep serving meanwhile),
// and stops them when it is stopped or its supervisor disappears. With API_PROCESSES=1 (the default)
// it is main.ts itself, so the image always starts this file.
import cluster, { Worker } from 'node:cluster';
import * as path from 'node:path';
import { AppConfig, loadConfig } from '../../../libs/config/config';
import { createLogger, describeError } from '../../../libs/logging/logger';

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5_000;

function primary(config: AppConfig): void {
  const logger = createLogger(config.logLevel, { process: 'api-primary' });
  const register = path.resolve(__dirname, '..', '..', '..', 'scripts', 'register.js');
  // Compiled (dist/) the entry is main.js beside this file; from sources, main.ts through the register hook.
  const compiled = __filename.endsWith('.js');
  cluster.setupPrimary({ exec: path.join(__dirname, compiled ? 'main.js' : 'main.ts'), execArgv: compiled ? [] : ['-r', register] });

  let stopping = false;
  let reported = false;
  let failuresInARow = 0;
  const ready = new Set<number>();
  const fork = (): Worker => {
    const w = cluster.fork();
    w.on('message', (m: { type?: string }) => {
      if (m?.type !== 'ready') return;
      ready.add(w.id);
      failuresInARow = 0;
      if (!reported && ready.size === config.apiProcesses) {
        reported = true;
        logger.info({ processes: config.apiProcesses, port: config.port }, `${config.apiProcesses} API processes serve port ${config.port}`);
        process.send?.({ type: 'ready' });
      }
    });
    return w;
  };
  cluster.on('exit', (w, code, signal) => {
    ready.delete(w.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // Before the first ready a crash is a failed start: let the supervisor see it and say why.
    if (!reported) {
      logger.error({ code, signal }, 'an API process exited before the API was ready');
      void stop(1);
      return;
    }
    const wait = Math.min(FIRST_BACKOFF_MS * 2 ** failuresInARow++, MAX_BACKOFF_MS);
    logger.warn({ pid: w.process.pid, code, signal, inMs: wait }, 'an API process died; the others keep serving, a new one starts shortly');
    setTimeout(() => (stopping ? undefined : fork()), wait).unref();
  });

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (workers.length === 0) process.exit(code);
    for (const w of workers) w.process.kill('SIGTERM');
    setTimeout(() => {
      for (const w of workers) w.process.kill('SIGKILL');
      process.exit(code);
    }, 15_000).unref();
    await Promise.all(workers.map((w) => new Promise((r) => w.once('exit', r))));
    process.exit(code);
  };
  process.once('SIGTERM', () => void stop(0));
  process.once('SIGINT', () => void stop(0));
  process.channel?.unref();
  process.once('disconnect', () => void stop(0));
  for (let i = 0; i < config.apiProcesses; i++) fork();
}

function entry(): void {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`api failed to start: ${describeError(err)}\n`);
    process.exit(1);
  }
  if (config.apiProcesses > 1) primary(config);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  else require('./main');
}

entry();
