// What a worker tells the operator: metrics through the Temporal SDK's own Prometheus exporter (the
// SDK's workflow and activity metrics, and ours made with its metric meter, on one endpoint) and spans
// of workflows and activities, continuing the trace the API started.
import { ApplicationFailure } from '@temporalio/common';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import { ActivityInterceptorsFactory, InjectedSinks, Runtime, TelemetryOptions, WorkerInterceptors } from '@temporalio/worker';
import type { ObservabilityConfig } from '../../../libs/config/config';
import type { Tracing } from '../../../libs/observability/tracing';

/**
 * Workflow interceptors, bundled with the workflow code when tracing is on: a span per workflow run,
 * update and activity scheduled, sent out of the sandbox through the `exporter` sink. They add no command
 * to the history, so a worker with tracing on and one with it off replay the same histories (test/replay
 * replays every stored history both ways). With tracing off they are left out of the bundle: they cost
 * about half of the worker's CPU per decision and of its memory per cached application
 * (docs/perf/2026-11-30-worker.md).
 */
export const WORKFLOW_INTERCEPTOR_MODULES = [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')];

/** The sinks the workflow interceptors call: to the process's span processor, or nowhere when tracing is off. */
export function workflowTracingSinks(tracing: Pick<Tracing, 'spanProcessor' | 'resource'>): InjectedSinks<any> {
  return { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) };
}

/** The SDK's Prometheus exporter at host:WORKER_METRICS_PORT/metrics, counters with _total, durations in seconds. */
export function metricsTelemetry(config: ObservabilityConfig | undefined): TelemetryOptions['metrics'] {
  if (config?.workerMetricsPort === undefined) return undefined;
  return { prometheus: { bindAddress: `${config.metrics.host}:${config.workerMetricsPort}`, countersTotalSuffix: true, useSecondsForDurations: true } };
}

/** What failed, in few words: an ApplicationFailure's type, or the error's class. */
function failureKind(err: unknown): string {
  if (err instanceof ApplicationFailure && err.type) return err.type;
  return err instanceof Error ? err.name : 'unknown';
}

/**
 * Counts each failed activity attempt by activity type and failure kind (the SDK's own
 * temporal_activity_execution_failed_total has no kind), and, with tracing on, a span per attempt.
 */
export function activityInterceptors(tracing: Tracing | undefined): ActivityInterceptorsFactory[] {
  const failures: ActivityInterceptorsFactory = (ctx) => ({
    inbound: {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (err) {
          // The runtime's meter, labelled like the SDK's own activity metrics (the activity context's meter adds camelCase tags).
          Runtime.instance()
            .metricMeter.createCounter('satupintu_activity_failures', 'failures', 'Failed activity attempts, by activity type and failure kind')
            .add(1, { activity_type: ctx.info.activityType, task_queue: ctx.info.taskQueue, namespace: ctx.info.activityNamespace, failure: failureKind(err) });
          throw err;
        }
      },
    },
  });
  if (!tracing?.enabled) return [failures];
  const spans: ActivityInterceptorsFactory = (ctx) => ({
    inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer: tracing.tracer }),
    outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
  });
  return [spans, failures];
}

/** With tracing on, a workflow an activity starts (a notice handed to its delivery workflow) continues the activity's trace. */
export function activityClientInterceptors(tracing: Tracing | undefined): WorkerInterceptors['client'] {
  return tracing?.enabled ? { workflow: [new OpenTelemetryWorkflowClientInterceptor({ tracer: tracing.tracer })] } : undefined;
}
