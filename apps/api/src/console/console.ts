// The web console (apps/console, built by Vite) served from `/` by the API itself: static assets, and
// index.html for every other page path so the console's own router takes over. The API keeps /v1,
// /docs, /health and /metrics.
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';

const API_PATHS = /^\/(v1|docs|health|metrics)(\/|$|-)/;

/**
 * Paths that name a file (a missing asset answers 404, not the console). Only these extensions: a page
 * path may hold dots too (a task page, /kotak-masuk/<applicationId>.<stepId>.<attempt>).
 */
const FILE_PATHS = /\.(js|mjs|css|map|html|json|txt|xml|svg|png|jpe?g|gif|webp|ico|woff2?|ttf|webmanifest)$/i;

/** The built console: apps/console/dist, found from here in the source tree and in the compiled one. */
export function consoleDir(start = __dirname): string | undefined {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'apps', 'console', 'dist');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return undefined;
}

export function serveConsole(app: NestExpressApplication, dir = consoleDir()): void {
  if (!dir) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || API_PATHS.test(req.path)) return next();
      res.status(503).type('text/plain').send('The web console is not built: run `npm run build:console` (npm start does it for you).\n');
    });
    return;
  }
  // Hashed file names: the assets may be cached for good; index.html never is.
  app.useStaticAssets(dir, { index: false, immutable: true, maxAge: '365d', fallthrough: true });
  const index = path.join(dir, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || FILE_PATHS.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
