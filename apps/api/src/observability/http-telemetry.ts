import { context, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Request, Response } from 'express';
import type { Tracing } from '../../../../libs/observability/tracing';
import type { ApiMetrics } from './api-metrics';

const SPAN = Symbol('satupintu.span');
type TracedRequest = Request & { [SPAN]?: Span };

/**
 * The label of a request: Express's matched route template (`/v1/applications/:id`), never the URL, so
 * ids do not multiply the series. A request no route matched is `unmatched` when it ended in 404, and
 * `static` otherwise (the console's pages and assets).
 */
export function routeOf(req: Request, status: number): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${req.baseUrl ?? ''}${route}`;
  return status === 404 ? 'unmatched' : 'static';
}

/**
 * What each HTTP request leaves behind: one observation in the latency histogram and, with tracing on,
 * one server span (a child of the caller's W3C traceparent) whose context the request's work runs in,
 * down to the Temporal client, which carries it into the workflow.
 */
export class HttpTelemetry {
  constructor(
    private readonly metrics: ApiMetrics,
    private readonly tracing: Tracing,
  ) {}

  /** On arrival, before the body is read. Scrapes of /metrics are counted, not traced (a trace every 15 s says nothing). */
  begin(req: Request): void {
    if (!this.tracing.enabled || req.path === '/metrics') return;
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    (req as TracedRequest)[SPAN] = this.tracing.tracer.startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, parent);
  }

  /** Runs the rest of the request in its span's context (after the body parser, whose callbacks lose async context). */
  enter(req: Request, next: () => void): void {
    const span = (req as TracedRequest)[SPAN];
    if (!span) return next();
    context.with(trace.setSpan(context.active(), span), next);
  }

  /** The trace id of the request's span, for its log lines. */
  traceId(req: Request): string | undefined {
    return (req as TracedRequest)[SPAN]?.spanContext().traceId;
  }

  /** When the answer is sent. */
  end(req: Request, res: Response, seconds: number): void {
    const status = res.statusCode;
    const route = routeOf(req, status);
    this.metrics.observeRequest(req.method, route, status, seconds);
    const span = (req as TracedRequest)[SPAN];
    if (!span) return;
    span.updateName(`${req.method} ${route}`);
    span.setAttribute('http.route', route);
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }
}
