import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsRepository } from './applications/applications.repository';
import { ApplicationsService } from './applications/applications.service';
import { AuthGuard } from './auth/auth.guard';
import { CallerThrottlerGuard } from './auth/caller-throttler.guard';
import { PostgresThrottlerStorage } from './auth/postgres-throttler.storage';
import { CalendarController } from './calendar/calendar.controller';
import { calendarSourceProvider } from './calendar/calendar.provider';
import { CalendarRepository } from './calendar/calendar.repository';
import { CalendarService } from './calendar/calendar.service';
import { ComplaintsController } from './complaints/complaints.controller';
import { ComplaintsRepository } from './complaints/complaints.repository';
import { ComplaintsService } from './complaints/complaints.service';
import { ComplaintHandlingService } from './complaints/complaint-handling.service';
import { ComplaintWorkflows } from './complaints/complaint-workflows';
import { ProblemFilter } from './common/problem';
import { createValidationPipe } from './common/validation';
import { APP_CONFIG } from './config.provider';
import { dataSourceProvider } from './database/database.provider';
import { DevSignInController } from './dev-sign-in/dev-sign-in.controller';
import { HealthController } from './health/health.controller';
import { HealthRepository } from './health/health.repository';
import { HealthService } from './health/health.service';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { IdempotencyService } from './idempotency/idempotency.service';
import { ApiMetrics } from './observability/api-metrics';
import { MetricsController } from './observability/metrics.controller';
import { MetricsListener } from './observability/metrics-listener';
import { MetricsRepository } from './observability/metrics.repository';
import { tracingProvider } from './observability/tracing.provider';
import { OfficesController } from './offices/offices.controller';
import { OfficesRepository } from './offices/offices.repository';
import { OfficesService } from './offices/offices.service';
import { OutletSessionsController } from './offices/outlet-sessions.controller';
import { OutletSessionsRepository } from './offices/outlet-sessions.repository';
import { OutletSessionsService } from './offices/outlet-sessions.service';
import { CatalogService } from './permit-types/catalog.service';
import { PermitTypesController } from './permit-types/permit-types.controller';
import { PermitTypeVersionsController } from './permit-types/permit-type-versions.controller';
import { PermitTypeVersionsRepository } from './permit-types/permit-type-versions.repository';
import { ConsoleConfigController } from './console/console-config.controller';
import { REPORT_CONTROLLERS, reportProviders } from './reports/reports.providers';
import { TasksController } from './tasks/tasks.controller';
import { TasksRepository } from './tasks/tasks.repository';
import { TasksService } from './tasks/tasks.service';
import { ApplicationWorkflows } from './temporal/application-workflows';
import { temporalClientProvider } from './temporal/temporal.provider';
import { TrackController } from './track/track.controller';
import { TrackService } from './track/track.service';
import { PublicAccountabilityController } from './accountability/public-accountability.controller';
import { TrackNoticesRepository } from './track/track-notices.repository';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksRepository } from './webhooks/webhooks.repository';
import { WebhooksService } from './webhooks/webhooks.service';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ThrottlerModule.forRoot({ throttlers: [{ name: 'default', limit: config.http.rateLimit.limit, ttl: config.http.rateLimit.windowSec * 1000 }] })],
      controllers: [HealthController, MetricsController, DevSignInController, PermitTypesController, PermitTypeVersionsController, ConsoleConfigController, OfficesController, OutletSessionsController, ApplicationsController, TasksController, TrackController, PublicAccountabilityController, WebhooksController, ...REPORT_CONTROLLERS, ComplaintsController, CalendarController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        dataSourceProvider,
        // One budget per caller across every API process: the counters live in PostgreSQL.
        { provide: ThrottlerStorage, inject: [DataSource], useFactory: (db: DataSource) => new PostgresThrottlerStorage(db) },
        temporalClientProvider,
        ApplicationWorkflows,
        CatalogService,
        PermitTypeVersionsRepository,
        OfficesRepository,
        OfficesService,
        OutletSessionsRepository,
        OutletSessionsService,
        ApplicationsRepository,
        ApplicationsService,
        TasksRepository,
        TasksService,
        TrackService,
        TrackNoticesRepository,
        ...reportProviders({ maxRangeDays: config.reports?.maxRangeDays }),
        ComplaintsRepository,
        ComplaintWorkflows,
        calendarSourceProvider,
        CalendarRepository,
        CalendarService,
        ComplaintsService,
        ComplaintHandlingService,
        WebhooksRepository,
        WebhooksService,
        IdempotencyRepository,
        IdempotencyService,
        HealthRepository,
        HealthService,
        MetricsRepository,
        { provide: ApiMetrics, inject: [MetricsRepository], useFactory: (repository: MetricsRepository) => new ApiMetrics(repository) },
        MetricsListener,
        tracingProvider,
        // The globals, each registered here and nowhere else. Guards run in this order: who is calling,
        // then whether the caller is over its budget. The filter also renders errors raised before
        // routing (the body parser's), through Nest's router error handler.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: CallerThrottlerGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
