# syntax=docker/dockerfile:1
# One image for all seven apps; the command picks what runs:
#   node dist/apps/<app>/src/main.js     gateway, auth, workflows, ingestion, processing, reporting, audit
#   node dist/scripts/migrate.js <app>   one service's migrations (creates its database if missing)
# Build: docker build -t mindhill:local .
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
# Dependencies first so source edits reuse this layer. argon2 ships prebuilt binaries for
# linux glibc, so no compiler toolchain is needed.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
# Only what the build reads: the repo has no .dockerignore, so COPY . would drag in
# node_modules, dist and .local (the Kafka jar cache).
COPY tsconfig.json .swcrc nest-cli.json ./
COPY scripts ./scripts
COPY libs ./libs
COPY apps ./apps
RUN npm run build && npm prune --omit=dev

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Files stay owned by root: the app user can read the code but not change it.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web console the gateway serves at / (GATEWAY_CONSOLE_DIR defaults to apps/console/dist).
COPY --from=build /app/apps/console/dist ./apps/console/dist
# Mount points of the pipeline's volumes (the root filesystem is read-only at run time), owned by
# the app user: a new named volume (docker compose) copies this ownership, so the apps can write.
#   /var/lib/mindhill/content-store  CONTENT_STORE_DIR  ingestion writes, processing reads
#   /var/lib/mindhill/reports        REPORT_OUTPUT_DIR  reporting
#   /var/lib/mindhill/file-sources   INGESTION_FILE_ROOTS  read by `file` data sources
RUN mkdir -p /var/lib/mindhill/content-store /var/lib/mindhill/reports /var/lib/mindhill/file-sources \
 && chown -R 1000:1000 /var/lib/mindhill
# The base image's "node" user, given by number so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 8080 3001 3002 3003 3004 3005 3006
CMD ["node", "dist/apps/gateway/src/main.js"]
