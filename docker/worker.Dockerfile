# syntax=docker/dockerfile:1
# satupintu Temporal worker. Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t satupintu-worker .
# or through docker/compose.yaml. The worker bundles workflow code at start from
# dist/workflows/index.js, so dist/workflows, dist/libs and the production node_modules
# (@temporalio/worker brings the bundler) must all be in the image.

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
RUN npx tsc -p tsconfig.build.json \
 && test -f dist/apps/worker/src/main.js && test -f dist/scripts/worker-health.js \
 && test -f dist/workflows/index.js \
 && if [ -d libs/database/seed ]; then mkdir -p dist/libs/database/seed && cp libs/database/seed/*.json dist/libs/database/seed/; fi \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: production deps + compiled output, non-root ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Files stay root-owned (read-only for the app); the process runs as the image's `node` user.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
CMD ["node", "dist/apps/worker/src/main.js"]
