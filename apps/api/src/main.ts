import { loadConfig } from '../../../libs/config/config';
import { createLogger, describeError } from '../../../libs/logging/logger';
import { closeApiApp, createApiApp } from './app.factory';
import { MetricsListener } from './observability/metrics-listener';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { process: 'api' });
  const app = await createApiApp(config, logger);
  await app.listen(config.port);
  const metricsPort = app.get(MetricsListener).port();
  logger.info({ port: config.port, metricsPort }, `API listening on http://localhost:${config.port} (docs at /docs)${metricsPort ? `, metrics on port ${metricsPort}` : ''}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'API stopping');
    await closeApiApp(app);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  // Under `npm start`, the supervisor listens on an IPC channel: tell it we serve, and stop when it is gone.
  process.send?.({ type: 'ready' });
  process.channel?.unref(); // the channel alone must not keep the process alive
  process.once('disconnect', () => void stop('supervisor gone'));
}

main().catch((err) => {
  process.stderr.write(`api failed to start: ${describeError(err)}\n`);
  process.exit(1);
});
