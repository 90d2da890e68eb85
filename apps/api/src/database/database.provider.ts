import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/config';
import { createDataSource } from '../../../../libs/database/data-source';
import { APP_CONFIG } from '../config.provider';

/** Connections an API process's pool opens at most; it holds one more to listen for calendar changes. */
export const API_POOL_SIZE = 20;

export const dataSourceProvider: Provider = {
  provide: DataSource,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig) => createDataSource(config.databaseUrl, { poolSize: API_POOL_SIZE, applicationName: 'satupintu-api' }).initialize(),
};
