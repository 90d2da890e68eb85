import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '../../../libs/config/config';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { AuthGuard } from './auth/auth.guard';
import { CallerThrottlerGuard } from './auth/caller-throttler.guard';
import { ComplaintsController } from './complaints/complaints.controller';
import { ComplaintsService } from './complaints/complaints.service';
import { ProblemFilter } from './common/problem';
import { APP_CONFIG } from './config.provider';
import { dataSourceProvider } from './database/database.provider';
import { HealthController } from './health/health.controller';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { OfficesController } from './offices/offices.controller';
import { OfficesService } from './offices/offices.service';
import { CatalogService } from './permit-types/catalog.service';
import { PermitTypesController } from './permit-types/permit-types.controller';
import { REPORT_CONTROLLERS, reportProviders } from './reports/reports.providers';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { temporalClientProvider } from './temporal/temporal.provider';
import { TrackController } from './track/track.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ThrottlerModule.forRoot({ throttlers: [{ name: 'default', limit: config.http.rateLimit.limit, ttl: config.http.rateLimit.windowSec * 1000 }] })],
      controllers: [HealthController, PermitTypesController, OfficesController, ApplicationsController, TasksController, TrackController, WebhooksController, ...REPORT_CONTROLLERS, ComplaintsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        dataSourceProvider,
        temporalClientProvider,
        CatalogService,
        OfficesService,
        ApplicationsService,
        TasksService,
        ...reportProviders({ maxRangeDays: config.reports?.maxRangeDays }),
        ComplaintsService,
        WebhooksService,
        IdempotencyStore,
        // Guards run in this order: who is calling, then whether the caller is over its budget.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: CallerThrottlerGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
