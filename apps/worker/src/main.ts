import 'reflect-metadata';
import { NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { loadConfig } from '../../../libs/config/config';
import { createDataSource } from '../../../libs/database/data-source';
import { startWorkerHeartbeat } from '../../../libs/database/worker-heartbeat';
import { createLogger, describeError } from '../../../libs/logging/logger';
import { Client, Connection } from '@temporalio/client';
import { ensureDigestSchedule } from './digest-schedule';
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
  // The weekly accountability digest's schedule; a failure here must not keep the worker from polling.
  void Connection.connect({ address: config.temporal.address })
    .then(async (c) => {
      try {
        await ensureDigestSchedule(new Client({ connection: c, namespace: config.temporal.namespace }), config.temporal.taskQueue);
      } finally {
        await c.close();
      }
    })
    .catch((err: unknown) => logger.warn({ err: describeError(err) }, 'accountability digest schedule not created; the next worker start tries again'));
  let lastHeartbeatError = '';
  const heartbeat = startWorkerHeartbeat(db, config.temporal.taskQueue, (err) => {
    const message = err instanceof Error ? err.message : String(err);
    if (message !== lastHeartbeatError) logger.warn({ err: message }, 'worker heartbeat not recorded (PostgreSQL unreachable?); retrying');
    lastHeartbeatError = message;
  });
  // Under `npm start`, the supervisor listens on an IPC channel: tell it we poll, and stop when it is gone.
  process.send?.({ type: 'ready' });
  process.channel?.unref(); // the channel alone must not keep the process alive
  process.once('disconnect', () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  });
  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker running');
  try {
    // Runtime handles SIGINT/SIGTERM: the worker stops polling, finishes in-flight tasks, and run() resolves.
    await worker.run();
  } finally {
    await heartbeat.stop();
    await connection.close();
    await db.destroy();
    logger.info('worker stopped');
  }
}

main().catch((err) => {
  process.stderr.write(`worker failed: ${describeError(err)}\n`);
  process.exit(1);
});
