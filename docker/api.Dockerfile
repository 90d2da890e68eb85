# syntax=docker/dockerfile:1
# satupintu API (NestJS). Build from the repository root:
#   docker build -f docker/api.Dockerfile -t satupintu-api .
# or through docker/compose.yaml.

# ---- build: install all deps, compile TypeScript, then drop dev deps ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
# The postinstall hook (scripts/toolchain.js) fetches Temporal dev binaries for tests; images don't need them.
ENV SATUPINTU_SKIP_TOOLCHAIN=1
COPY package.json package-lock.json ./
COPY scripts/toolchain.js scripts/toolchain.js
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
COPY workflows workflows
COPY activities activities
COPY scripts scripts
# tsc writes dist/ mirroring the repo (dist/apps/api/src/main.js). JSON seed files are copied
# alongside so code reading them relative to __dirname finds them whether or not it imports them.
RUN npx tsc -p tsconfig.build.json \
 && test -f dist/apps/api/src/main.js && test -f dist/apps/api/src/cluster.js && test -f dist/scripts/migrate.js \
 && npx vite build --config apps/console/vite.config.mjs --logLevel warn \
 && test -f apps/console/dist/index.html \
 && if [ -d libs/database/seed ]; then mkdir -p dist/libs/database/seed && cp libs/database/seed/*.json dist/libs/database/seed/; fi \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: production deps + compiled output, non-root ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# Files stay root-owned (read-only for the app); the process runs as the image's `node` user.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web console, served by the API from / (found by apps/api/src/console/console.ts).
COPY --from=build /app/apps/console/dist ./apps/console/dist
USER node
EXPOSE 3000
# No curl in the slim image: probe /health with Node's built-in fetch.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# cluster.js is main.js itself, or with API_PROCESSES > 1 that many of them behind PORT (Node's cluster module).
CMD ["node", "dist/apps/api/src/cluster.js"]
