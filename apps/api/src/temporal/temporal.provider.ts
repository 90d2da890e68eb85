import { Provider } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../config.provider';
import { TRACING, Tracing } from '../observability/tracing.provider';

/**
 * A thin provider for the Temporal client: one connection per API process, closed on shutdown. The
 * SDK's native connection (Rust) costs the API about half the CPU of grpc-js per call; its errors carry
 * fewer words, which workflow-errors.ts makes up for. With tracing on, starts, updates and signals are
 * spans of the HTTP request's trace, and carry it into the workflow.
 */
export const temporalClientProvider: Provider = {
  provide: Client,
  inject: [APP_CONFIG, TRACING],
  useFactory: async (config: AppConfig, tracing: Tracing) => {
    const connection = await NativeConnection.connect({ address: config.temporal.address });
    const interceptors = tracing.enabled ? { workflow: [new OpenTelemetryWorkflowClientInterceptor({ tracer: tracing.tracer })] } : undefined;
    return new Client({ connection, namespace: config.temporal.namespace, interceptors });
  },
};
