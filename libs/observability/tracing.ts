// OpenTelemetry traces for one process (the API or a worker): spans go by OTLP/HTTP to the collector
// named in the configuration, batched; without one, no span is recorded and nothing is sent.
// The context travels with the async call chain (AsyncLocalStorage) and across processes as W3C
// trace context: in HTTP headers, and in Temporal headers through @temporalio/interceptors-opentelemetry.
import { context, propagation, trace, Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, NoopSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface Tracing {
  /** False when no collector is configured: the tracer is a no-op and the processor drops spans. */
  readonly enabled: boolean;
  readonly tracer: Tracer;
  readonly resource: Resource;
  /** What the worker hands workflow spans to (they leave the sandbox through a sink). */
  readonly spanProcessor: SpanProcessor;
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

/** Tracing off: what a process without a collector uses. */
export const NO_TRACING: Tracing = {
  enabled: false,
  tracer: trace.getTracer('satupintu'),
  resource: Resource.empty(),
  spanProcessor: new NoopSpanProcessor(),
  shutdown: async () => undefined,
};

/** `service`: the process's name in the traces (satupintu-api, satupintu-worker). */
export function startTracing(service: string, otlpTracesUrl: string | undefined): Tracing {
  if (!otlpTracesUrl) return NO_TRACING;
  const resource = new Resource({ 'service.name': service });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl }));
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // The context manager and the propagator are process-wide, and only the first registration takes:
  // a second platform in the same process (tests) shares them, and passes its own tracer explicitly.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return {
    enabled: true,
    tracer: provider.getTracer('satupintu'),
    resource,
    spanProcessor,
    shutdown: () => provider.shutdown(),
  };
}
