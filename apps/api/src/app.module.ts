import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '../../../libs/config/config';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { AuthGuard } from './auth/auth.guard';
import { ProblemFilter } from './common/problem';
import { APP_CONFIG } from './config.provider';
import { dataSourceProvider } from './database/database.provider';
import { HealthController } from './health/health.controller';
import { OfficesController } from './offices/offices.controller';
import { OfficesService } from './offices/offices.service';
import { CatalogService } from './permit-types/catalog.service';
import { PermitTypesController } from './permit-types/permit-types.controller';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { temporalClientProvider } from './temporal/temporal.provider';
import { TrackController } from './track/track.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController, PermitTypesController, OfficesController, ApplicationsController, TasksController, TrackController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        dataSourceProvider,
        temporalClientProvider,
        CatalogService,
        OfficesService,
        ApplicationsService,
        TasksService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
