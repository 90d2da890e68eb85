import 'reflect-metadata';
import { NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { loadConfig } from '../../../libs/config/config';
import { createDataSource } from '../../../libs/database/data-source';
import { createLogger } from '../../../libs/logging/logger';
import { createPermitWorker } from './worker.factory';

/** The worker process: no HTTP. Builds its dependencies, runs until SIGINT/SIGTERM, then drains. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { process: 'worker' });
  Runtime.install({
    logger: {
      log: (level, message, meta) => logger[level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'info')]({ ...meta }, message),
      trace: (m, meta) => logger.trace(meta ?? {}, m),
      debug: (m, meta) => logger.debug(meta ?? {}, m),
      info: (m, meta) => logger.info(meta ?? {}, m),
      warn: (m, meta) => logger.warn(meta ?? {}, m),
      error: (m, meta) => logger.error(meta ?? {}, m),
    },
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  });
  const db = createDataSource(config.databaseUrl, { applicationName: 'satupintu-worker' });
  await db.initialize();
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createPermitWorker({ connection, db, config });
  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker running');
  try {
    // Runtime handles SIGINT/SIGTERM: the worker stops polling, finishes in-flight tasks, and run() resolves.
    await worker.run();
  } finally {
    await connection.close();
    await db.destroy();
    logger.info('worker stopped');
  }
}

main().catch((err) => {
  process.stderr.write(`worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
