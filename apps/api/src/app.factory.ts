import 'reflect-metadata';
import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { withLogContext } from '../../../libs/logging/logger';
import { AppModule } from './app.module';
import { serveConsole } from './console/console';
import { bodyParserProblems, inspectBody, inspectUrl } from './common/body-inspection';
import { addGlobalProblems, ProblemDto } from './common/openapi';
import { ApiMetrics } from './observability/api-metrics';
import { HttpTelemetry } from './observability/http-telemetry';
import { TRACING, Tracing } from './observability/tracing.provider';

/** Nest's own log lines go through pino, with personal data masked. */
const STARTUP_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

function nestLogger(logger: Logger): LoggerService {
  return {
    log: (m, ctx) => (STARTUP_CHATTER.has(ctx) ? logger.debug({ ctx }, String(m)) : logger.info({ ctx }, String(m))),
    error: (m, trace, ctx) => logger.error({ ctx, trace }, String(m)),
    warn: (m, ctx) => logger.warn({ ctx }, String(m)),
    debug: (m, ctx) => logger.debug({ ctx }, String(m)),
    verbose: (m, ctx) => logger.trace({ ctx }, String(m)),
  };
}

export function openApiDocument(app: INestApplication) {
  const config = new DocumentBuilder()
    .setTitle('satupintu API')
    .setDescription(
      'Permit orchestration for the PTSP one-stop offices of DKI Jakarta. Errors are RFC 9457 application/problem+json; every POST takes an Idempotency-Key header.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return addGlobalProblems(SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] }));
}

/**
 * Builds the HTTP app: helmet, CORS, request ids and logging, the JSON body parser and its checks,
 * OpenAPI at /docs. Validation, the problem filter, guards and idempotency are the app module's
 * globals; stopping on a signal is main.ts's.
 */
export async function createApiApp(config: AppConfig, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: nestLogger(logger),
    abortOnError: false,
  });
  app.use(helmet({ contentSecurityPolicy: false }));
  serveConsole(app);
  // Browsers may call the API only from configured origins (CORS_ORIGINS); by default none may.
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.http.corsOrigins,
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match', 'X-Request-Id'],
      exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
      maxAge: 600,
    });
  }
  const telemetry = new HttpTelemetry(app.get(ApiMetrics), app.get<Tracing>(TRACING));
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    req.id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    telemetry.begin(req);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      telemetry.end(req, res, ms / 1000);
      logger.info({ requestId: req.id, method: req.method, path: req.path, status: res.statusCode, ms }, 'request');
    });
    next();
  });
  app.useBodyParser('json', { limit: '1mb', type: ['application/json', 'application/*+json'] });
  app.use(bodyParserProblems);
  // Every line logged while serving the request carries its id (libs/logging/logger.ts), and its trace
  // id when tracing is on. Opened after the body parser: stream callbacks would otherwise lose the async context.
  app.use((req: Request & { id?: string }, _res: Response, next: NextFunction) => {
    const traceId = telemetry.traceId(req);
    withLogContext(traceId ? { requestId: req.id, traceId } : { requestId: req.id }, () => telemetry.enter(req, next));
  });
  app.use(inspectUrl);
  app.use(inspectBody);
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** Closes what the providers opened. */
export async function closeApiApp(app: INestApplication): Promise<void> {
  const client = app.get(Client);
  const db = app.get(DataSource);
  const tracing = app.get<Tracing>(TRACING);
  await app.close();
  await client.connection.close();
  if (db.isInitialized) await db.destroy();
  await tracing.shutdown();
}
