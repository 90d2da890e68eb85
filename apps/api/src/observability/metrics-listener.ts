import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../config.provider';
import { ApiMetrics, PROMETHEUS_CONTENT_TYPE } from './api-metrics';

/**
 * With METRICS_PORT set, the same metrics on a port of their own (GET /metrics only), for a scraper that
 * reaches the process directly: the public load balancer forwards the API port only. No token here: the
 * network keeps this port private.
 */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly metrics: ApiMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.observability?.metrics;
    if (settings?.port === undefined) return;
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Only GET /metrics is served on this port.\n');
        return;
      }
      this.metrics.text().then(
        (text) => res.writeHead(200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE }).end(text),
        () => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('The metrics could not be collected; see the API log.\n'),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.port, settings.host, () => resolve());
    });
    this.server = server;
  }

  /** The port metrics are served on (the one given, or the one the system chose for 0); undefined without METRICS_PORT. */
  port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
