import { Provider } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/config';
import { startTracing, Tracing } from '../../../../libs/observability/tracing';
import { APP_CONFIG } from '../config.provider';

export const TRACING = Symbol('TRACING');
export type { Tracing };

/** The API process's tracer: spans by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, none otherwise. */
export const tracingProvider: Provider = {
  provide: TRACING,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Tracing => startTracing('satupintu-api', config.observability?.otlpTracesUrl),
};
