import 'reflect-metadata';
import { NativeConnection, Runtime, RuntimeOptions, makeTelemetryFilterString } from '@temporalio/worker';
import { AppConfig, loadConfig } from '../../../libs/config/config';
import { createDataSource } from '../../../libs/database/data-source';
import { startWorkerHeartbeat } from '../../../libs/database/worker-heartbeat';
import { createLogger, describeError } from '../../../libs/logging/logger';
import { Client, Connection } from '@temporalio/client';
import { ensureCalendarFanOutSchedule } from './calendar-fan-out-schedule';
import { ensureDigestSchedule } from './digest-schedule';
import { startTracing } from '../../../libs/observability/tracing';
import { metricsTelemetry } from './telemetry';
import { createPermitWorker } from './worker.factory';

/** The SDK's runtime: its log lines through ours, its metrics to WORKER_METRICS_PORT when set. */
function installRuntime(config: AppConfig, logger: NonNullable<RuntimeOptions['logger']>): void {
  try {
    Runtime.install({ logger, telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} }, metrics: metricsTelemetry(config.observability) } });
  } catch (err) {
    const port = config.observability?.workerMetricsPort;
    if (port === undefined || !/in use/i.test(String(err))) throw err;
    throw new Error(`${err instanceof Error ? err.message : String(err)}: WORKER_METRICS_PORT ${port} is taken; give each worker on this host a port of its own`);
  }
}

/** The worker process: no HTTP of its own (the SDK serves its metrics). Builds its dependencies, runs until SIGINT/SIGTERM, then drains. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { process: 'worker' });
  installRuntime(config, {
    log: (level, message, meta) => logger[level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'info')]({ ...meta }, message),
    trace: (m, meta) => logger.trace(meta ?? {}, m),
    debug: (m, meta) => logger.debug(meta ?? {}, m),
    info: (m, meta) => logger.info(meta ?? {}, m),
    warn: (m, meta) => logger.warn(meta ?? {}, m),
    error: (m, meta) => logger.error(meta ?? {}, m),
  });
  const tracing = startTracing('satupintu-worker', config.observability?.otlpTracesUrl);
  const db = createDataSource(config.databaseUrl, { applicationName: 'satupintu-worker' });
  await db.initialize();
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createPermitWorker({ connection, db, config, tracing });
  // The weekly accountability digest's schedule and the calendar fan-out sweep's; a failure here must not
  // keep the worker from polling.
  void Connection.connect({ address: config.temporal.address })
    .then(async (c) => {
      try {
        const client = new Client({ connection: c, namespace: config.temporal.namespace });
        await ensureDigestSchedule(client, config.temporal.taskQueue);
        await ensureCalendarFanOutSchedule(client, config.temporal.taskQueue);
      } finally {
        await c.close();
      }
    })
    .catch((err: unknown) => logger.warn({ err: describeError(err) }, 'accountability digest or calendar fan-out schedule not created; the next worker start tries again'));
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
  const metricsPort = config.observability?.workerMetricsPort;
  logger.info({ taskQueue: config.temporal.taskQueue, metrics: metricsPort === undefined ? 'off' : `${config.observability?.metrics.host}:${metricsPort}/metrics`, tracing: tracing.enabled }, 'worker running');
  try {
    // Runtime handles SIGINT/SIGTERM: the worker stops polling, finishes in-flight tasks, and run() resolves.
    await worker.run();
  } finally {
    await heartbeat.stop();
    await connection.close();
    await db.destroy();
    await tracing.shutdown();
    logger.info('worker stopped');
  }
}

main().catch((err) => {
  process.stderr.write(`worker failed: ${describeError(err)}\n`);
  process.exit(1);
});
