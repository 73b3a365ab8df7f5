# syntax=docker/dockerfile:1
# Production image: build with the dev dependencies, then run the pruned result as an
# unprivileged user. `docker compose up --build` uses it (docker-compose.yml).

FROM node:24-bookworm AS build
WORKDIR /app
# Manifests first, so the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY backend/package.json backend/
COPY frontend/package.json frontend/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY backend backend
COPY frontend frontend
COPY migrations migrations
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/tmp/clinical-grounds
WORKDIR /app
# Debian's Chromium prints the committee pack to PDF (GET /exports/committee-pack.pdf)
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
ENV CHROMIUM_PATH=/usr/bin/chromium
COPY --from=build --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=build --chown=root:root /app/node_modules node_modules
COPY --from=build --chown=root:root /app/backend/package.json backend/package.json
COPY --from=build --chown=root:root /app/backend/dist backend/dist
# the reference CSVs are read from the source tree (tsc does not copy them)
COPY --from=build --chown=root:root /app/backend/src/modules/reference/data backend/src/modules/reference/data
COPY --from=build --chown=root:root /app/frontend/package.json frontend/package.json
COPY --from=build --chown=root:root /app/frontend/dist frontend/dist
# The code belongs to root and is read-only to the app, which runs as the image's `node` user.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "backend/dist/backend/src/main.js"]
