import { Provider } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../config.provider';

/** A thin provider for the Temporal client: one connection per API process, closed on shutdown. */
export const temporalClientProvider: Provider = {
  provide: Client,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig) => {
    const connection = await Connection.connect({ address: config.temporal.address });
    return new Client({ connection, namespace: config.temporal.namespace });
  },
};
