import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/config';
import { createDataSource } from '../../../../libs/database/data-source';
import { APP_CONFIG } from '../config.provider';

export const dataSourceProvider: Provider = {
  provide: DataSource,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig) => createDataSource(config.databaseUrl, { poolSize: 20, applicationName: 'satupintu-api' }).initialize(),
};
